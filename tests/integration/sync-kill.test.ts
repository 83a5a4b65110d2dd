import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDossier, noisePng } from '../helpers/desk-dossiers.js';
import { closeDesks, enrolledDesk, restartDesk } from '../helpers/desk.js';
import { startTestServer, targets, type TestServer } from '../server/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(targets[0]!);
}, 60_000);
afterAll(async () => {
  await closeDesks();
  await server?.destroy();
});

const root = resolve(import.meta.dirname, '../..');
const tuning = { liveStream: false, backoffBaseMs: 10, backoffMaxMs: 50, tusThresholdBytes: 64 * 1024, tusChunkBytes: 16 * 1024 };

/** The desk app's core in a child process on the same data folder, its own engine running passes until one succeeds. */
const childSource = (dataDir: string) => `
  import { createCore } from ${JSON.stringify(join(root, 'src-main/app/core.js'))};
  import { silentLogger } from ${JSON.stringify(join(root, 'src-main/kernel/logger.js'))};
  const core = createCore({ dataDir: ${JSON.stringify(dataDir)}, logger: silentLogger, sync: { tuning: ${JSON.stringify(tuning)}, env: {} } });
  for (;;) { const r = await core.sync.engine.syncOnce(); if (r.ok) break; }
  process.stdout.write('done\\n');
`;

it('a desk killed with SIGKILL mid-sync completes after restart: everything once, nothing re-sent from zero', async () => {
  const desk = await enrolledDesk(server, { sync: { tuning } });
  const { core, point } = desk;
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) ids.push(await addDossier(desk, [await noisePng(i * 2), await noisePng(i * 2 + 1)]));
  // A thin link (about 150 KB/s) so the kill lands in the middle of the uploads.
  desk.sync.setOptions({ bandwidthBytesPerSecond: 150_000 });

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

  // Restart: the desk app opened again on the same data folder finishes the job.
  desk.sync.setOptions({ bandwidthBytesPerSecond: null });
  const restarted = (await restartDesk(desk)).sync;
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
