import type { SyncEngineState } from '../../src-shared/contract/sync-commands.js';
import type { Clock } from '../kernel/clock.js';
import type { Logger } from '../kernel/logger.js';
import type { Db } from '../db/open.js';
import type { PageStore } from '../pages/page-store.js';
import { passBackoffMs } from './backoff.js';
import type { CredentialStore } from './credential-store.js';
import { readSyncConfig } from './enroll.js';
import { createLiveStream } from './live-stream.js';
import { describeSyncError, syncProblem, type FetchLike } from './sync-http.js';
import { emptyMetrics, type SyncMetrics } from './sync-pass-context.js';
import { runPass, type PassResult } from './sync-pass.js';
import { getState, outboxStats, setState } from './sync-repo.js';
import { realTimers, sleepOn, type Timers } from './sync-timers.js';
import { resolveTuning, type SyncTuning } from './sync-tuning.js';
import { sqliteUrlStorage } from './tus-url-storage.js';

export type SyncProgress = { state: SyncEngineState; queueLength: number; dossierId: string | null; bytesDone: number; bytesTotal: number };

export type SyncEngineDeps = {
  db: Db;
  clock: Clock;
  store: PageStore;
  credentials: CredentialStore;
  fetch: FetchLike;
  timers?: Timers;
  /** [0, 1): the jitter of the backoff. */
  random?: () => number;
  logger: Logger;
  onProgress?: (p: SyncProgress) => void;
  tuning?: Partial<SyncTuning>;
};

export type SyncEngine = {
  state(): SyncEngineState;
  /** Runs one pass now, or joins the pass under way (one pass at a time). */
  syncOnce(): Promise<PassResult>;
  /** Starts the schedule (and the live stream); passes follow by timer, nudges and SSE. */
  start(): void;
  /** Stops timers and the stream and aborts the pass under way. */
  stop(): Promise<void>;
  /** Something changed locally or at the province: run a pass soon (if started and not paused). */
  nudge(): void;
  pause(): Promise<void>;
  resume(): void;
  isPaused(): boolean;
  nextAttemptAt(): Date | null;
  metrics: SyncMetrics;
};

/**
 * The desk's sync engine, an explicit state machine:
 *
 *   idle ─pass→ pushing → uploading → pulling ─ok→ idle
 *                  └────────┴──────────┴──error→ backoff ─timer→ pushing …
 *   any ─pause→ paused ─resume→ idle;   idle ─outside the sync window→ outside_window
 *
 * One pass at a time (sync-pass.ts; its steps are sync-push, sync-upload and sync-pull). Every
 * step is restartable: the outbox row goes only after the server accepted the push; a
 * dossier's upload flag clears only when the server lacks none of its pages; the checkpoint
 * moves in the transaction that applies the pulled rows. So a crash or a cut anywhere just
 * means the next pass repeats a little work, never loses or duplicates.
 */
