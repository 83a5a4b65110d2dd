import { readFile } from 'node:fs/promises';
import type { SyncEngineState } from '../../src-shared/contract/sync-commands.js';
import { decidePush, intakeOf } from '../../src-shared/sync/conflict-rules.js';
import {
  HealthResponse,
  MAX_MISSING_QUERY,
  MAX_PUSH_ROWS,
  MissingBlobsResponse,
  PullResponse,
  type SyncDossier,
} from '../../src-shared/sync/wire.js';
import type { Clock } from '../kernel/clock.js';
import type { Logger } from '../kernel/logger.js';
import { readSettings } from '../settings/settings-repo.js';
import type { Db } from '../db/open.js';
import type { PageStore } from '../pages/page-store.js';
import { DEFAULT_TUS_CHUNK, DEFAULT_TUS_THRESHOLD, uploadBlob } from './blob-upload.js';
import type { CredentialStore } from './credential-store.js';
import { dossierDocument, pageFormat } from './dossier-document.js';
import { readSyncConfig } from './enroll.js';
import { pushBatch } from './push-batch.js';
import { checkServerUrl } from './server-url.js';
import { createSyncHttp, describeSyncError, SyncHttpError, type FetchLike, type SyncHttp } from './sync-http.js';
import { insideWindow, readSyncOptions } from './sync-options.js';
import {
  applyProvince,
  assumedMaster,
  dossierExistsLocally,
  getState,
  getSyncDossier,
  outboxBatch,
  outboxDone,
  outboxStats,
  pendingUploads,
  recordConflict,
  recordMaster,
  recordPushed,
  setState,
  setUploadProgress,
  uploadFinished,
  uploadPendingAgain,
  type SyncDossierRow,
} from './sync-repo.js';
import { sqliteUrlStorage } from './tus-url-storage.js';

