import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadMigrations } from '../../db/migrate.js';
import { openDatabaseReadOnly, type Db } from '../../db/open.js';
import { proxyOf, serverUrlOf, type DoctorDeps } from '../../diagnostics/doctor.js';
import { systemClock } from '../../kernel/clock.js';
import { ConfigError, loadConfig, type LoadedConfig } from '../../kernel/config.js';
import { appRoot } from '../../kernel/paths.js';
import { electronPackageVersion } from '../../launch/electron-binary.js';
import { openPageStore } from '../../pages/page-store.js';
import { readStoredEsclUrls } from '../../scan/escl-urls.js';
import { ScannerService } from '../../scan/scanner-service.js';
import { createProxyFetch } from '../../sync/proxy-fetch.js';
import { appVersion } from '../app-version.js';
import type { CliContext } from '../cli-command.js';
import { databaseFile } from './database-file.js';

/**
 * The doctor's view from the command line, beside a running app or without one: the database
 * read-only, a scanner host of its own, and the same transport to the server the app would use.
 */
export function cliDoctorDeps(ctx: CliContext): { deps: DoctorDeps; close(): Promise<void> } {
  let config: LoadedConfig | Error;
  try {
    config = loadConfig(ctx.dataDir, ctx.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    config = error;
  }
  const file = databaseFile(ctx.dataDir);
  let db: Db | null = null;
  let dbOpenError: string | null = null;
  if (existsSync(file)) {
    try {
      db = openDatabaseReadOnly(file);
      db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
    } catch (error) {
      dbOpenError = error instanceof Error ? error.message : String(error);
      db?.close();
      db = null;
    }
  }
  const root = appRoot();
  const scanner = new ScannerService({ hostEnv: ctx.env, esclUrls: db ? readStoredEsclUrls(db) : [] });
  const url = serverUrlOf(db, config);
  const proxy = url ? proxyOf(db, url, ctx.env) : null;
  const viaProxy = proxy ? createProxyFetch(proxy) : null;
  return {
    deps: {
      dataDir: ctx.dataDir,
      version: appVersion(),
      appSchemaVersion: loadMigrations(join(root, 'migrations')).at(-1)?.version ?? 0,
      clock: systemClock,
      assetsDir: join(root, 'assets'),
      db,
      dbOpenError,
      config,
      store: openPageStore(join(ctx.dataDir, 'pages')),
      scanner,
      fetch: viaProxy ?? ((input, init) => fetch(input, init)),
      env: ctx.env,
      electron: electronPackageVersion(),
    },
    async close() {
      scanner.close();
      db?.close();
      await viaProxy?.close();
    },
  };
}
