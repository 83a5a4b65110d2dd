import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PageFrame } from '../../src-shared/scan/page-frame.js';
import { createPageService } from '../../src-main/pages/page-service.js';
import { syntheticScan } from '../fixtures/synthetic-page.js';
import { pageCount, pagesDesk, type PagesDesk } from '../fixtures/pages-setup.js';

let desk: PagesDesk;
afterEach(() => desk?.core.cleanup());

async function frame(index = 0): Promise<PageFrame> {
  const s = await syntheticScan({ dpi: 100 });
  return { index, sheet: index, side: 'front', width: s.width, height: s.height, channels: 3, depth: 8, dpi: 100, format: 'raw', data: s.data };
}

describe('page store', () => {
  it('stores each content once at pages/ab/cd/<sha256>.<ext>, with no temp file left', async () => {
    desk = await pagesDesk();
    const data = Buffer.from('nội dung thử nghiệm');
    const sha = createHash('sha256').update(data).digest('hex');
    const first = await desk.store.put(data, 'jpeg');
    const again = await desk.store.put(data, 'jpeg');
    expect(first).toMatchObject({ sha256: sha, created: true, bytes: data.length });
    expect(again.created).toBe(false);
    const path = join(desk.store.root, sha.slice(0, 2), sha.slice(2, 4), `${sha}.jpg`);
    expect(desk.store.pathOf(sha, 'jpeg')).toBe(path);
    expect(readFileSync(path).equals(data)).toBe(true);
    expect(readdirSync(join(desk.store.root, sha.slice(0, 2), sha.slice(2, 4)))).toEqual([`${sha}.jpg`]);
  });

  it('writes files before the row: a failed commit stores nothing, and a failure that cannot clean up leaves orphans the start-up check reports', async () => {
    desk = await pagesDesk();
    const f = await frame();
    // The database refuses the row at commit time (as a full disk or a lock would).
    desk.core.db.exec("CREATE TRIGGER fail_pages BEFORE INSERT ON pages BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const batch = desk.pages.startBatch({ dossierId: desk.dossierId, source: 'scan', userId: null });
    await expect(desk.pages.addScannedPage(batch, f, null)).rejects.toThrow('disk full');
    expect(pageCount(desk)).toBe(0);
    expect((await desk.store.list()).files).toEqual([]);
    expect(desk.pages.getBatch(batch)!.last_error).toBe('disk full');

    // Now the process "dies" before it can clean up: removal fails as well.
    const crashing = createPageService({ db: desk.core.db, clock: desk.core.clock, logger: desk.core.logger, store: { ...desk.store, remove: () => Promise.reject(new Error('crash')) } });
    await expect(crashing.addScannedPage(batch, f, null)).rejects.toThrow('disk full');
    desk.core.db.exec('DROP TRIGGER fail_pages');
    // An interrupted write also leaves a temp file behind.
    const listing = await desk.store.list();
    const someDir = join(desk.store.root, listing.files[0]!.sha256.slice(0, 2), listing.files[0]!.sha256.slice(2, 4));
    writeFileSync(join(someDir, '.tmp-0123456789abcdef-000000'), 'half a page');

    const { check, interrupted } = await desk.pages.startup();
    expect(check.orphans).toHaveLength(3); // archive, thumbnail and master of the page
    expect(check.orphans.sort()).toEqual(listing.files.map((x) => desk.store.pathOf(x.sha256, x.format)).sort());
    expect(check.temps).toHaveLength(1);
    expect(check.missing).toEqual([]);
    expect(pageCount(desk)).toBe(0);
    expect(interrupted.map((b) => b.id)).toEqual([batch]);
    // Reported, never deleted.
    expect((await desk.store.list()).files).toHaveLength(3);
  });

  it('reports rows whose file has gone missing', async () => {
    desk = await pagesDesk();
    const batch = desk.pages.startBatch({ dossierId: desk.dossierId, source: 'scan', userId: null });
    const row = await desk.pages.addScannedPage(batch, await frame(), null);
    expect((await desk.pages.startup()).check).toEqual({ orphans: [], missing: [], purged: [], temps: [], strays: [] });
    unlinkSync(desk.store.pathOf(row.thumb_sha256, 'jpeg'));
    const { check } = await desk.pages.startup();
    expect(check.missing).toEqual([{ pageId: row.id, sha256: row.thumb_sha256, format: 'jpeg', role: 'thumb' }]);
  });

  it('migration 0003 guards the page invariants', async () => {
    desk = await pagesDesk();
    const batch = desk.pages.startBatch({ dossierId: desk.dossierId, source: 'scan', userId: null });
    const row = await desk.pages.addScannedPage(batch, await frame(), null);
    const db = desk.core.db;
    // A confirmed page cannot keep its master; a deleted page has no position; positions are unique.
    expect(() => db.prepare("UPDATE pages SET status = 'confirmed' WHERE id = ?").run(row.id)).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE pages SET status = 'deleted', deleted_at = 'x' WHERE id = ?").run(row.id)).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE pages SET rotation = 45 WHERE id = ?").run(row.id)).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE pages SET dossier_id = 'no-such-dossier' WHERE id = ?").run(row.id)).toThrow(/FOREIGN KEY/);
  });
});