export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const { db, clock, logger } = deps;
  const timers = deps.timers ?? realTimers;
  const random = deps.random ?? Math.random;
  const tuning = resolveTuning(deps.tuning);
  const metrics = emptyMetrics();

  let state: SyncEngineState = readSyncConfig(db) ? 'idle' : 'not_enrolled';
  let current: Promise<PassResult> | null = null;
  let passAbort: AbortController | null = null;
  let started = false;
  let timer: unknown = null;
  let nextAt: Date | null = null;
  let rerun = false;
  let failures = 0;
  /** The live stream connected since the last failed pass: the server answers again. */
  let streamBack = false;

  const paused = () => getState<boolean>(db, 'paused') === true;
  const emit = (dossierId: string | null = null, bytesDone = 0, bytesTotal = 0) =>
    deps.onProgress?.({ state, queueLength: outboxStats(db).count, dossierId, bytesDone, bytesTotal });
  const setStateTo = (next: SyncEngineState) => {
    if (state === next) return;
    state = next;
    emit();
  };

  const clearTimer = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    nextAt = null;
  };
  const schedule = (ms: number) => {
    clearTimer();
    if (!started) return;
    nextAt = new Date(clock.now().getTime() + ms);
    timer = timers.setTimeout(() => {
      timer = null;
      nextAt = null;
      void syncOnce();
    }, ms);
  };

  const passDeps = {
    db,
    clock,
    store: deps.store,
    credentials: deps.credentials,
    fetch: deps.fetch,
    tuning,
    urlStorage: sqliteUrlStorage(db, () => clock.now()),
    sleep: sleepOn(timers),
    metrics,
    emit,
    enter: setStateTo,
  };
  const stream = createLiveStream({
    db,
    credentials: deps.credentials,
    fetch: deps.fetch,
    timers,
    random,
    tuning,
    paused,
    onOpen: () => {
      streamBack = true;
    },
    onChange: () => nudge(),
  });

  function syncOnce(): Promise<PassResult> {
    if (current) {
      rerun = true;
      return current;
    }
    const controller = new AbortController();
    passAbort = controller;
    current = (async () => {
      metrics.passes += 1;
      try {
        const r = await runPass(passDeps, controller.signal);
        if (r.ok) {
          failures = 0;
          // The server is back: the stream stops waiting to reconnect.
          stream.wake();
          setStateTo('idle');
          schedule(rerun ? 0 : tuning.idleIntervalMs);
          return { ...r, state };
        }
        if (state === 'outside_window' || state === 'not_enrolled') schedule(tuning.idleIntervalMs);
        return { ...r, state };
      } catch (error) {
        const problem = syncProblem(error);
        const message = describeSyncError(error);
        if (controller.signal.aborted && paused()) {
          setStateTo('paused');
          return { ok: false, state, pushed: 0, conflicts: 0, uploadedFiles: 0, pulled: 0, error: null };
        }
        failures += 1;
        streamBack = false;
        logger.warn('sync pass failed', { error: (error as Error).message, failures });
        setState(db, 'lastError', message);
        setState(db, 'lastProblem', problem);
        setStateTo('backoff');
        schedule(passBackoffMs(failures, tuning, random));
        return { ok: false, state, pushed: 0, conflicts: 0, uploadedFiles: 0, pulled: 0, error: message };
      } finally {
        current = null;
        passAbort = null;
        rerun = false;
      }
    })();
    return current;
  }

  function nudge(): void {
    if (!started || paused()) return;
    if (current) {
      rerun = true;
      return;
    }
    if (state === 'backoff') {
      // The backoff timer decides (sync.now overrides it), unless the live stream came back
      // since the failure: then the server answers, and waiting out the backoff only delays.
      if (!streamBack) return;
      streamBack = false;
    }
    schedule(0);
  }

  return {
    state: () => {
      // Enrollment happens outside the engine; the first look afterwards leaves not_enrolled.
      if (state === 'not_enrolled' && readSyncConfig(db)) state = paused() ? 'paused' : 'idle';
      return state;
    },
    syncOnce,
    start() {
      if (started) return;
      started = true;
      if (paused()) state = 'paused';
      schedule(0);
      if (tuning.liveStream) stream.start();
    },
    async stop() {
      started = false;
      clearTimer();
      stream.stop();
      passAbort?.abort();
      await current?.catch(() => undefined);
    },
    nudge,
    async pause() {
      setState(db, 'paused', true);
      clearTimer();
      passAbort?.abort();
      stream.drop();
      await current?.catch(() => undefined);
      setStateTo('paused');
    },
    resume() {
      setState(db, 'paused', false);
      stream.wake();
      failures = 0;
      setStateTo(readSyncConfig(db) ? 'idle' : 'not_enrolled');
      if (started) schedule(0);
    },
    isPaused: paused,
    nextAttemptAt: () => nextAt,
    metrics,
  };
}
