import type { UrlStorage } from 'tus-js-client';
import type { SyncEngineState } from '../../src-shared/contract/sync-commands.js';
import { HealthResponse } from '../../src-shared/sync/wire.js';
import type { Clock } from '../kernel/clock.js';
import { readSettings } from '../settings/settings-repo.js';
import type { Db } from '../db/open.js';
import type { PageStore } from '../pages/page-store.js';
import type { CredentialStore } from './credential-store.js';
import { readSyncConfig } from './enroll.js';
import { deviceHttp } from './sync-connect.js';
import { SyncHttpError, type FetchLike } from './sync-http.js';
import { insideWindow, readSyncOptions } from './sync-options.js';
import type { SyncEmit, SyncMetrics } from './sync-pass-context.js';
import { pullChanges } from './sync-pull.js';
import { pushOutbox } from './sync-push.js';
import { getState, setState } from './sync-repo.js';
import type { SyncTuning } from './sync-tuning.js';
import { uploadPending } from './sync-upload.js';

export type PassResult = { ok: boolean; state: SyncEngineState; pushed: number; conflicts: number; uploadedFiles: number; pulled: number; error: string | null };

export type PassDeps = {
  db: Db;
  clock: Clock;
  store: PageStore;
  credentials: CredentialStore;
  fetch: FetchLike;
  tuning: SyncTuning;
  urlStorage: UrlStorage;
  sleep: (ms: number) => Promise<void>;
  metrics: SyncMetrics;
  emit: SyncEmit;
  /** Moves the engine to the state the pass has reached. */
  enter(state: SyncEngineState): void;
};

/** What a pass reports besides `ok` and the engine's state (which the engine adds). */
export type PassCounts = Omit<PassResult, 'state'>;

const nothing: PassCounts = { ok: false, pushed: 0, conflicts: 0, uploadedFiles: 0, pulled: 0, error: null };

/**
 * One pass: the checks that decide whether to talk to the server at all (enrolled, not
 * paused, inside the sync window), a health check so "offline" is one short failure, then
 * push → upload → pull. Not ok without an error when a check says "not now"; a failure
 * with the server throws (the engine backs off).
 */
export async function runPass(deps: PassDeps, signal: AbortSignal): Promise<PassCounts> {
  const { db, clock, tuning } = deps;
  const config = readSyncConfig(db);
  if (!config) {
    deps.enter('not_enrolled');
    return nothing;
  }
  if (getState<boolean>(db, 'paused') === true) {
    deps.enter('paused');
    return nothing;
  }
  const options = readSyncOptions(db);
  const timeZone = readSettings(db)?.timeZone ?? 'Asia/Ho_Chi_Minh';
  if (!insideWindow(options.window, clock.now(), timeZone)) {
    deps.enter('outside_window');
    return nothing;
  }
  const credential = deps.credentials.load();
  if (!credential) throw new SyncHttpError(401, 'UNAUTHENTICATED', 'no device credential stored');
  const http = deviceHttp(config, credential, options, deps.fetch, signal);
  const ctx = { db, clock, http, tuning, emit: deps.emit, signal };

  await http.json('GET', '/health', undefined, HealthResponse, tuning.healthTimeoutMs);

  deps.enter('pushing');
  const { pushed, conflicts } = await pushOutbox(ctx);

  deps.enter('uploading');
  const uploadedFiles = await uploadPending({
    ...ctx,
    store: deps.store,
    urlStorage: deps.urlStorage,
    sleep: deps.sleep,
    bandwidth: options.bandwidthBytesPerSecond,
    metrics: deps.metrics,
  });

  deps.enter('pulling');
  const pulled = await pullChanges(ctx);

  setState(db, 'lastSuccessAt', clock.now().toISOString());
  setState(db, 'lastError', null);
  setState(db, 'lastProblem', null);
  return { ok: true, pushed, conflicts, uploadedFiles, pulled, error: null };
}
