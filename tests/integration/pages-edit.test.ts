import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { PageFrame } from '../../src-shared/scan/page-frame.js';
import { syntheticScan, type SyntheticPage } from '../fixtures/synthetic-page.js';
import { auditActions, componentPositions, pagesDesk, type PagesDesk } from '../fixtures/pages-setup.js';

let desk: PagesDesk;
afterEach(() => desk?.core.cleanup());

async function rgbFrame(index: number, o: SyntheticPage = {}): Promise<PageFrame> {
  const s = await syntheticScan({ dpi: 100, ...o });
  return { index, sheet: index, side: 'front', width: s.width, height: s.height, channels: 3, depth: 8, dpi: 100, format: 'raw', data: s.data };
}

/** A SANE-style 1-bit lineart frame (set bit = black) made from a synthetic page. */
async function lineartFrame(index: number): Promise<PageFrame> {
  const s = await syntheticScan({ dpi: 100 });
  const grey = await sharp(s.data, { raw: { width: s.width, height: s.height, channels: 3 } }).greyscale().raw().toBuffer();
  const line = Math.ceil(s.width / 8);
  const data = Buffer.alloc(line * s.height);
  for (let y = 0; y < s.height; y++) for (let x = 0; x < s.width; x++) if (grey[y * s.width + x]! < 128) data[y * line + (x >> 3)]! |= 0x80 >> (x & 7);
  return { index, sheet: index, side: 'front', width: s.width, height: s.height, channels: 1, depth: 1, dpi: 100, format: 'raw', data };
}

const order = (d: PagesDesk) => d.pages.list(d.dossierId).map((p) => p.id);
const seqNow = (d: PagesDesk) => (d.core.db.prepare('SELECT seq FROM change_counter').get() as { seq: number }).seq;

