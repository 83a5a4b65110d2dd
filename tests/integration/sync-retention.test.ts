import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src-main/kernel/logger.js';
import { openPageStore } from '../../src-main/pages/page-store.js';
import { createDeskSync, PURGE_FIRST_DELAY_MS, PURGE_INTERVAL_MS } from '../../src-main/sync/desk-sync.js';
import type { Timers } from '../../src-main/sync/sync-engine.js';
import type { User } from '../../src-shared/contract/schemas.js';
import { makeCore, setUpDesk, type TestCore } from '../helpers/core.js';
import { createPoint, enrollmentCode, startTestServer, targets, type TestServer } from '../server/harness.js';

/**
 * Retention beyond the purge itself: it runs on a daily timer with the engine, and the page
 * store's start-up check and the page image command know a purged file from a missing one.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(targets[0]!);
}, 60_000);
afterAll(async () => server?.destroy());
const cores: TestCore[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.cleanup();
});

/** Timers run by hand: records each callback with its delay. */
function manualTimers() {
  let next = 1;
  const pending = new Map<number, { fn: () => void; ms: number }>();
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const id = next++;
      pending.set(id, { fn, ms });
      return id;
    },
    clearTimeout: (h) => void pending.delete(h as number),
  };
  /** Runs (and removes) the pending timers set with exactly `ms`. */
  const fire = (ms: number) => {
    for (const [id, t] of [...pending]) {
      if (t.ms !== ms) continue;
      pending.delete(id);
      t.fn();
    }
  };
  return { timers, pending, fire };
}

async function setUp(timers?: Timers) {
  const core = makeCore();
  cores.push(core);
  const token = await setUpDesk(core, (await createPoint(server)).agencyCode);
  const user = (await core.must('auth.me', {}, token)) as User;
  const sync = createDeskSync({
    db: core.db,
    clock: core.clock,
    logger: silentLogger,
    dataDir: core.dir,
    store: openPageStore(join(core.dir, 'pages')),
    tuning: { liveStream: false },
    env: {},
    ...(timers ? { timers } : {}),
  });
  return { core, token, user, sync };
}

async function syncedDossier(d: Awaited<ReturnType<typeof setUp>>, agencyPointId: string): Promise<string> {
  await d.sync.enroll({ serverUrl: server.url, code: await enrollmentCode(server, agencyPointId), deviceName: 'Máy 1' });
  const draft = await d.core.must(
    'dossiers.create',
    { procedureCode: '2.000815', applicant: { fullName: 'Phạm Văn Đức', idNumber: '079090004567' }, components: [], pages: 1, copies: 1 },
    d.token,
  );
  const data = await sharp({ create: { width: 80, height: 80, channels: 3, background: { r: 10, g: 200, b: Math.floor(Math.random() * 255) } } }).png().toBuffer();
  await d.core.pages.importFiles({ dossierId: draft.id, componentPosition: null, insertAt: null, files: [{ name: 'a.png', data }], userId: d.user.id });
  await d.core.must('dossiers.receive', { id: draft.id }, d.token);
  const r = await d.sync.engine.syncOnce();
  expect(r.ok).toBe(true);
  return draft.id;
}

describe('retention after purge', () => {
  it('start-up check lists purged files apart from missing ones; the image command says the page was removed after the province confirmed', async () => {
    const d = await setUp();
    const pointId = await pointOf(d.core);
    const id = await syncedDossier(d, pointId);
    const [pageRow] = (await d.core.must('pages.list', { dossierId: id, includeDeleted: false }, d.token)) as { id: string }[];
    d.sync.setOptions({ retentionDays: 0 });
    expect((await d.sync.purge()).files).toBeGreaterThan(0);

    const { check } = await d.core.pages.startup();
    expect(check.missing).toEqual([]);
    expect(check.purged.length).toBeGreaterThan(0);

    const img = await d.core.call('pages.image', { id: pageRow!.id, variant: 'archive' }, d.token);
    expect(img.ok).toBe(false);
    if (!img.ok) expect(img.error.message).toBe('Ảnh trang đã được xoá khỏi máy sau khi tỉnh xác nhận đã nhận');
    // The thumbnail stays for the lists.
    expect((await d.core.call('pages.image', { id: pageRow!.id, variant: 'thumb' }, d.token)).ok).toBe(true);

    // A file gone without a purge record is still reported as missing.
    d.core.db.prepare('DELETE FROM sync_purged_files').run();
    expect((await d.core.pages.startup()).check.missing.length).toBeGreaterThan(0);
  }, 30_000);

  it('the engine runs the purge a few minutes after start and then once a day, and stops with it', async () => {
    const t = manualTimers();
    const d = await setUp(t.timers);
    const pointId = await pointOf(d.core);
    await syncedDossier(d, pointId);
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

/** The server-side reception point of the desk's agency code. */
async function pointOf(core: TestCore): Promise<string> {
  const settings = await core.must('settings.get', {}, await core.must('auth.login', { username: 'admin', password: 'mat-khau-quan-tri' }).then((s) => s.sessionToken));
  const list = await server.admin<{ id: string; agencyCode: string }[]>('/reception-points');
  const p = list.body.find((x) => x.agencyCode === settings.receptionPoint.agencyCode);
  if (!p) throw new Error('no point');
  return p.id;
}
