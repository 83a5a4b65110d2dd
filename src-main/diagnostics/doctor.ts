import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { DoctorReport } from '../../src-shared/contract/diagnostics-commands.js';
import type { SyncEngineState } from '../../src-shared/contract/sync-commands.js';
import { readSchedule } from '../backup/backup-repo.js';
import { configDrift } from '../config/config-drift.js';
import { readSchemaVersion } from '../db/migrate.js';
import type { Db } from '../db/open.js';
import type { Clock } from '../kernel/clock.js';
import type { LoadedConfig } from '../kernel/config.js';
import { instanceLockState } from '../kernel/instance-lock.js';
import { ocrSelfTest } from '../ocr/self-test.js';
import type { PageStore } from '../pages/page-store.js';
import type { ScannerService } from '../scan/scanner-service.js';
import { readSyncConfig } from '../sync/enroll.js';
import { proxyFromEnv } from '../sync/proxy-fetch.js';
import type { FetchLike } from '../sync/sync-http.js';
import { readSyncOptions } from '../sync/sync-options.js';
import { getState } from '../sync/sync-repo.js';
import { syncStatus } from '../sync/sync-status.js';
import type { CheckResult } from './check-result.js';
import { backupCheck } from './checks/backup-check.js';
import { configCheck } from './checks/config-check.js';
import { databaseCheck } from './checks/database-check.js';
import { diskCheck } from './checks/disk-check.js';
import { lockCheck } from './checks/lock-check.js';
import { ocrCheck } from './checks/ocr-check.js';
import { pageStoreCheck } from './checks/page-store-check.js';
import { scannerCheck } from './checks/scanner-check.js';
import { serverChecks } from './checks/server-checks.js';
import { probeServer } from './checks/server-probe.js';
import { syncCheck } from './checks/sync-check.js';
import { versionCheck } from './checks/version-check.js';

export type DoctorDeps = {
  dataDir: string;
  version: string;
  appSchemaVersion: number;
  clock: Clock;
  assetsDir: string;
  /** The desk's database (the app's connection, or the CLI's read-only one); null if there is none. */
  db: Db | null;
  dbOpenError: string | null;
  /** IT's config as loaded, or the error that refused it. */
  config: LoadedConfig | Error;
  store: Pick<PageStore, 'pathOf'>;
  scanner: Pick<ScannerService, 'startHost' | 'listDevicesDetailed'>;
  /** The transport to the server (through the proxy when one is set). */
  fetch: FetchLike;
  env: NodeJS.ProcessEnv;
  /** The running sync engine, when the doctor runs inside the app. */
  syncEngine?: { state(): SyncEngineState; nextAttemptAt(): Date | null };
  electron: string | null;
  /** Another folder of OCR language data (tests of a broken install). */
  ocrLangPath?: string;
};

/** Where the desk talks to: the enrolled server, else the one IT's config names. */
export function serverUrlOf(db: Db | null, config: LoadedConfig | Error): string | null {
  return (db ? readSyncConfig(db)?.serverUrl : null) ?? (config instanceof Error ? null : (config.values.serverUrl ?? null));
}

/** Whether requests to `url` go through a proxy (the sync option, else HTTPS_PROXY and friends). */
export function proxyOf(db: Db | null, url: string, env: NodeJS.ProcessEnv): string | null {
  return (db ? readSyncOptions(db).proxyUrl : null) ?? proxyFromEnv(url, env);
}

/**
 * `tiepnhan doctor` and the Diagnostics screen: every check in a fixed order, each with its
 * Vietnamese fix. The slow ones (the OCR self-test, the scanner host, the server) run together.
 */
export async function runDoctor(deps: DoctorDeps, options: { quick?: boolean } = {}): Promise<DoctorReport> {
  const { db, clock } = deps;
  const dbFile = join(deps.dataDir, 'tiepnhan.sqlite');
  const size = (f: string) => statSync(f, { throwIfNoEntry: false })?.size ?? 0;
  const url = serverUrlOf(db, deps.config);
  const [ocr, scanner, server] = await Promise.all([
    options.quick ? Promise.resolve(null) : ocrSelfTest(deps.assetsDir, deps.ocrLangPath === undefined ? {} : { langPath: deps.ocrLangPath }),
    scannerCheck(deps.scanner),
    url ? probeServer(deps.fetch, url, clock) : Promise.resolve(null),
  ]);
  const engine = deps.syncEngine ?? { state: (): SyncEngineState => (db && getState<boolean>(db, 'paused') ? 'paused' : 'idle'), nextAttemptAt: () => null };
  const checks: CheckResult[] = [
    versionCheck({
      version: deps.version,
      appSchemaVersion: deps.appSchemaVersion,
      schemaVersion: db ? readSchemaVersion(db) : null,
      node: process.versions.node,
      electron: deps.electron,
      platform: `${process.platform}-${process.arch}`,
    }),
    configCheck(deps.config, db && !(deps.config instanceof Error) ? configDrift(db, deps.config) : []),
    databaseCheck(db, deps.dbOpenError, size(dbFile) + size(`${dbFile}-wal`)),
    diskCheck(deps.dataDir),
    await pageStoreCheck(db, deps.store, options.quick ?? false),
    scanner,
    ocrCheck(ocr),
    ...(await serverChecks(server, clock, url !== null && proxyOf(db, url, deps.env) !== null)),
    syncCheck(db ? syncStatus(db, engine, []) : null, clock),
    backupCheck(db ? readSchedule(db) : null, clock),
    lockCheck(instanceLockState(deps.dataDir)),
  ];
  const problems = checks.filter((c) => c.status === 'warn' || c.status === 'fail').length;
  return { at: clock.now().toISOString(), version: deps.version, ok: problems === 0, problems, checks };
}
