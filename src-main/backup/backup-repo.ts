import type { Db } from '../db/open.js';

/** Page files sync retention removed on purpose (the province holds them): not missing. */
export function purgedHashes(db: Db): Set<string> {
  return new Set((db.prepare('SELECT sha256 FROM sync_purged_files').all() as { sha256: string }[]).map((r) => r.sha256));
}

/** What a backup holds, for its manifest and the restore screen (no personal data, only counts). */
export function backupCounts(db: Db): { dossiers: number; pages: number; ocrTexts: number } {
  return db
    .prepare('SELECT (SELECT COUNT(*) FROM dossiers) AS dossiers, (SELECT COUNT(*) FROM pages) AS pages, (SELECT COUNT(*) FROM ocr_texts) AS ocrTexts')
    .get() as { dossiers: number; pages: number; ocrTexts: number };
}

export type BackupSchedule = { folder: string | null; keep: number; lastAt: string | null; lastOkAt: string | null; lastError: string | null };

export function readSchedule(db: Db): BackupSchedule {
  return db
    .prepare('SELECT folder, keep, last_at AS lastAt, last_ok_at AS lastOkAt, last_error AS lastError FROM backup_schedule WHERE id = 1')
    .get() as BackupSchedule;
}

export function writeScheduleOptions(db: Db, options: { folder?: string | null; keep?: number }): void {
  if (options.folder !== undefined) db.prepare('UPDATE backup_schedule SET folder = ? WHERE id = 1').run(options.folder);
  if (options.keep !== undefined) db.prepare('UPDATE backup_schedule SET keep = ? WHERE id = 1').run(options.keep);
}

export function recordScheduledRun(db: Db, at: string, error: string | null): void {
  db.prepare('UPDATE backup_schedule SET last_at = ?, last_ok_at = CASE WHEN ? IS NULL THEN ? ELSE last_ok_at END, last_error = ? WHERE id = 1').run(at, error, at, error);
}
