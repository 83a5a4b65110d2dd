import type { SyncOptions } from '../../src-shared/contract/sync-commands.js';
import type { Clock } from '../app/clock.js';
import type { Logger } from '../app/logger.js';
import type { Db } from '../db/open.js';
import type { PageStore } from '../pages/page-store.js';
import { pickCredentialStore, type CredentialStore, type SafeStorageLike } from './credential-store.js';
import { enrollDesk } from './enroll.js';
import { purgeSyncedPages, type PurgeResult } from './retention.js';
import { createSyncEngine, type SyncEngine, type SyncProgress, type SyncTuning, type Timers } from './sync-engine.js';
import type { FetchLike } from './sync-http.js';
import { readSyncOptions, writeSyncOptions } from './sync-options.js';
import { syncStatus } from './sync-status.js';

export type DeskSyncDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  dataDir: string;
  store: PageStore;
  /**
   * The network transport; default global fetch. Proxy: Node 20's global fetch ignores HTTPS_PROXY;
   * pass a fetch bound to undici's ProxyAgent here (undici is not a dependency yet, so this is left).
   */
  fetch?: FetchLike;
  /** Electron's safeStorage when running under Electron; absent → plain 0600 file (not encrypted). */
  safeStorage?: SafeStorageLike;
  credentials?: CredentialStore;
  timers?: Timers;
  random?: () => number;
  onProgress?: (p: SyncProgress) => void;
  tuning?: Partial<SyncTuning>;
};

/** Everything the sync feature offers the composition root and its handlers. */
export type DeskSync = {
  db: Db;
  clock: Clock;
  engine: SyncEngine;
  enroll(input: { serverUrl: string; code: string; deviceName: string }): ReturnType<typeof enrollDesk>;
  status(ids?: readonly string[]): ReturnType<typeof syncStatus>;
  options(): SyncOptions;
  setOptions(change: Partial<SyncOptions>): SyncOptions;
  /** Retention; does nothing while retentionDays is null (the default). */
  purge(): Promise<PurgeResult>;
};

export function createDeskSync(deps: DeskSyncDeps): DeskSync {
  const fetchImpl: FetchLike = deps.fetch ?? ((input, init) => fetch(input, init));
  const credentials = deps.credentials ?? pickCredentialStore(deps.dataDir, deps.safeStorage);
  const engine = createSyncEngine({
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
  return {
    db: deps.db,
    clock: deps.clock,
    engine,
    async enroll(input) {
      const out = await enrollDesk(
        { db: deps.db, fetch: fetchImpl, credentials, clock: deps.clock, allowInsecureHttp: () => readSyncOptions(deps.db).allowInsecureHttp },
        input,
      );
      engine.nudge();
      return out;
    },
    status: (ids) => syncStatus(deps.db, engine, ids),
    options: () => readSyncOptions(deps.db),
    setOptions: (change) => {
      const next = writeSyncOptions(deps.db, change);
      engine.nudge();
      return next;
    },
    purge: () => purgeSyncedPages(deps.db, deps.store, { retentionDays: readSyncOptions(deps.db).retentionDays, now: deps.clock.now() }),
  };
}