describe('pages of a dossier', () => {
  it('scans a batch page by page; a frame delivered twice is stored once; lineart is kept as 1-bit PNG', async () => {
    desk = await pagesDesk();
    const batch = desk.pages.startBatch({ dossierId: desk.dossierId, source: 'scan', expectedPages: 3, userId: desk.ctx.user!.id });
    const f0 = await rgbFrame(0);
    const a = await desk.pages.addScannedPage(batch, f0, null);
    const again = await desk.pages.addScannedPage(batch, f0, null);
    expect(again.id).toBe(a.id);
    const b = await desk.pages.addScannedPage(batch, await lineartFrame(1), null);
    const c = await desk.pages.addScannedPage(batch, await rgbFrame(2, { blank: true, noise: 10 }), null);
    desk.pages.endBatch(batch, 'done');
    expect(order(desk)).toEqual([a.id, b.id, c.id]);
    expect(b).toMatchObject({ colour_mode: 'bw', archive_format: 'png' });
    const meta = await sharp(await desk.store.read(b.sha256, 'png')).metadata();
    expect(meta.bitsPerSample).toBe(1);
    expect(c.blank).toBe(1);
    expect(desk.pages.getBatch(batch)).toMatchObject({ status: 'done', received_pages: 3 });
    expect(auditActions(desk)).toEqual(['pages.scan', 'pages.scan', 'pages.scan']);
  });

  it('reorders, assigns to components, deletes and inserts in the middle, each change audited with a new seq', async () => {
    desk = await pagesDesk();
    const [first, second] = componentPositions(desk);
    const batch = desk.pages.startBatch({ dossierId: desk.dossierId, source: 'scan', userId: null });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await desk.pages.addScannedPage(batch, await rgbFrame(i), null)).id);
    const [p1, p2, p3, p4] = ids as [string, string, string, string];
    const user = desk.ctx.user!.id;

    let seq = seqNow(desk);
    desk.pages.move(p4, 1, user);
    expect(order(desk)).toEqual([p4, p1, p2, p3]);
    expect(seqNow(desk)).toBe(seq + 1);
    expect(desk.pages.get(p4)!.seq).toBe(seq + 1);

    seq = seqNow(desk);
    desk.pages.assign([p4, p1], first!, user);
    desk.pages.assign([p2, p3], second!, user);
    expect(desk.pages.get(p3)!.seq).toBe(seq + 2);
    expect(desk.pages.list(desk.dossierId).map((p) => p.component_position)).toEqual([first, first, second, second]);
    expect(() => desk.pages.assign([p1], 99, user)).toThrow(/không có thành phần số 99/);

    seq = seqNow(desk);
    desk.pages.remove(p1, user);
    expect(order(desk)).toEqual([p4, p2, p3]);
    expect(desk.pages.list(desk.dossierId).map((p) => p.position)).toEqual([1, 2, 3]);
    const deleted = desk.pages.get(p1)!;
    expect(deleted).toMatchObject({ status: 'deleted', position: null, seq: seq + 1 });
    // Soft delete: the files stay until the dossier has synced.
    expect(await desk.store.exists(deleted.sha256, deleted.archive_format)).toBe(true);

    // Insert in the middle: a rescanned page goes to position 2, into component 1.
    const rescan = desk.pages.startBatch({ dossierId: desk.dossierId, source: 'scan', insertAt: 2, componentPosition: first!, userId: null });
    const n1 = (await desk.pages.addScannedPage(rescan, await rgbFrame(0), user)).id;
    const n2 = (await desk.pages.addScannedPage(rescan, await rgbFrame(1, { skewDeg: 2 }), user)).id;
    expect(order(desk)).toEqual([p4, n1, n2, p2, p3]);
    expect(desk.pages.get(n2)!.component_position).toBe(first);

    // Through the handlers too (the proposed contract's shape).
    const moved = await desk.handlers['pages.move']({ id: p3, position: 1 }, desk.ctx);
    expect(moved.map((p) => p.id)).toEqual([p3, p4, n1, n2, p2]);
    expect(() => desk.pages.move(p1, 1, user)).toThrow(/đã bị xóa/);

    expect(auditActions(desk)).toEqual([
      ...Array(4).fill('pages.scan'),
      'pages.move',
      'pages.assign',
      'pages.assign',
      'pages.delete',
      'pages.scan',
      'pages.scan',
      'pages.move',
    ]);
    const audit = await desk.core.must('audit.verify', {}, desk.ctx.sessionToken);
    expect(audit.valid).toBe(true);
  });

  it('rotates from the lossless master, confirms (dropping masters), then rotates the archive', async () => {
    desk = await pagesDesk();
    const batch = desk.pages.startBatch({ dossierId: desk.dossierId, source: 'scan', userId: null });
    const page = await desk.pages.addScannedPage(batch, await rgbFrame(0), null);
    expect(page.rotation).toBe(0);
    expect(page.height).toBeGreaterThan(page.width);

    const turned = await desk.pages.rotate(page.id, 90, null);
    expect(turned).toMatchObject({ rotation: 90, width: page.height, height: page.width, master_sha256: page.master_sha256 });
    expect(turned.sha256).not.toBe(page.sha256);
    // The superseded archive image is gone; the master stays.
    expect(await desk.store.exists(page.sha256, page.archive_format)).toBe(false);
    expect(await desk.store.exists(page.master_sha256!, page.master_format!)).toBe(true);

    const confirmed = await desk.handlers['pages.confirm']({ dossierId: desk.dossierId, ids: null }, desk.ctx);
    expect(confirmed[0]).toMatchObject({ status: 'confirmed', hasMaster: false });
    expect(await desk.store.exists(page.master_sha256!, page.master_format!)).toBe(false);

    const back = await desk.pages.rotate(page.id, 270, null);
    expect(back).toMatchObject({ rotation: 0, width: page.width, height: page.height, master_sha256: null });
    const img = await desk.handlers['pages.image']({ id: page.id, variant: 'thumb' }, desk.ctx);
    expect(img.mime).toBe('image/jpeg');
    expect((await sharp(Buffer.from(img.base64, 'base64')).metadata()).width).toBe(200);
    expect(auditActions(desk)).toEqual(['pages.scan', 'pages.rotate', 'pages.confirm', 'pages.rotate']);
    expect((await desk.pages.startup()).check).toEqual({ orphans: [], missing: [], purged: [], temps: [], strays: [] });
  });

  it('refuses a turn when the page changed while its images were being made, keeping nothing of the turn', async () => {
    desk = await pagesDesk();
    const [first] = componentPositions(desk);
    const batch = desk.pages.startBatch({ dossierId: desk.dossierId, source: 'scan', userId: null });
    const page = await desk.pages.addScannedPage(batch, await rgbFrame(0), null);
    const files = (await desk.store.list()).files.length;

    // rotate reads the page, then turns its images; meanwhile the clerk assigns it.
    const turning = desk.pages.rotate(page.id, 90, null);
    desk.pages.assign([page.id], first!, null);
    await expect(turning).rejects.toThrow(/vừa được thay đổi/);

    expect(desk.pages.get(page.id)).toMatchObject({ rotation: 0, sha256: page.sha256, thumb_sha256: page.thumb_sha256, component_position: first });
    expect((await desk.store.list()).files).toHaveLength(files);
    expect(auditActions(desk)).toEqual(['pages.scan', 'pages.assign']);
  });
});
