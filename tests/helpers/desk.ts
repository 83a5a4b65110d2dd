import type { DeskSync, DeskSyncOverrides } from '../../src-main/sync/desk-sync.js';
import type { SyncTuning } from '../../src-main/sync/sync-tuning.js';
import type { User } from '../../src-shared/contract/schemas.js';
import { createPoint, enrollmentCode, type TestServer } from '../server/harness.js';
import { adminPassword, makeCore, setUpDesk, type TestCore } from './core.js';
import type { LocalDesk } from './desk-dossiers.js';

/**
 * A desk for the sync tests: a real core set up for a reception point of a test server, whose
 * own sync engine (the one the app runs) is under test, with the transport and tuning a test
 * gives it. The engine is not started: tests run passes with `sync.engine.syncOnce()` unless
 * they call `start()`.
 */

/** No live stream, short backoffs, and tus from 64 KB in 32 KB chunks (small pages go by PUT). */
export const fastTuning: Partial<SyncTuning> = { liveStream: false, backoffBaseMs: 10, backoffMaxMs: 50, tusThresholdBytes: 64 * 1024, tusChunkBytes: 32 * 1024 };

export type TestDesk = LocalDesk & { sync: DeskSync; point: { id: string; agencyCode: string }; overrides: DeskSyncOverrides };

const openCores: TestCore[] = [];

/** Closes every desk made since the last call and removes its data (afterEach / afterAll). */
export async function closeDesks(): Promise<void> {
  for (const core of openCores.splice(0).reverse()) await core.cleanup();
}

/**
 * A set-up desk (admin signed in) of a new reception point, or of `point`. Its sync reads no
 * proxy from the environment, and uses `fastTuning` unless `sync.tuning` says otherwise.
 */
export async function makeDesk(server: TestServer, opts: { point?: { id: string; agencyCode: string }; sync?: DeskSyncOverrides } = {}): Promise<TestDesk> {
  const point = opts.point ?? (await createPoint(server));
  const overrides: DeskSyncOverrides = { env: {}, tuning: fastTuning, ...opts.sync };
  const core = makeCore(undefined, undefined, { sync: overrides });
  openCores.push(core);
  const token = await setUpDesk(core, point.agencyCode);
  const user = (await core.must('auth.me', {}, token)) as User;
  return { core, token, user, sync: core.sync, point, overrides };
}

/** Enrolls the desk with a fresh code of its point, at `serverUrl` (a fault proxy's, say; default the server's own). */
export async function enrollDesk(server: TestServer, d: TestDesk, how: { serverUrl?: string; deviceName?: string } = {}): Promise<void> {
  const code = await enrollmentCode(server, d.point.id);
  await d.sync.enroll({ serverUrl: how.serverUrl ?? server.url, code, deviceName: how.deviceName ?? 'Máy 1' });
}

/** A new desk, enrolled. */
export async function enrolledDesk(server: TestServer, opts: Parameters<typeof makeDesk>[1] = {}): Promise<TestDesk> {
  const d = await makeDesk(server, opts);
  await enrollDesk(server, d);
  return d;
}

/**
 * The desk app started again on the same data folder (after a crash or a quit): the old core
 * is closed, a new one opened with the same sync overrides and the admin signed in again.
 */
export async function restartDesk(d: TestDesk): Promise<TestDesk> {
  await d.core.close();
  openCores.splice(openCores.indexOf(d.core), 1);
  const core = makeCore(undefined, d.core.dir, { sync: d.overrides });
  openCores.push(core);
  const { sessionToken } = await core.must('auth.login', { username: 'admin', password: adminPassword });
  return { ...d, core, token: sessionToken, sync: core.sync };
}