export type Timers = {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

export const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

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

export type SyncTuning = {
  pushBatch: number;
  pullLimit: number;
  tusThresholdBytes: number;
  tusChunkBytes: number;
  /** Pause between passes when all is well (SSE brings province changes sooner). */
  idleIntervalMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Listen to the server's SSE stream while started. */
  liveStream: boolean;
  healthTimeoutMs: number;
};

const defaultTuning: SyncTuning = {
  pushBatch: MAX_PUSH_ROWS,
  pullLimit: 500,
  tusThresholdBytes: DEFAULT_TUS_THRESHOLD,
  tusChunkBytes: DEFAULT_TUS_CHUNK,
  idleIntervalMs: 60_000,
  backoffBaseMs: 2_000,
  // Five minutes: a desk back online waits at most that long for its next attempt.
  backoffMaxMs: 5 * 60_000,
  liveStream: true,
  healthTimeoutMs: 10_000,
};

export type PassResult = { ok: boolean; state: SyncEngineState; pushed: number; conflicts: number; uploadedFiles: number; pulled: number; error: string | null };

export type SyncMetrics = {
  passes: number;
  /** Bytes of page files sent (what the server acknowledged, per file, counting re-sends after a cut). */
  bytesSent: number;
  filesUploaded: number;
  /** Offsets tus uploads resumed from (> 0 = resumed mid-file). */
  resumedFrom: number[];
};

export type SyncEngine = {
  state(): SyncEngineState;
  /** Runs one pass now, or joins the pass under way (one pass at a time). */
  syncOnce(): Promise<PassResult>;
  /** Starts the schedule (and the live stream); passes follow by timer, nudges and SSE. */
  start(): void;
  /** Stops timers and the stream and aborts the pass under way. */
  stop(): Promise<void>;
  /** Something changed locally: run a pass soon (if started and not paused). */
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
 * One pass at a time. Every step is restartable: the outbox row goes only after the server
 * accepted the push; a dossier's upload flag clears only when the server lacks none of its
 * pages; the checkpoint moves in the transaction that applies the pulled rows. So a crash or
 * a cut anywhere just means the next pass repeats a little work, never loses or duplicates.
 */
export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const { db, clock, logger } = deps;
  const timers = deps.timers ?? realTimers;
  const random = deps.random ?? Math.random;
  const tuning: SyncTuning = { ...defaultTuning, ...deps.tuning };
  const urlStorage = sqliteUrlStorage(db, () => clock.now());
  const metrics: SyncMetrics = { passes: 0, bytesSent: 0, filesUploaded: 0, resumedFrom: [] };

  let state: SyncEngineState = readSyncConfig(db) ? 'idle' : 'not_enrolled';
  let current: Promise<PassResult> | null = null;
  let passAbort: AbortController | null = null;
  let started = false;
  let timer: unknown = null;
  let nextAt: Date | null = null;
  let rerun = false;
  let failures = 0;
  let streamAbort: AbortController | null = null;
  /** Ends the live stream's wait before reconnecting (set while it waits). */
  let wakeListen: (() => void) | null = null;

  const paused = () => getState<boolean>(db, 'paused') === true;
  const queueLength = () => outboxStats(db).count;
  const emit = (dossierId: string | null = null, bytesDone = 0, bytesTotal = 0) =>
    deps.onProgress?.({ state, queueLength: queueLength(), dossierId, bytesDone, bytesTotal });
  const setStateTo = (next: SyncEngineState) => {
    if (state === next) return;
    state = next;
    emit();
  };
  const sleep = (ms: number) => new Promise<void>((r) => timers.setTimeout(r, ms));
  /** The stream's waits: a pass that reached the server ends them, so the stream is back as soon as the server is. */
  const listenWait = (ms: number) =>
    new Promise<void>((r) => {
      const h = timers.setTimeout(() => {
        wakeListen = null;
        r();
      }, ms);
      wakeListen = () => {
        wakeListen = null;
        timers.clearTimeout(h);
        r();
      };
    });

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

  /** "Full jitter" (AWS Architecture Blog, Exponential Backoff and Jitter, 2015): uniform in [0, min(max, base·2^n)]. */
  const backoffDelay = () => Math.max(50, Math.floor(random() * Math.min(tuning.backoffMaxMs, tuning.backoffBaseMs * 2 ** Math.min(failures - 1, 20))));

  async function pass(signal: AbortSignal): Promise<PassResult> {
    const result: PassResult = { ok: false, state, pushed: 0, conflicts: 0, uploadedFiles: 0, pulled: 0, error: null };
    const config = readSyncConfig(db);
    if (!config) {
      setStateTo('not_enrolled');
      return { ...result, state };
    }
    if (paused()) {
      setStateTo('paused');
      return { ...result, state };
    }
    const options = readSyncOptions(db);
    const timeZone = readSettings(db)?.timeZone ?? 'Asia/Ho_Chi_Minh';
    if (!insideWindow(options.window, clock.now(), timeZone)) {
      setStateTo('outside_window');
      return { ...result, state };
    }
    const credential = deps.credentials.load();
    if (!credential) throw new SyncHttpError(401, 'UNAUTHENTICATED', 'no device credential stored');
    // Re-checked on every pass: an admin may have withdrawn the HTTP exception since enrollment.
    const baseUrl = checkServerUrl(config.serverUrl, options.allowInsecureHttp);
    const http = createSyncHttp({ baseUrl, fetch: deps.fetch, auth: () => `Bearer ${config.deviceId}.${credential}`, signal });

    // Connectivity: a cheap health check before anything else, so "offline" is one short failure.
    await http.json('GET', '/health', undefined, HealthResponse, tuning.healthTimeoutMs);

    setStateTo('pushing');
    const pushed = await pushAll(http);
    result.pushed = pushed.pushed;
    result.conflicts = pushed.conflicts;

    setStateTo('uploading');
    result.uploadedFiles = await uploadAll(http, signal, options.bandwidthBytesPerSecond);

    setStateTo('pulling');
    result.pulled = await pullAll(http);

    setState(db, 'lastSuccessAt', clock.now().toISOString());
    setState(db, 'lastError', null);
    return { ...result, ok: true };
  }

  async function pushAll(http: SyncHttp): Promise<{ pushed: number; conflicts: number }> {
    const tried = new Set<string>();
    let pushed = 0;
    let conflicts = 0;
    for (;;) {
      const rows = outboxBatch(db, tuning.pushBatch + tried.size).filter((r) => !tried.has(r.dossier_id)).slice(0, tuning.pushBatch);
      if (rows.length === 0) return { pushed, conflicts };
      for (const r of rows) tried.add(r.dossier_id);
      const items = rows.flatMap((row) => {
        const doc = dossierDocument(db, row.dossier_id);
        if (!doc) {
          outboxDone(db, row.dossier_id, row.version); // no longer a received dossier: nothing to send
          return [];
        }
        return [{ row, doc, assumed: assumedMaster(db, doc.id) }];
      });
      if (items.length === 0) continue;
      const { answer, sent } = await pushBatch(http, db, items);
      const conflictOf = new Map(answer.map((m) => [m.id, m]));
      const at = clock.now().toISOString();
      db.transaction(() => {
        for (const { row, doc, assumed } of sent) {
          const master = conflictOf.get(doc.id);
          if (!master) {
            recordPushed(db, doc, at);
            outboxDone(db, row.dossier_id, row.version);
            pushed += 1;
            continue;
          }
          conflicts += 1;
          // The same rules module the server used tells which rule refused the push.
          const decision = decidePush({ ...intakeOf(master), province: master.province }, intakeOf(doc), assumed);
          const reason = decision.kind === 'conflict' ? decision.reason : 'stale_assumed_state';
          recordConflict(db, { dossierId: doc.id, reason, local: doc, master, at });
          applyProvince(db, master, at);
          if (reason === 'province_locked') {
            // The province owns the dossier now; the desk's change is kept in the conflict row for the supervisor.
            outboxDone(db, row.dossier_id, row.version);
          } else {
            // The desk still owns the intake: build on the server's state and push again next pass.
            if (!getSyncDossier(db, doc.id)) recordPushed(db, stripServerParts(master), at);
            recordMaster(db, master);
          }
        }
      })();
      emit();
    }
  }

  /** The hashes among `hashes` the server lacks, MAX_MISSING_QUERY per request. */
  async function missingOf(http: SyncHttp, hashes: string[]): Promise<Set<string>> {
    const missing = new Set<string>();
    for (let i = 0; i < hashes.length; i += MAX_MISSING_QUERY) {
      const part = await http.json('POST', '/sync/blobs/missing', { hashes: hashes.slice(i, i + MAX_MISSING_QUERY) }, MissingBlobsResponse);
      for (const h of part.missing) missing.add(h);
    }
    return missing;
  }

  /**
   * Uploads the pages the server lacks, for dossiers grouped so that one missing-blobs query
   * answers a whole group (a backlog of small dossiers used to cost two queries each,
   * bench:sync). A dossier counts as uploaded as soon as the server has acknowledged each of
   * its missing pages (it answers a page only once it is verified and recorded), so the clerk
   * sees it at the province without waiting for the rest of the group; one more query at the
   * end re-checks the group, and a dossier with a page the server lost is pending again.
   */
  async function uploadAll(http: SyncHttp, signal: AbortSignal, bandwidth: number | null): Promise<number> {
    let files = 0;
    let group: Array<{ row: SyncDossierRow; doc: SyncDossier }> = [];
    let groupHashes = new Set<string>();
    const flush = async () => {
      if (group.length > 0) files += await uploadGroup(http, group, [...groupHashes], signal, bandwidth);
      group = [];
      groupHashes = new Set();
    };
    for (const row of pendingUploads(db)) {
      const doc = JSON.parse(row.master) as SyncDossier;
      const hashes = new Set(doc.pages.map((p) => p.sha256));
      const added = [...hashes].filter((h) => !groupHashes.has(h)).length;
      if (group.length > 0 && groupHashes.size + added > MAX_MISSING_QUERY) await flush();
      group.push({ row, doc });
      for (const h of hashes) groupHashes.add(h);
    }
    await flush();
    return files;
  }

  async function uploadGroup(
    http: SyncHttp,
    group: Array<{ row: SyncDossierRow; doc: SyncDossier }>,
    hashes: string[],
    signal: AbortSignal,
    bandwidth: number | null,
  ): Promise<number> {
    const missing = await missingOf(http, hashes);
    let files = 0;
    for (const { row, doc } of group) {
      const sizes = new Map(doc.pages.map((p) => [p.sha256, p.size]));
      // In page order; a page shared with a dossier uploaded earlier in this group is not sent again.
      const mine = [...sizes.keys()].filter((h) => missing.has(h));
      const total = [...sizes.values()].reduce((s, n) => s + n, 0);
      let done = total - mine.reduce((s, h) => s + (sizes.get(h) ?? 0), 0);
      setUploadProgress(db, row.dossier_id, done, total);
      emit(row.dossier_id, done, total);
      for (const sha of mine) {
        const format = pageFormat(db, sha);
        if (!format) throw new Error(`page ${sha} has no local row`);
        const data = await readFile(deps.store.pathOf(sha, format));
        let acked = 0;
        const r = await uploadBlob(
          http,
          data,
          sha,
          { tusThresholdBytes: tuning.tusThresholdBytes, tusChunkBytes: tuning.tusChunkBytes, bandwidth: () => bandwidth, sleep, urlStorage },
          (sent, resumedFrom) => {
            acked = Math.max(acked, resumedFrom); // bytes the server kept from an earlier attempt were not sent now
            if (sent > acked) metrics.bytesSent += sent - acked;
            acked = Math.max(acked, sent);
            emit(row.dossier_id, done + sent, total);
          },
          signal,
        );
        if (r.resumedFrom > 0) metrics.resumedFrom.push(r.resumedFrom);
        metrics.filesUploaded += 1;
        files += 1;
        missing.delete(sha);
        done += data.length;
        setUploadProgress(db, row.dossier_id, done, total);
      }
      // A newer push of the dossier (other pages) while we uploaded: its own pass decides.
      if (getSyncDossier(db, row.dossier_id)?.pushed_at === row.pushed_at) uploadFinished(db, row.dossier_id, clock.now().toISOString());
      emit(row.dossier_id, done, total);
    }
    // Confirm with the server rather than trust our own count (a file may have vanished there).
    const still = await missingOf(http, hashes);
    if (still.size > 0) {
      const lost = group.filter(({ doc }) => doc.pages.some((p) => still.has(p.sha256))).map(({ row }) => row.dossier_id);
      uploadPendingAgain(db, lost);
      emit();
    }
    return files;
  }

  async function pullAll(http: SyncHttp): Promise<number> {
    let pulled = 0;
    for (;;) {
      const checkpoint = getState<number>(db, 'checkpoint') ?? 0;
      const res = await http.json('GET', `/sync/dossiers/pull?checkpoint=${checkpoint}&limit=${tuning.pullLimit}`, undefined, PullResponse);
      const at = clock.now().toISOString();
      db.transaction(() => {
        for (const m of res.documents) {
          // Other desks of the same reception point push too; only our own dossiers have a row to update.
          if (!dossierExistsLocally(db, m.id)) continue;
          applyProvince(db, m, at);
          if (getSyncDossier(db, m.id)) recordMaster(db, m);
        }
        if (res.checkpoint.seq > checkpoint) setState(db, 'checkpoint', res.checkpoint.seq);
      })();
      pulled += res.documents.length;
      if (res.documents.length < tuning.pullLimit || res.checkpoint.seq <= checkpoint) return pulled;
    }
  }

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
        const r = await pass(controller.signal);
        if (r.ok) {
          failures = 0;
          wakeListen?.();
          setStateTo('idle');
          schedule(rerun ? 0 : tuning.idleIntervalMs);
          return { ...r, state };
        }
        if (state === 'outside_window' || state === 'not_enrolled') schedule(tuning.idleIntervalMs);
        return { ...r, state };
      } catch (error) {
        const message = describeSyncError(error);
        if (controller.signal.aborted && paused()) {
          setStateTo('paused');
          return { ok: false, state, pushed: 0, conflicts: 0, uploadedFiles: 0, pulled: 0, error: null };
        }
        failures += 1;
        logger.warn('sync pass failed', { error: (error as Error).message, failures });
        setState(db, 'lastError', message);
        setStateTo('backoff');
        schedule(backoffDelay());
        return { ok: false, state, pushed: 0, conflicts: 0, uploadedFiles: 0, pulled: 0, error: message };
      } finally {
        current = null;
        passAbort = null;
        rerun = false;
      }
    })();
    return current;
  }

  async function listen(): Promise<void> {
    let attempt = 0;
    while (started && tuning.liveStream) {
      const config = readSyncConfig(db);
      const credential = deps.credentials.load();
      if (!config || !credential || paused()) {
        await listenWait(tuning.idleIntervalMs);
        continue;
      }
      const controller = new AbortController();
      streamAbort = controller;
      try {
        const baseUrl = checkServerUrl(config.serverUrl, readSyncOptions(db).allowInsecureHttp);
        const http = createSyncHttp({ baseUrl, fetch: deps.fetch, auth: () => `Bearer ${config.deviceId}.${credential}` });
        const res = await http.raw('GET', '/sync/dossiers/stream', { signal: controller.signal, headers: { accept: 'text/event-stream' } });
        attempt = 0;
        const decoder = new TextDecoder();
        let buffer = '';
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const event = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            // RESYNC or a change batch: either way a pull from our own checkpoint is the safe answer
            // (applying the pushed batch directly could skip changes we have not pulled yet).
            if (event.split('\n').some((l) => l.startsWith('data:'))) nudge();
          }
        }
      } catch {
        // Offline or the server went away: the passes' backoff reports it; we just reconnect.
      } finally {
        streamAbort = null;
      }
      if (!started) return;
      attempt += 1;
      await listenWait(Math.floor(random() * Math.min(tuning.backoffMaxMs, tuning.backoffBaseMs * 2 ** Math.min(attempt, 20))));
    }
  }

  function nudge(): void {
    if (!started || paused()) return;
    if (current) {
      rerun = true;
      return;
    }
    if (state === 'backoff') return; // the backoff timer decides; sync.now overrides it
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
      void listen();
    },
    async stop() {
      started = false;
      clearTimer();
      wakeListen?.();
      streamAbort?.abort();
      passAbort?.abort();
      await current?.catch(() => undefined);
    },
    nudge,
    async pause() {
      setState(db, 'paused', true);
      clearTimer();
      passAbort?.abort();
      streamAbort?.abort();
      await current?.catch(() => undefined);
      setStateTo('paused');
    },
    resume() {
      setState(db, 'paused', false);
      wakeListen?.();
      failures = 0;
      setStateTo(readSyncConfig(db) ? 'idle' : 'not_enrolled');
      if (started) schedule(0);
    },
    isPaused: paused,
    nextAttemptAt: () => nextAt,
    metrics,
  };
}

function stripServerParts(m: SyncDossier): SyncDossier {
  const { province: _p, seq: _s, complete: _c, ...rest } = m;
  return rest;
}
