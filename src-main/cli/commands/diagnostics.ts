import { existsSync, readFileSync, statfsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../kernel/config.js';
import { appRoot } from '../../kernel/paths.js';
import { loadMigrations, schemaVersion } from '../../db/migrate.js';
import { openDatabaseReadOnly } from '../../db/open.js';
import { electronPackageVersion, findElectronBinary } from '../../launch/electron-binary.js';
import { lockFileName } from '../../kernel/instance-lock.js';
import type { CliCommand } from '../cli-command.js';
import { appVersion } from '../app-version.js';
import { databaseFile } from './database-file.js';

const size = (file: string) => statSync(file, { throwIfNoEntry: false })?.size ?? 0;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function freeBytes(dir: string): number | null {
  try {
    const fs = statfsSync(dir);
    return fs.bavail * fs.bsize;
  } catch {
    return null;
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** What IT needs to read a desk's state over the phone, without personal data. */
export function collectDiagnostics(dataDir: string) {
  const root = appRoot();
  const dbFile = databaseFile(dataDir);
  const database: { file: string; exists: boolean; bytes: number; schemaVersion: number | null; appSchemaVersion: number; error: string | null } = {
    file: dbFile,
    exists: existsSync(dbFile),
    // The WAL holds committed pages not yet checkpointed into the main file.
    bytes: size(dbFile) + size(`${dbFile}-wal`),
    schemaVersion: null,
    appSchemaVersion: loadMigrations(join(root, 'migrations')).at(-1)?.version ?? 0,
    error: null,
  };
  if (database.exists) {
    try {
      const db = openDatabaseReadOnly(dbFile);
      try {
        database.schemaVersion = schemaVersion(db);
      } finally {
        db.close();
      }
    } catch (error) {
      database.error = message(error);
    }
  }
  const freeDiskBytes = freeBytes(existsSync(dataDir) ? dataDir : root);
  let config: { ok: boolean; error: string | null } = { ok: true, error: null };
  try {
    loadConfig(dataDir);
  } catch (error) {
    config = { ok: false, error: message(error) };
  }
  const runningInstance = readJson(join(dataDir, lockFileName));
  return {
    version: appVersion(),
    dataDir,
    database,
    freeDiskBytes,
    logFile: join(dataDir, 'logs', 'tiepnhan.log'),
    config,
    runningInstance,
    node: process.versions.node,
    electron: { package: electronPackageVersion(), binary: findElectronBinary() },
    platform: `${process.platform}-${process.arch}`,
  };
}

const mb = (n: number | null) => (n === null ? '?' : `${(n / 1024 / 1024).toFixed(1)} MB`);

export const diagnosticsCommand: CliCommand = {
  name: 'diagnostics',
  summary: { vi: 'Thông tin chẩn đoán cho bộ phận CNTT', en: 'Diagnostics for IT staff' },
  usage: '[--json]',
  options: { json: { type: 'boolean' } },
  async run(values, _positionals, ctx) {
    const d = collectDiagnostics(ctx.dataDir);
    if (values.json) {
      ctx.out(JSON.stringify(d, null, 2));
      return 0;
    }
    const lines: [string, string][] = [
      ['Phiên bản / Version', d.version],
      ['Thư mục dữ liệu / Data folder', d.dataDir],
      ['Cơ sở dữ liệu / Database', `${d.database.file}${d.database.exists ? '' : ' (chưa có / not created)'}`],
      ['Dung lượng CSDL / Database size', mb(d.database.bytes)],
      ['Lược đồ / Schema version', `${d.database.schemaVersion ?? '-'} (ứng dụng / app: ${d.database.appSchemaVersion})`],
      ['Dung lượng trống / Free disk', mb(d.freeDiskBytes)],
      ['Tệp nhật ký / Log file', d.logFile],
      ['Cấu hình / Config', d.config.ok ? 'OK' : (d.config.error ?? '')],
      ['Node.js', d.node],
      ['Electron', `${d.electron.package ?? '-'} (${d.electron.binary ? d.electron.binary : 'chưa cài bản chạy / binary not installed'})`],
      ['Hệ điều hành / Platform', d.platform],
    ];
    if (d.database.error) lines.push(['Lỗi CSDL / Database error', d.database.error]);
    for (const [k, v] of lines) ctx.out(`${k}: ${v}`);
    return 0;
  },
};
