import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../../src-shared/contract/errors.js';
import { openDatabase } from '../db/open.js';
import { freeBytes, mib } from '../kernel/disk-space.js';
import type { Logger } from '../kernel/logger.js';
import { backupFilePath, databaseName, pagesDirName, type Manifest } from './backup-format.js';
import { copyVerified } from './file-copy.js';
import { verifyBackup } from './verify-backup.js';

/**
 * Restoring replaces the data folder's database and page store with a backup's, never half-way:
 *
 * 1. the backup is verified whole (verify-backup.ts); nothing is touched if it fails;
 * 2. its database and pages are copied into `.restore-<id>` inside the data folder (same disk, so
 *    the moves below are renames) and the database is brought to this app's schema;
 * 3. a journal records the plan; the current database (with its -wal, -shm) and pages move to
 *    `restore-previous-<date>` (kept for IT to delete once satisfied), then the staged ones move in.
 *
 * A crash during step 3 is finished at the next start (finishPendingRestore), from the journal's
 * phase; one during step 2 leaves only a staging folder, removed at the next start.
 */
export const journalName = 'restore-journal.json';
const stagingPrefix = '.restore-';
const liveItems = [databaseName, `${databaseName}-wal`, `${databaseName}-shm`, pagesDirName];

type Journal = { backup: string; staged: string; previous: string; createdAt: string; phase: 'ready' | 'moving-out' | 'moving-in' };

function readJournal(dataDir: string): Journal | null {
  try {
    return JSON.parse(readFileSync(join(dataDir, journalName), 'utf8')) as Journal;
  } catch {
    return null;
  }
}

function writeJournal(dataDir: string, journal: Journal): void {
  const file = join(dataDir, journalName);
  writeFileSync(`${file}.tmp`, JSON.stringify(journal), { flush: true });
  renameSync(`${file}.tmp`, file);
}

export type StagedRestore = { manifest: Manifest; staged: string };

/** Steps 1 and 2: verifies the backup and stages it; the data folder's own files are not touched yet. */
export async function stageRestore(
  dataDir: string,
  backupDir: string,
  o: { appSchemaVersion: number; migrationsDir: string; now: Date; onProgress?: (step: 'verify' | 'copy', done: number, total: number) => void },
): Promise<StagedRestore> {
  const from = resolve(backupDir);
  const verified = await verifyBackup(from, o.appSchemaVersion, (d, t) => o.onProgress?.('verify', d, t));
  if (!verified.ok) throw new AppError('VALIDATION', { key: 'backup.invalid', params: { problems: verified.problems.join(' ') } }, { backup: 'backup.invalid' });
  const { manifest } = verified;
  mkdirSync(dataDir, { recursive: true });
  const needed = manifest.database.bytes + manifest.files.reduce((n, f) => n + f.bytes, 0) + 50 * 1024 * 1024;
  const free = freeBytes(dataDir);
  if (free !== null && free < needed) {
    throw new AppError('DISK_FULL', { key: 'backup.noRoom', params: { needed: mib(needed), free: mib(free) } });
  }
  const staged = join(dataDir, `${stagingPrefix}${randomBytes(4).toString('hex')}`);
  try {
    mkdirSync(staged);
    const dbCopy = await copyVerified(join(from, databaseName), join(staged, databaseName), manifest.database.sha256);
    if (!dbCopy.ok) throw new AppError('VALIDATION', 'backup.changedDuringRestore');
    for (const [i, f] of manifest.files.entries()) {
      const copied = await copyVerified(backupFilePath(from, f), backupFilePath(staged, f), f.sha256);
      if (!copied.ok) throw new AppError('VALIDATION', 'backup.changedDuringRestore');
      o.onProgress?.('copy', i + 1, manifest.files.length);
    }
    mkdirSync(join(staged, pagesDirName), { recursive: true });
    // An older backup is brought to this app's schema here, before anything is replaced.
    openDatabase(join(staged, databaseName), { migrationsDir: o.migrationsDir }).close();
    const stamp = o.now.toISOString().replace(/[-:]/g, '').slice(0, 15);
    writeJournal(dataDir, { backup: from, staged, previous: join(dataDir, `restore-previous-${stamp}`), createdAt: o.now.toISOString(), phase: 'ready' });
    return { manifest, staged };
  } catch (error) {
    rmSync(staged, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Step 3, at start before the database opens (and at the end of `tiepnhan restore`): carries a
 * staged restore through to the end. Also removes staging folders a crash left without a journal.
 */
export function finishPendingRestore(dataDir: string, logger?: Logger): { restored: boolean; previous: string | null } {
  const journal = readJournal(dataDir);
  if (existsSync(dataDir)) {
    for (const name of readdirSync(dataDir)) {
      const path = join(dataDir, name);
      if (name.startsWith(stagingPrefix) && path !== journal?.staged) rmSync(path, { recursive: true, force: true });
    }
  }
  if (!journal) return { restored: false, previous: null };
  const advance = (phase: Journal['phase']) => {
    journal.phase = phase;
    writeJournal(dataDir, journal);
  };
  if (journal.phase === 'ready') advance('moving-out');
  if (journal.phase === 'moving-out') {
    mkdirSync(journal.previous, { recursive: true });
    for (const item of liveItems) {
      if (existsSync(join(dataDir, item))) renameSync(join(dataDir, item), join(journal.previous, item));
    }
    advance('moving-in');
  }
  for (const item of liveItems) {
    if (existsSync(join(journal.staged, item))) renameSync(join(journal.staged, item), join(dataDir, item));
  }
  rmSync(journal.staged, { recursive: true, force: true });
  rmSync(join(dataDir, journalName), { force: true });
  logger?.info('backup restored', { backup: journal.backup, previous: journal.previous });
  return { restored: true, previous: journal.previous };
}

/** A restore staged from the Diagnostics screen, waiting for the next start; null if none. */
export function pendingRestore(dataDir: string): { backup: string; createdAt: string } | null {
  const j = readJournal(dataDir);
  return j ? { backup: j.backup, createdAt: j.createdAt } : null;
}

/** Drops a staged restore that has not started yet. */
export function cancelPendingRestore(dataDir: string): boolean {
  const j = readJournal(dataDir);
  if (!j || j.phase !== 'ready') return false;
  rmSync(join(dataDir, journalName), { force: true });
  rmSync(j.staged, { recursive: true, force: true });
  return true;
}
