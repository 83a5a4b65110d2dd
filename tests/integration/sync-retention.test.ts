import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PURGE_FIRST_DELAY_MS, PURGE_INTERVAL_MS } from '../../src-main/sync/desk-sync.js';
import type { Timers } from '../../src-main/sync/sync-timers.js';
import { addDossier, distinctPng } from '../helpers/desk-dossiers.js';
import { closeDesks, enrollDesk, makeDesk, type TestDesk } from '../helpers/desk.js';
import { manualTimers } from '../helpers/fake-transport.js';
import { startTestServer, targets, type TestServer } from '../server/harness.js';

/**
 * Retention beyond the purge itself: it runs on a daily timer with the engine, and the page
 * store's start-up check and the page image command know a purged file from a missing one.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(targets[0]!);
}, 60_000);
afterAll(async () => server?.destroy());
afterEach(closeDesks);

async function setUp(timers?: Timers) {
  return makeDesk(server, { sync: { tuning: { liveStream: false }, ...(timers ? { timers } : {}) } });
}

async function syncedDossier(d: TestDesk): Promise<string> {
  await enrollDesk(server, d);
  const id = await addDossier(d, [await distinctPng(80)]);
  const r = await d.sync.engine.syncOnce();
  expect(r.ok).toBe(true);
  return id;
}

describe('retention after purge', () => {
  it('start-up check lists purged files apart from missing ones; the image command says the page was removed after the province confirmed', async () => {
    const d = await setUp();
    const id = await syncedDossier(d);
    const [pageRow] = (await d.core.must('pages.list', { dossierId: id, includeDeleted: false }, d.token)) as { id: string }[];
    d.sync.setOptions({ retentionDays: 0 });
    expect((await d.sync.purge()).files).toBeGreaterThan(0);

    const { check } = await d.core.pages.startup();
    expect(check.missing).toEqual([]);
    expect(check.purged.length).toBeGreaterThan(0);

    const img = await d.core.call('pages.image', { id: pageRow!.id, variant: 'archive' }, d.token);
    expect(img.ok).toBe(false);
    if (!img.ok) expect(img.error).toMatchObject({ problem: { key: 'pages.purged' }, message: expect.stringContaining('đã được xoá khỏi máy') });
    // Exporting it says the same, not that a file is missing or damaged.
    const exported = await d.core.call('export.dossierPdf', { dossierId: id }, d.token);
    expect(exported.ok ? null : exported.error).toMatchObject({ code: 'CONFLICT', problem: { key: 'export.pagePurged', params: { position: 1 } } });
    // The thumbnail stays for the lists.
    expect((await d.core.call('pages.image', { id: pageRow!.id, variant: 'thumb' }, d.token)).ok).toBe(true);

    // A file gone without a purge record is still reported as missing.
    d.core.db.prepare('DELETE FROM sync_purged_files').run();
    expect((await d.core.pages.startup()).check.missing.length).toBeGreaterThan(0);
  }, 30_000);

  it('the engine runs the purge a few minutes after start and then once a day, and stops with it', async () => {
    const t = manualTimers();
    const d = await setUp(t.timers);
    await syncedDossier(d);
    d.sync.setOptions({ retentionDays: 1 });
    d.sync.engine.start();
    const purgedRows = () => (d.core.db.prepare('SELECT COUNT(*) AS n FROM sync_purged_files').get() as { n: number }).n;
    t.fire(PURGE_FIRST_DELAY_MS);
    await expect.poll(() => [...t.pending.values()].some((p) => p.ms === PURGE_INTERVAL_MS)).toBe(true);
    expect(purgedRows()).toBe(0); // confirmed today: not a day old yet
    d.core.clock.advance(2 * 86_400_000);
    t.fire(PURGE_INTERVAL_MS);
    await expect.poll(purgedRows).toBeGreaterThan(0);
    await d.sync.engine.stop();
    expect([...t.pending.values()].some((p) => p.ms === PURGE_INTERVAL_MS)).toBe(false);
  }, 30_000);
});
