import { AppError } from '../../src-shared/contract/errors.js';
import type { SyncOptions } from '../../src-shared/contract/sync-commands.js';
import type { Clock } from '../kernel/clock.js';
import { emptyConfig, refuseLockedChanges, type LoadedConfig } from '../kernel/config.js';
import type { Logger } from '../kernel/logger.js';
import type { Db } from '../db/open.js';
import type { PageStore } from '../pages/page-store.js';
import { pickCredentialStore, type CredentialStore, type SafeStorageLike } from './credential-store.js';
import { enrollDesk } from './enroll.js';
import { purgeSyncedPages, type PurgeResult } from './retention.js';
import { createProxyFetch, proxyFromEnv } from './proxy-fetch.js';
import { createSyncEngine, type SyncEngine, type SyncProgress } from './sync-engine.js';
import type { FetchLike } from './sync-http.js';
import { readSyncOptions, writeSyncOptions } from './sync-options.js';
import { syncStatus } from './sync-status.js';
import { realTimers, type Timers } from './sync-timers.js';
import type { SyncTuning } from './sync-tuning.js';

/** Retention is a daily chore (issue 5: "after a configurable number of days"). */
export const PURGE_INTERVAL_MS = 24 * 3600_000;
/** The first run waits out the start-up rush (page-store check, OCR catch-up). */
export const PURGE_FIRST_DELAY_MS = 5 * 60_000;

export type DeskSyncDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  dataDir: string;
  store: PageStore;
  /** IT's config files: the proxy, retention and server address they set are locked. */
  config?: LoadedConfig;
  /**
   * The network transport; default global fetch, or undici's fetch through a ProxyAgent when
   * the sync option proxyUrl is set or HTTPS_PROXY/HTTP_PROXY name one (Node's fetch ignores them).
   */
  fetch?: FetchLike;
  /** Where HTTPS_PROXY and friends are read; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Electron's safeStorage when running under Electron; absent → plain 0600 file (not encrypted). */
  safeStorage?: SafeStorageLike;
  credentials?: CredentialStore;
  timers?: Timers;
  random?: () => number;
  onProgress?: (p: SyncProgress) => void;
  tuning?: Partial<SyncTuning>;
};

/** What the composition root lets a caller replace (tests: a counting or failing fetch, hand-run timers, short backoffs). */
export type DeskSyncOverrides = Pick<DeskSyncDeps, 'fetch' | 'env' | 'credentials' | 'timers' | 'random' | 'tuning'>;

/** Everything the sync feature offers the composition root and its handlers. */
export type DeskSync = {
  db: Db;
  clock: Clock;
  engine: SyncEngine;
  /** The transport every request to the server takes (through the proxy when one is set): for the doctor's reachability check. */
  fetch: FetchLike;
  enroll(input: { serverUrl: string; code?: string | undefined; deviceName: string }): ReturnType<typeof enrollDesk>;
  status(ids?: readonly string[]): ReturnType<typeof syncStatus>;
  options(): SyncOptions;
  setOptions(change: Partial<SyncOptions>): SyncOptions;
  /** Retention; does nothing while retentionDays is null (the default). */
  purge(): Promise<PurgeResult>;
};

export function createDeskSync(deps: DeskSyncDeps): DeskSync {
  const proxied = new Map<string, ReturnType<typeof createProxyFetch>>();
  const fetchImpl: FetchLike =
    deps.fetch ??
    ((input, init) => {
      const proxy = readSyncOptions(deps.db).proxyUrl ?? proxyFromEnv(input, deps.env);
      if (!proxy) return fetch(input, init);
      let viaProxy = proxied.get(proxy);
      if (!viaProxy) proxied.set(proxy, (viaProxy = createProxyFetch(proxy)));
      return viaProxy(input, init);
    });
  const credentials = deps.credentials ?? pickCredentialStore(deps.dataDir, deps.safeStorage);
  const config = deps.config ?? emptyConfig;
  const core = createSyncEngine({
    db: deps.db,
    clock: deps.clock,
    store: deps.store,
    credentials,
    fetch: fetchImpl,
    timers: deps.timers,
    random: deps.random,
    logger: deps.logger,
    onProgress: deps.onProgress,
    tuning: deps.tuning,
  });
  const timers = deps.timers ?? realTimers;
  const purge = () => purgeSyncedPages(deps.db, deps.store, { retentionDays: readSyncOptions(deps.db).retentionDays, now: deps.clock.now() });
  let purgeTimer: unknown = null;
  const runPurge = () => {
    purgeTimer = timers.setTimeout(runPurge, PURGE_INTERVAL_MS);
    void purge()
      .then((r) => r.files > 0 && deps.logger.info('sync retention purged page images', r))
      .catch((error: unknown) => deps.logger.error('sync retention failed', { error: (error as Error).message }));
  };
  // Retention runs with the engine: once soon after start (a desk switched on each morning), then daily.
  const engine: SyncEngine = {
    ...core,
    start() {
      core.start();
      if (purgeTimer === null) purgeTimer = timers.setTimeout(runPurge, PURGE_FIRST_DELAY_MS);
    },
    async stop() {
      if (purgeTimer !== null) timers.clearTimeout(purgeTimer);
      purgeTimer = null;
      await core.stop();
      await Promise.all([...proxied.values()].map((f) => f.close().catch(() => undefined)));
      proxied.clear();
    },
  };
  return {
    db: deps.db,
    clock: deps.clock,
    engine,
    fetch: fetchImpl,
    async enroll(input) {
      const locked = config.values.serverUrl;
      if (locked !== undefined && input.serverUrl.trim().replace(/\/+$/, '') !== locked.replace(/\/+$/, '')) refuseLockedChanges(config, ['serverUrl']);
      // The first-run wizard sends no code when IT's config file has one (it never reaches the renderer).
      const code = input.code ?? config.values.enrollmentCode;
      if (!code) throw new AppError('VALIDATION', 'sync.enrollNoCode', { code: 'required' });
      const out = await enrollDesk(
        { db: deps.db, fetch: fetchImpl, credentials, clock: deps.clock, allowInsecureHttp: () => readSyncOptions(deps.db).allowInsecureHttp },
        { ...input, code },
      );
      engine.nudge();
      return out;
    },
    status: (ids) => syncStatus(deps.db, engine, ids),
    options: () => readSyncOptions(deps.db),
    setOptions: (change) => {
      const current = readSyncOptions(deps.db);
      const changed = (Object.keys(change) as (keyof SyncOptions)[]).filter((k) => change[k] !== undefined && JSON.stringify(change[k]) !== JSON.stringify(current[k]));
      refuseLockedChanges(config, changed);
      const next = writeSyncOptions(deps.db, change);
      engine.nudge();
      return next;
    },
    purge,
  };
}
