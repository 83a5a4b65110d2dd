import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../../src-main/kernel/logger.js';
import { openPageStore } from '../../src-main/pages/page-store.js';
import { createDeskSync } from '../../src-main/sync/desk-sync.js';
import type { User } from '../../src-shared/contract/schemas.js';
import { makeCore, setUpDesk, type TestCore } from '../helpers/core.js';
import { createPoint, enrollmentCode, startTestServer, targets, type TestServer } from '../server/harness.js';

let server: TestServer;
let core: TestCore;
beforeAll(async () => {
  server = await startTestServer(targets[0]!);
}, 60_000);
afterAll(async () => {
  core?.cleanup();
  await server?.destroy();
});

const root = resolve(import.meta.dirname, '../..');
const tuning = { liveStream: false, backoffBaseMs: 10, backoffMaxMs: 50, tusThresholdBytes: 64 * 1024, tusChunkBytes: 16 * 1024 };

/** The engine in a child process on the same data folder, as the desk app would run it. */
const childSource = (dataDir: string) => `
  import { join } from 'node:path';
  import { createCore } from ${JSON.stringify(join(root, 'src-main/app/core.js'))};
  import { silentLogger } from ${JSON.stringify(join(root, 'src-main/kernel/logger.js'))};
  import { openPageStore } from ${JSON.stringify(join(root, 'src-main/pages/page-store.js'))};
  import { createDeskSync } from ${JSON.stringify(join(root, 'src-main/sync/desk-sync.js'))};
  const dataDir = ${JSON.stringify(dataDir)};
  const core = createCore({ dataDir, logger: silentLogger });
  const sync = createDeskSync({ db: core.db, clock: { now: () => new Date() }, logger: silentLogger, dataDir, store: openPageStore(join(dataDir, 'pages')), tuning: ${JSON.stringify(tuning)} });
  for (;;) { const r = await sync.engine.syncOnce(); if (r.ok) break; }
  process.stdout.write('done\\n');
`;

const noisePng = (seed: number) =>
  sharp({ create: { width: 420, height: 420, channels: 3, background: { r: 0, g: 0, b: 0 }, noise: { type: 'gaussian' as const, mean: 100 + seed, sigma: 60 } } }).png().toBuffer();

it('a desk killed with SIGKILL mid-sync completes after restart: everything once, nothing re-sent from zero', async () => {
  const point = await createPoint(server);
  core = makeCore();
  const token = await setUpDesk(core, point.agencyCode);
  const user = (await core.must('auth.me', {}, token)) as User;
  const sync = createDeskSync({ db: core.db, clock: core.clock, logger: silentLogger, dataDir: core.dir, store: openPageStore(join(core.dir, 'pages')), tuning });
  await sync.enroll({ serverUrl: server.url, code: await enrollmentCode(server, point.id), deviceName: 'Máy 1' });
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const d = await core.must('dossiers.create', { procedureCode: '2.000815', applicant: { fullName: 'Phạm Thị Dung', idNumber: '079185001234' }, components: [], pages: 2, copies: 1 }, token);
    await core.pages.importFiles({ dossierId: d.id, componentPosition: null, insertAt: null, files: [{ name: 'a.png', data: await noisePng(i * 2) }, { name: 'b.png', data: await noisePng(i * 2 + 1) }], userId: user.id });
    await core.must('dossiers.receive', { id: d.id }, token);
    ids.push(d.id);
  }
  // A thin link (about 150 KB/s) so the kill lands in the middle of the uploads.
  sync.setOptions({ bandwidthBytesPerSecond: 150_000 });

  const script = join(core.dir, 'sync-child.mts');
  writeFileSync(script, childSource(core.dir));
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const uploadedSoFar = () => (core.db.prepare('SELECT COALESCE(SUM(bytes_done), 0) AS n FROM sync_dossiers').get() as { n: number }).n;
  const deadline = Date.now() + 30_000;
  while (uploadedSoFar() === 0 && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
  expect(child.exitCode, out).toBe(null);
  // Let a partial file reach the server (PATCHes are throttled), then kill without warning.
  await new Promise((r) => setTimeout(r, 300));
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
  expect(out).not.toContain('done');
  const total = (core.db.prepare(`SELECT SUM(bytes) AS n FROM pages WHERE status <> 'deleted'`).get() as { n: number }).n;
  const before = uploadedSoFar();
  expect(before).toBeGreaterThan(0);
  expect(before).toBeLessThan(total);

  // Restart: a fresh engine on the same database finishes the job.
  sync.setOptions({ bandwidthBytesPerSecond: null });
  const restarted = createDeskSync({ db: core.db, clock: core.clock, logger: silentLogger, dataDir: core.dir, store: openPageStore(join(core.dir, 'pages')), tuning });
  let r = await restarted.engine.syncOnce();
  for (let i = 0; i < 5 && !r.ok; i++) r = await restarted.engine.syncOnce();
  expect(r.ok).toBe(true);
  const listed = await server.admin<{ id: string }[]>(`/dossiers?receptionPointId=${point.id}`);
  expect(listed.body.map((d) => d.id).sort()).toEqual([...ids].sort());
  for (const id of ids) expect((await server.admin<{ complete: boolean }>(`/dossiers/${id}`)).body.complete).toBe(true);
  // What the child had sent was not sent again: the restart sent less than everything.
  expect(restarted.engine.metrics.bytesSent).toBeLessThan(total);
  expect(restarted.engine.metrics.resumedFrom.length).toBeGreaterThanOrEqual(1);
  // Whole files the child finished plus the part the server kept of the cut one are not sent again (slack: one chunk in flight).
  expect(before + restarted.engine.metrics.bytesSent).toBeLessThanOrEqual(total + tuning.tusChunkBytes);
  console.log(JSON.stringify({ total, beforeKill: before, sentAfterRestart: restarted.engine.metrics.bytesSent, resumedFrom: restarted.engine.metrics.resumedFrom }));
}, 60_000);
