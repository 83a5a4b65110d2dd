import { afterEach, describe, expect, it } from 'vitest';
import { ocrHandlers } from '../../src-main/ocr/handlers.js';
import { searchHandlers } from '../../src-main/search/handlers.js';
import { createOcrRuntime, type OcrRuntime } from '../../src-main/ocr/ocr-runtime.js';
import type { OcrProgress } from '../../src-main/ocr/ocr-queue.js';
import { characterErrorRate } from '../../src-shared/text/error-rate.js';
import { pagesDesk, type PagesDesk } from '../fixtures/pages-setup.js';
import { renderTextPage } from '../fixtures/ocr-corpus/text-page.js';

let desk: PagesDesk | undefined;
let ocr: OcrRuntime | undefined;
afterEach(async () => {
  await ocr?.close();
  desk?.core.cleanup();
  ocr = undefined;
  desk = undefined;
});

const lines = ['Họ và tên người yêu cầu: Nguyễn Văn Đường', 'Số định danh cá nhân: 079085001234', 'Ngày cấp: 12/03/2021, tại xã Tân Định'];

describe('OCR of a stored page with the real tesseract.js engine', () => {
  it('recognises a generated Vietnamese page in the background, stores words with boxes, and a search without diacritics finds it', async () => {
    desk = await pagesDesk();
    const page = await renderTextPage({ lines, dpi: 200, widthPx: 1200 });
    const [row] = (await desk.pages.importFiles({ dossierId: desk.dossierId, files: [{ name: 'don.png', data: page.png }], userId: desk.ctx.user!.id })).pages;
    const events: OcrProgress[] = [];
    ocr = createOcrRuntime({ db: desk.core.db, clock: desk.core.clock, logger: desk.core.logger, store: desk.store, workers: 1, onProgress: (p) => events.push(p) });
    const h = { ...ocrHandlers(ocr.service), ...searchHandlers(desk.core.db) };

    expect((await h['ocr.status']({ dossierId: desk.dossierId }, desk.ctx)).counts).toEqual({ pending: 1, running: 0, done: 0, failed: 0 });
    ocr.queue.start();
    await ocr.queue.idle();

    const status = await h['ocr.status']({ dossierId: desk.dossierId }, desk.ctx);
    expect(status.counts).toEqual({ pending: 0, running: 0, done: 1, failed: 0 });
    expect(events.map((e) => e.status)).toEqual(['running', 'done']);
    expect(events.at(-1)!.counts.done).toBe(1);

    const text = await h['ocr.pageText']({ pageId: row!.id }, desk.ctx);
    expect(text.status).toBe('done');
    // The page is clean print: Vietnamese text within a few per cent of the truth.
    const cer = characterErrorRate(page.groundTruth, text.text!);
    expect(cer).toBeLessThan(0.05);
    expect(text.text).toContain('Đường');
    expect(text.found.idNumbers).toContain('079085001234');
    expect(text.found.dates).toContain('2021-03-12');
    // Words keep their boxes (inside the image) and confidences, weakest first.
    expect(text.words.length).toBeGreaterThan(15);
    for (const w of text.words) {
      expect(w.box.x1).toBeGreaterThan(w.box.x0);
      expect(w.box.y1).toBeGreaterThan(w.box.y0);
      expect(w.box.x1).toBeLessThanOrEqual(text.imageWidth!);
      expect(w.confidence).toBeGreaterThanOrEqual(0);
    }
    expect(text.words.map((w) => w.confidence)).toEqual([...text.words.map((w) => w.confidence)].sort((a, b) => a - b));
    const duong = text.words.find((w) => w.text.includes('Đường'))!;
    expect(duong.box.y0).toBeLessThan(text.imageHeight! / 2);

    // Diacritic-free search finds the page by its text, and the snippet highlights the original words.
    const hits = await h['search.query']({ query: 'so dinh danh ca nhan', limit: 20 }, desk.ctx);
    const pageHit = hits.find((x) => x.kind === 'page');
    expect(pageHit?.pageId).toBe(row!.id);
    const marked = pageHit!.snippet.highlights.map((r) => pageHit!.snippet.text.slice(r.start, r.end));
    // Every occurrence is marked: the phrase, then "Định" of "Tân Định" further on.
    expect(marked).toEqual(['Số', 'định', 'danh', 'cá', 'nhân', 'Định']);

    // A name search finds the dossier by its applicant ("Nguyễn Thị Hồng Nhung") and the page by its text.
    const byName = await h['search.query']({ query: 'nguyen van duong', limit: 20 }, desk.ctx);
    expect(byName.map((x) => x.pageId)).toContain(row!.id);
    const byApplicant = await h['search.query']({ query: 'HONG NHUNG', limit: 20 }, desk.ctx);
    expect(byApplicant).toMatchObject([{ kind: 'dossier', dossierId: desk.dossierId, pageId: null }]);
    expect(await h['search.query']({ query: 'khong co tu nay', limit: 20 }, desk.ctx)).toEqual([]);
  });
});
