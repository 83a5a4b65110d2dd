import { afterEach, describe, expect, it } from 'vitest';
import { SCAN_PAUSE_STALE_MS } from '../../src-main/ocr/ocr-queue.js';
import { createOcrRuntime, type OcrRuntime } from '../../src-main/ocr/ocr-runtime.js';
import type { OcrEngineFactory } from '../../src-main/ocr/ocr-types.js';
import { renderTextPage } from '../fixtures/ocr-corpus/text-page.js';
import { pagesDesk, type PagesDesk } from '../fixtures/pages-setup.js';

let desk: PagesDesk | undefined;
let ocr: OcrRuntime | undefined;
afterEach(async () => {
  await ocr?.close();
  await desk?.core.cleanup();
  ocr = undefined;
  desk = undefined;
});

/** A stand-in engine that records each call (the real one is tested elsewhere; this is about scheduling). */
const countingEngine = (calls: number[]): OcrEngineFactory => async () => ({
  recognize: (image) => {
    calls.push(image.length);
    return Promise.resolve({ text: 'trang', words: [], meanConfidence: 90, engine: 'fake', durationMs: 1 });
  },
  terminate: async () => {},
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('OCR yields to scanning', () => {
  it('starts no page while a scan batch runs, and catches up when it ends', async () => {
    desk = await pagesDesk();
    const d = desk;
    const scan = d.pages.startBatch({ dossierId: d.dossierId, source: 'scan', userId: null });
    const img = await renderTextPage({ lines: ['Trang nhập trong lúc quét'], dpi: 100, widthPx: 400 });
    const [page] = (await d.pages.importFiles({ dossierId: d.dossierId, files: [{ name: 'a.png', data: img.png }], userId: null })).pages;
    const calls: number[] = [];
    ocr = createOcrRuntime({ db: d.core.db, clock: d.core.clock, logger: d.core.logger, store: d.store, workers: 1, engine: countingEngine(calls) });
    ocr.queue.start();
    await sleep(300);
    expect(calls).toEqual([]);
    expect(ocr.service.status(d.dossierId).pages.map((p) => [p.pageId, p.status])).toEqual([[page!.id, 'pending']]);

    d.pages.endBatch(scan, 'done');
    await ocr.queue.idle();
    expect(calls).toHaveLength(1);
    expect(ocr.service.status(d.dossierId).counts).toMatchObject({ done: 1, pending: 0 });
  });

  it('does not wait for ever on a scan batch that stopped changing', async () => {
    desk = await pagesDesk();
    const d = desk;
    d.pages.startBatch({ dossierId: d.dossierId, source: 'scan', userId: null });
    const img = await renderTextPage({ lines: ['Trang hai'], dpi: 100, widthPx: 400 });
    await d.pages.importFiles({ dossierId: d.dossierId, files: [{ name: 'b.png', data: img.png }], userId: null });
    const calls: number[] = [];
    ocr = createOcrRuntime({ db: d.core.db, clock: d.core.clock, logger: d.core.logger, store: d.store, workers: 1, engine: countingEngine(calls) });
    ocr.queue.start();
    await sleep(200);
    expect(calls).toEqual([]);
    d.core.clock.advance(SCAN_PAUSE_STALE_MS + 1000);
    await ocr.queue.idle();
    expect(calls).toHaveLength(1);
  });
});
