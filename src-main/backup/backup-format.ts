import { join } from 'node:path';
import { z } from 'zod';

/**
 * A backup is a folder:
 *
 *   manifest.json        what is inside, written last (a folder without it is not a backup)
 *   tiepnhan.sqlite      the database as of one instant (SQLite's online backup)
 *   pages/ab/cd/<sha256>.<ext>   every page file that database references, as in the page store
 *
 * It is written under a temporary name beside its final one and renamed when whole, so a folder
 * with the final name is always complete.
 */
export const manifestName = 'manifest.json';
export const databaseName = 'tiepnhan.sqlite';
export const pagesDirName = 'pages';
/** The scheduled backups' folder names: tiepnhan-backup-20260302-170000. */
export const scheduledPrefix = 'tiepnhan-backup-';

export const BackupFile = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), format: z.enum(['jpeg', 'png']), bytes: z.number().int().min(0) });
export type BackupFile = z.infer<typeof BackupFile>;

export const Manifest = z.object({
  format: z.literal(1),
  app: z.literal('tiepnhan'),
  appVersion: z.string(),
  schemaVersion: z.number().int().min(1),
  createdAt: z.string(),
  database: z.object({ file: z.literal(databaseName), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().min(1) }),
  files: z.array(BackupFile),
  /** Files the database references that the page store no longer had (retention purges them on purpose). */
  purged: z.array(z.string()),
  /** Files the database references that were missing or damaged in the page store when the backup was made. */
  missing: z.array(z.string()),
  counts: z.object({ dossiers: z.number().int(), pages: z.number().int(), ocrTexts: z.number().int() }),
});
export type Manifest = z.infer<typeof Manifest>;

const extOf = { jpeg: 'jpg', png: 'png' } as const;

/** Where a page file sits inside a backup folder (the page store's own layout). */
export function backupFilePath(dir: string, f: { sha256: string; format: 'jpeg' | 'png' }): string {
  return join(dir, pagesDirName, f.sha256.slice(0, 2), f.sha256.slice(2, 4), `${f.sha256}.${extOf[f.format]}`);
}

/** A scheduled backup's folder name for an instant (UTC, sortable). */
export function scheduledName(at: Date): string {
  const iso = at.toISOString();
  return `${scheduledPrefix}${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
}
