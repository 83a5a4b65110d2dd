import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createOcrRuntime, type OcrRuntime } from '../../src-main/ocr/ocr-runtime.js';
import type { OcrEngineFactory, RecognizedPage } from '../../src-main/ocr/ocr-types.js';
import { pagesDesk, type PagesDesk } from '../fixtures/pages-setup.js';
import { renderTextPage } from '../fixtures/ocr-corpus/text-page.js';
import { ocrHandlers } from '../../src-main/ocr/handlers.js';
import { searchHandlers } from '../../src-main/search/handlers.js';

let desk: PagesDesk | undefined;
let ocr: OcrRuntime | undefined;
afterEach(async () => {
  await ocr?.close();
  desk?.core.cleanup();
  ocr = undefined;
  desk = undefined;
});

const jobs = (d: PagesDesk) =>
  d.core.db.prepare('SELECT page_id, status, attempts, error FROM ocr_jobs ORDER BY id').all() as { page_id: string; status: string; attempts: number; error: string | null }[];

const digest = (image: Uint8Array) => createHash('sha256').update(image).digest('hex').slice(0, 12);

/** A stand-in engine: answers with a digest of the image, except for the images in `hangOn`, where the worker hangs. */
function fakeEngine(hangOn: Set<string>, seen: string[]): OcrEngineFactory {
  return async () => ({
    recognize: (image) => {
      const key = digest(image);
      seen.push(key);
      if (hangOn.has(key)) return new Promise<RecognizedPage>(() => {});
      return Promise.resolve({ text: `trang ${key} Ðông`, words: [{ text: 'Ðông', confidence: 40, x0: 1, y0: 1, x1: 9, y1: 9, line: 0, paragraph: 0 }], meanConfidence: 40, engine: 'fake', durationMs: 1 });
    },
    terminate: async () => {},
  });
}

async function twoPages(d: PagesDesk) {
  const a = await renderTextPage({ lines: ['Trang một'], dpi: 100, widthPx: 400 });
  const b = await renderTextPage({ lines: ['Trang hai có chữ dài hơn'], dpi: 100, widthPx: 400 });
  return d.pages.importFiles({ dossierId: d.dossierId, files: [{ name: 'a.png', data: a.png }, { name: 'b.png', data: b.png }], userId: d.ctx.user!.id }).then((r) => r.pages);
}

describe('OCR queue', () => {
  it('fails a page that hangs the engine twice, finishes the others, and retries it on request', async () => {
    desk = await pagesDesk();
    const [a, b] = await twoPages(desk);
    const seen: string[] = [];
    const hang = new Set<string>();
    // Learn the digest of page a's OCR image with a first fake run, then make exactly that image hang.
    const keys: string[] = [];
    ocr = createOcrRuntime({ db: desk.core.db, clock: desk.core.clock, logger: desk.core.logger, store: desk.store, workers: 1, timeoutMs: 150, engine: fakeEngine(hang, keys) });
    const h = { ...ocrHandlers(ocr.service), ...searchHandlers(desk.core.db) };
    ocr.queue.start();
    await ocr.queue.idle();
    await ocr.close();
    expect(keys).toHaveLength(2);
    const keyOfA = (desk.core.db.prepare('SELECT raw_text FROM ocr_texts WHERE page_id = ?').get(a!.id) as { raw_text: string }).raw_text.split(' ')[1]!;
    expect(keys).toContain(keyOfA);
    desk.core.db.prepare('DELETE FROM ocr_words').run();
    desk.core.db.prepare('DELETE FROM ocr_texts').run();
    desk.core.db.prepare('DELETE FROM ocr_jobs').run();

    hang.add(keyOfA);
    ocr = createOcrRuntime({ db: desk.core.db, clock: desk.core.clock, logger: desk.core.logger, store: desk.store, workers: 1, timeoutMs: 150, engine: fakeEngine(hang, seen) });
    ocr.queue.start();
    await ocr.queue.idle();
    expect(jobs(desk)).toMatchObject([
      { page_id: a!.id, status: 'failed', attempts: 2 },
      { page_id: b!.id, status: 'done', attempts: 1, error: null },
    ]);
    expect(jobs(desk)[0]!.error).toMatch(/quá/);
    expect(seen.filter((s) => s === keyOfA)).toHaveLength(2);
    const status = await h['ocr.status']({ dossierId: desk.dossierId }, desk.ctx);
    expect(status.counts).toEqual({ pending: 0, running: 0, done: 1, failed: 1 });

    // The Ð (U+00D0) the engine produced is stored as Đ; the raw reading is kept beside it.
    const text = await h['ocr.pageText']({ pageId: b!.id }, desk.ctx);
    expect(text.text).toContain('Đông');
    expect(text.rawText).toContain('Ðông');
    expect(text.words[0]).toMatchObject({ text: 'Đông', raw: 'Ðông', corrected: false });

    hang.clear();
    expect(h['ocr.retry']({ dossierId: desk.dossierId }, desk.ctx)).toEqual({ requeued: 1 });
    await ocr.queue.idle();
    expect(jobs(desk).map((j) => j.status)).toEqual(['done', 'done']);
  });

  it('re-reads a page whose image changed (rotated) and drops a deleted page from search', async () => {
    desk = await pagesDesk();
    const [a] = await twoPages(desk);
    ocr = createOcrRuntime({ db: desk.core.db, clock: desk.core.clock, logger: desk.core.logger, store: desk.store, workers: 1, engine: fakeEngine(new Set(), []) });
    const h = { ...ocrHandlers(ocr.service), ...searchHandlers(desk.core.db) };
    ocr.queue.start();
    await ocr.queue.idle();
    expect(jobs(desk)).toHaveLength(2);
    await desk.pages.rotate(a!.id, 90, desk.ctx.user!.id);
    ocr.queue.kick();
    await ocr.queue.idle();
    expect(jobs(desk).filter((j) => j.page_id === a!.id).map((j) => j.status)).toEqual(['done', 'done']);
    expect((await h['search.query']({ query: 'dong', limit: 10 }, desk.ctx)).filter((x) => x.kind === 'page')).toHaveLength(2);
    desk.pages.remove(a!.id, desk.ctx.user!.id);
    expect((await h['search.query']({ query: 'dong', limit: 10 }, desk.ctx)).filter((x) => x.kind === 'page')).toHaveLength(1);
  });

  it('corrections are kept beside the raw text, searchable at once, and audited', async () => {
    desk = await pagesDesk();
    const [, b] = await twoPages(desk);
    ocr = createOcrRuntime({ db: desk.core.db, clock: desk.core.clock, logger: desk.core.logger, store: desk.store, workers: 1, engine: fakeEngine(new Set(), []) });
    const h = { ...ocrHandlers(ocr.service), ...searchHandlers(desk.core.db) };
    ocr.queue.start();
    await ocr.queue.idle();
    const corrected = await h['ocr.correctWord']({ pageId: b!.id, index: 0, text: 'Đường' }, desk.ctx);
    expect(corrected.text).toBe('Đường');
    expect(corrected.words[0]).toMatchObject({ text: 'Đường', raw: 'Ðông', corrected: true });
    expect((await h['search.query']({ query: 'duong', limit: 10 }, desk.ctx)).map((x) => x.pageId)).toEqual([b!.id]);
    const saved = await h['ocr.saveText']({ pageId: b!.id, text: 'Giấy xác nhận tình trạng hôn nhân' }, desk.ctx);
    expect(saved).toMatchObject({ edited: true, text: 'Giấy xác nhận tình trạng hôn nhân' });
    expect(saved.rawText).toMatch(/^trang [0-9a-f]{12} Ðông$/);
    expect(await h['search.query']({ query: 'duong', limit: 10 }, desk.ctx)).toEqual([]);
    expect((await h['search.query']({ query: 'tinh trang hon nhan', limit: 10 }, desk.ctx)).map((x) => x.pageId)).toEqual([b!.id]);
    const audit = desk.core.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'ocr.%' ORDER BY seq").all() as { action: string }[];
    expect(audit.map((r) => r.action)).toEqual(['ocr.correctWord', 'ocr.saveText']);
    expect(() => h['ocr.correctWord']({ pageId: b!.id, index: 99, text: 'x' }, desk!.ctx)).toThrow(/Không tìm thấy từ/);
    expect(() => h['ocr.pageText']({ pageId: 'khong-co' }, desk!.ctx)).toThrow(/Không tìm thấy trang/);
  });
});

