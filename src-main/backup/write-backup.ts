import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '../../src-shared/contract/errors.js';
import { readSchemaVersion } from '../db/migrate.js';
import { openDatabaseReadOnly, type Db } from '../db/open.js';
import { snapshotDatabase } from '../db/snapshot.js';
import type { Clock } from '../kernel/clock.js';
import { allFileRefs } from '../pages/page-repo.js';
import type { PageStore } from '../pages/page-store.js';
import { backupFilePath, databaseName, manifestName, type BackupFile, type Manifest } from './backup-format.js';
import { backupCounts, purgedHashes } from './backup-repo.js';
import { copyVerified, fileSha256, fsyncDir } from './file-copy.js';

export type WriteBackupDeps = {
  /** The live database: the app's own connection, or a read-only one of the CLI. */
  db: Db;
  store: Pick<PageStore, 'pathOf'>;
  clock: Clock;
  appVersion: string;
  /** See snapshotDatabase: a number for the app's own connection, 'all' for another process. */
  pagesPerStep: number | 'all';
  onProgress?: (p: { step: 'database' | 'pages'; done: number; total: number }) => void;
};

export type BackupResult = { dir: string; manifest: Manifest; attempts: number };

/** A page file deleted between the snapshot and its copy: the next attempt takes a new snapshot. */
const ATTEMPTS = 3;

function refusal(key: 'backup.targetIsFile' | 'backup.targetNotEmpty', target: string): AppError {
  return new AppError('VALIDATION', { key, params: { target } }, { folder: 'backup.folder' });
}

async function prepareTarget(target: string): Promise<void> {
  if (!existsSync(target)) {
    await mkdir(dirname(target), { recursive: true });
    return;
  }
  if (!(await stat(target)).isDirectory()) throw refusal('backup.targetIsFile', target);
  if (readdirSync(target).length > 0) throw refusal('backup.targetNotEmpty', target);
  await rmdir(target);
}

/**
 * Backs the desk up into `target` (a new or empty folder) while clerks keep working: first a
 * snapshot of the database by SQLite's online backup, then every page file that snapshot
 * references, each checked against its SHA-256 as it is copied. Files are content-addressed and
 * written before the row that names them commits, so the snapshot's files all exist; one deleted
 * in between (a page removed for good) sends the backup round again with a fresh snapshot.
 */
export async function writeBackup(deps: WriteBackupDeps, targetDir: string): Promise<BackupResult> {
  const target = resolve(targetDir);
  await prepareTarget(target);
  const work = join(dirname(target), `.${basename(target)}.partial-${randomBytes(4).toString('hex')}`);
  try {
    for (let attempt = 1; ; attempt++) {
      await rm(work, { recursive: true, force: true });
      await mkdir(work, { recursive: true });
      const manifest = await attemptBackup(deps, work);
      if (manifest === 'retry') {
        if (attempt < ATTEMPTS) continue;
        throw new AppError('CONFLICT', 'backup.pagesChanging');
      }
      await writeFile(join(work, manifestName), JSON.stringify(manifest, null, 2), { flush: true });
      await fsyncDir(work);
      await rename(work, target);
      await fsyncDir(dirname(target));
      return { dir: target, manifest, attempts: attempt };
    }
  } catch (error) {
    await rm(work, { recursive: true, force: true });
    throw error;
  }
}

async function attemptBackup(deps: WriteBackupDeps, work: string): Promise<Manifest | 'retry'> {
  const dbFile = join(work, databaseName);
  deps.onProgress?.({ step: 'database', done: 0, total: 1 });
  await snapshotDatabase(deps.db, dbFile, deps.pagesPerStep);
  deps.onProgress?.({ step: 'database', done: 1, total: 1 });
  const snapshot = openDatabaseReadOnly(dbFile);
  let refs: Map<string, BackupFile>;
  let purged: Set<string>;
  let schemaVersion: number;
  let counts: Manifest['counts'];
  try {
    refs = new Map(allFileRefs(snapshot).map((r) => [`${r.sha256}.${r.format}`, { sha256: r.sha256, format: r.format, bytes: 0 }]));
    purged = purgedHashes(snapshot);
    schemaVersion = readSchemaVersion(snapshot);
    counts = backupCounts(snapshot);
  } finally {
    snapshot.close();
  }
  const files: BackupFile[] = [];
  const absent: BackupFile[] = [];
  let done = 0;
  for (const ref of refs.values()) {
    const outcome = await copyVerified(deps.store.pathOf(ref.sha256, ref.format), backupFilePath(work, ref), ref.sha256);
    if (outcome.ok) files.push({ ...ref, bytes: outcome.bytes });
    else if (!purged.has(ref.sha256)) absent.push(ref);
    deps.onProgress?.({ step: 'pages', done: ++done, total: refs.size });
  }
  // Gone since the snapshot and no longer referenced: deleted meanwhile, so take a new snapshot.
  // Still referenced: the page store itself has lost or damaged it; the backup says so.
  const live = new Set(allFileRefs(deps.db).map((r) => `${r.sha256}.${r.format}`));
  if (absent.some((f) => !live.has(`${f.sha256}.${f.format}`))) return 'retry';
  return {
    format: 1,
    app: 'tiepnhan',
    appVersion: deps.appVersion,
    schemaVersion,
    createdAt: deps.clock.now().toISOString(),
    database: { file: databaseName, sha256: await fileSha256(dbFile), bytes: (await stat(dbFile)).size },
    files,
    purged: [...refs.values()].filter((r) => purged.has(r.sha256) && !files.some((f) => f.sha256 === r.sha256)).map((r) => r.sha256),
    missing: absent.map((f) => f.sha256),
    counts,
  };
}
