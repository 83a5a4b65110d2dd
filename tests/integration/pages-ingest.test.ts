import { afterEach, describe, expect, it } from 'vitest';
import type { PageFrame } from '../../src-shared/scan/page-frame.js';
import { syntheticFile, syntheticScan } from '../fixtures/synthetic-page.js';
import { auditActions, componentPositions, pageCount, pagesDesk, type PagesDesk } from '../fixtures/pages-setup.js';

let desk: PagesDesk;
afterEach(() => desk?.core.cleanup());

async function frame(index: number): Promise<PageFrame> {
  const s = await syntheticScan({ dpi: 100 });
  return { index, sheet: index, side: 'front', width: s.width, height: s.height, channels: 3, depth: 8, dpi: 100, format: 'raw', data: s.data };
}

const seqNow = (d: PagesDesk) => (d.core.db.prepare('SELECT seq FROM change_counter').get() as { seq: number }).seq;
const storedFiles = async (d: PagesDesk) => (await d.store.list()).files.map((f) => `${f.sha256}.${f.format}`).sort();

describe('page ingest', () => {
  it('imports files into the middle of a dossier and a component, in file order, one change per page', async () => {
    desk = await pagesDesk();
    const [first] = componentPositions(desk);
    const batch = desk.pages.startBatch({ dossierId: desk.dossierId, source: 'scan', userId: null });
    const scanned = [await desk.pages.addScannedPage(batch, await frame(0), null), await desk.pages.addScannedPage(batch, await frame(1), null)];
    const seq = seqNow(desk);

    const files = [
      { name: 'to-khai.png', data: await syntheticFile('png', { dpi: 100 }) },
      { name: 'cccd.jpg', data: await syntheticFile('jpeg', { dpi: 100, seal: true }) },
    ];
    const rows = (await desk.pages.importFiles({ dossierId: desk.dossierId, componentPosition: first!, insertAt: 2, files, userId: desk.ctx.user!.id })).pages;

    expect(rows.map((r) => [r.source_name, r.position, r.component_position])).toEqual([
      ['to-khai.png', 2, first],
      ['cccd.jpg', 3, first],
    ]);
    expect(desk.pages.list(desk.dossierId).map((p) => p.id)).toEqual([scanned[0]!.id, rows[0]!.id, rows[1]!.id, scanned[1]!.id]);
    // One change per page: each new row takes its own sequence, and the page pushed down takes the last.
    expect(seqNow(desk)).toBe(seq + 2);
    expect(rows.map((r) => r.seq)).toEqual([seq + 1, seq + 2]);
    expect(desk.pages.get(scanned[1]!.id)).toMatchObject({ position: 4, seq: seq + 2 });
    expect(desk.pages.getBatch(rows[0]!.batch_id!)).toMatchObject({ status: 'done', received_pages: 2, expected_pages: 2, insert_at: 4 });
    // A JPEG or PNG file is its own lossless master, kept byte for byte.
    expect((await desk.store.read(rows[1]!.master_sha256!, 'jpeg')).equals(files[1]!.data)).toBe(true);
    // Each imported page is its own commit, so each has its own audit entry.
    expect(auditActions(desk)).toEqual(['pages.scan', 'pages.scan', 'pages.import', 'pages.import']);
  });

  it('an import whose first page cannot be committed removes the files it wrote, never one an existing page uses, and marks its batch failed', async () => {
    desk = await pagesDesk();
    const png = await syntheticFile('png', { dpi: 100 });
    const [kept] = (await desk.pages.importFiles({ dossierId: desk.dossierId, files: [{ name: 'a.png', data: png }], userId: null })).pages;
    const before = await storedFiles(desk);
    const seq = seqNow(desk);

    desk.core.db.exec("CREATE TRIGGER fail_pages BEFORE INSERT ON pages BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const again = { name: 'a-lan-nua.png', data: png };
    const other = { name: 'b.png', data: await syntheticFile('png', { dpi: 100, sparse: true }) };
    await expect(desk.pages.importFiles({ dossierId: desk.dossierId, files: [again, other], userId: null })).rejects.toMatchObject({
      problem: { key: 'pages.importStopped', params: { file: 'a-lan-nua.png', page: 1, kept: 0 } },
    });

    expect(await storedFiles(desk)).toEqual(before);
    expect(await desk.store.exists(kept!.sha256, kept!.archive_format)).toBe(true);
    expect(pageCount(desk)).toBe(1);
    expect(seqNow(desk)).toBe(seq);
    expect(auditActions(desk)).toEqual(['pages.import']);
    const failed = desk.core.db.prepare('SELECT status, last_error FROM page_batches WHERE id <> ?').get(kept!.batch_id) as { status: string; last_error: string };
    expect(failed.status).toBe('failed');
    expect(failed.last_error).toMatch(/dừng ở trang 1 của tệp «a-lan-nua\.png»/);
  });

  it('a scanned frame that cannot be decoded is noted on its batch, which stays open for the next frame', async () => {
    desk = await pagesDesk();
    const batch = desk.pages.startBatch({ dossierId: desk.dossierId, source: 'scan', userId: null });
    const good = await frame(0);
    const cut: PageFrame = { ...good, data: good.data.subarray(0, 1000) };
    await expect(desk.pages.addScannedPage(batch, cut, null)).rejects.toThrow();
    expect(pageCount(desk)).toBe(0);
    expect(await storedFiles(desk)).toEqual([]);
    expect(desk.pages.getBatch(batch)).toMatchObject({ status: 'running', received_pages: 0 });
    expect(desk.pages.getBatch(batch)!.last_error).not.toBeNull();

    // The scanner delivers the sheet again, whole this time.
    const row = await desk.pages.addScannedPage(batch, good, null);
    expect(row).toMatchObject({ position: 1, batch_index: 0, source: 'scan' });
    expect(desk.pages.getBatch(batch)).toMatchObject({ status: 'running', received_pages: 1 });
    expect(auditActions(desk)).toEqual(['pages.scan']);
  });

  it('a frame delivered again adds no row, no audit entry and no change sequence', async () => {
    desk = await pagesDesk();
    const batch = desk.pages.startBatch({ dossierId: desk.dossierId, source: 'scan', userId: null });
    const f = await frame(0);
    const first = await desk.pages.addScannedPage(batch, f, null);
    const seq = seqNow(desk);
    const files = await storedFiles(desk);
    expect((await desk.pages.addScannedPage(batch, f, null)).id).toBe(first.id);
    expect(seqNow(desk)).toBe(seq);
    expect(await storedFiles(desk)).toEqual(files);
    expect(auditActions(desk)).toEqual(['pages.scan']);
    // Once the batch has ended, a late delivery of a known frame is still answered with its page.
    desk.pages.endBatch(batch, 'done');
    expect((await desk.pages.addScannedPage(batch, f, null)).id).toBe(first.id);
    await expect(desk.pages.addScannedPage(batch, await frame(1), null)).rejects.toThrow(/Lượt quét đã kết thúc/);
  });
});