describe('OCR queue across a crash (real engine, real process)', () => {
  const entry = fileURLToPath(new URL('../fixtures/ocr-corpus/queue-process.ts', import.meta.url));
  const runQueue = () => spawn(process.execPath, ['--import', import.meta.resolve('tsx'), entry, desk!.core.dir], { stdio: ['ignore', 'ignore', 'pipe'] });

  it('a desk process killed mid-page resumes on restart and every page is read exactly once', async () => {
    desk = await pagesDesk();
    const p1 = await renderTextPage({ lines: ['Giấy khai sinh bản chính'], dpi: 150, widthPx: 700 });
    const p2 = await renderTextPage({ lines: ['Chứng thực chữ ký'], dpi: 150, widthPx: 700 });
    const rows = (await desk.pages.importFiles({ dossierId: desk.dossierId, files: [{ name: '1.png', data: p1.png }, { name: '2.png', data: p2.png }], userId: desk.ctx.user!.id })).pages;
    const ro = new Database(join(desk.core.dir, 'tiepnhan.sqlite'), { readonly: true });
    try {
      const first = runQueue();
      // Kill as soon as a page is being read.
      for (let i = 0; i < 600; i++) {
        const running = ro.prepare("SELECT COUNT(*) AS n FROM ocr_jobs WHERE status = 'running'").get() as { n: number };
        if (running.n > 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));
      const afterKill = ro.prepare('SELECT status, attempts FROM ocr_jobs ORDER BY id').all() as { status: string; attempts: number }[];
      expect(afterKill.filter((j) => j.status === 'running')).toEqual([{ status: 'running', attempts: 1 }]);

      const second = runQueue();
      let stderr = '';
      second.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
      const code = await new Promise((r) => second.once('exit', r));
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const final = ro.prepare('SELECT page_id, status, attempts FROM ocr_jobs ORDER BY id').all() as { page_id: string; status: string; attempts: number }[];
      expect(final.map((j) => j.status)).toEqual(['done', 'done']);
      expect(final.map((j) => j.page_id).sort()).toEqual(rows.map((r) => r.id).sort());
      // The interrupted page was read again once; the other only once.
      expect(final.map((j) => j.attempts).sort()).toEqual([1, 2]);
      const texts = ro.prepare('SELECT page_id, text FROM ocr_texts ORDER BY page_id').all() as { page_id: string; text: string }[];
      expect(texts).toHaveLength(2);
      expect(texts.find((t) => t.page_id === rows[0]!.id)!.text).toMatch(/khai sinh/);
    } finally {
      ro.close();
    }
  });
});
