import type { CheckResult } from '../../src-shared/contract/diagnostics-commands.js';
import { AppError } from '../../src-shared/contract/errors.js';
import type { Db } from '../db/open.js';
import type { Clock } from '../kernel/clock.js';
import type { LoadedConfig } from '../kernel/config.js';
import type { Logger } from '../kernel/logger.js';
import { ocrSelfTest } from '../ocr/self-test.js';
import type { PageStore } from '../pages/page-store.js';
import type { ScannerService } from '../scan/scanner-service.js';
import { checkServerUrl } from '../sync/server-url.js';
import type { DeskSync } from '../sync/desk-sync.js';
import { readSyncOptions } from '../sync/sync-options.js';
import { ocrCheck } from './checks/ocr-check.js';
import { serverChecks } from './checks/server-checks.js';
import { probeServer } from './checks/server-probe.js';
import { proxyOf, runDoctor } from './doctor.js';
import { readLogs, type LogQuery } from './log-reader.js';
import { buildSupportBundle, bundleFileName } from './support-bundle.js';

export type DiagnosticsDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  version: string;
  appSchemaVersion: number;
  dataDir: string;
  assetsDir: string;
  config: LoadedConfig;
  store: PageStore;
  scanner: ScannerService;
  sync: Pick<DeskSync, 'fetch' | 'engine'>;
  electron: string | null;
  env?: NodeJS.ProcessEnv;
};

/** The Diagnostics screen's doctor, log viewer and support bundle, and the first-run wizard's tests. */
export function createDiagnosticsService(deps: DiagnosticsDeps) {
  const env = deps.env ?? process.env;
  let running: ReturnType<typeof runDoctor> | null = null;
  const doctor = (quick: boolean) => {
    // One run at a time: a second click joins the first.
    running ??= runDoctor(
      {
        dataDir: deps.dataDir,
        version: deps.version,
        appSchemaVersion: deps.appSchemaVersion,
        clock: deps.clock,
        assetsDir: deps.assetsDir,
        db: deps.db,
        dbOpenError: null,
        config: deps.config,
        store: deps.store,
        scanner: deps.scanner,
        fetch: deps.sync.fetch,
        env,
        syncEngine: deps.sync.engine,
        electron: deps.electron,
      },
      { quick },
    ).finally(() => (running = null));
    return running;
  };
  return {
    run: doctor,
    async checkServer(serverUrl: string): Promise<CheckResult[]> {
      let base: string;
      try {
        base = checkServerUrl(serverUrl, readSyncOptions(deps.db).allowInsecureHttp);
      } catch (error) {
        const text = error instanceof AppError ? error.message : String(error);
        return [{ id: 'server', status: 'fail', title: 'Kết nối máy chủ tỉnh', detail: text, fix: 'Nhập địa chỉ dạng https://tên-máy-chủ do tỉnh cung cấp.' }];
      }
      const probe = await probeServer(deps.sync.fetch, base, deps.clock);
      return serverChecks(probe, deps.clock, proxyOf(deps.db, base, env) !== null);
    },
    async ocrSelfTest(): Promise<CheckResult> {
      return ocrCheck(await ocrSelfTest(deps.assetsDir));
    },
    logs: (q: LogQuery) => readLogs(deps.dataDir, q),
    async supportBundle(): Promise<{ fileName: string; zipBase64: string; bytes: number }> {
      const now = deps.clock.now();
      const report = await doctor(false);
      const zip = await buildSupportBundle({
        dataDir: deps.dataDir,
        db: deps.db,
        config: deps.config,
        report,
        versions: { app: deps.version, schema: String(deps.appSchemaVersion), node: process.versions.node, electron: deps.electron },
        now,
      });
      deps.logger.info('support bundle made', { bytes: zip.length });
      return { fileName: bundleFileName(now), zipBase64: zip.toString('base64'), bytes: zip.length };
    },
  };
}

export type DiagnosticsService = ReturnType<typeof createDiagnosticsService>;
