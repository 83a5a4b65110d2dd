import { z } from 'zod';
import { admins, define, done, empty } from './define.js';

/** An absolute folder path on this PC (Windows or POSIX), as IT types it. */
export const FolderPath = z
  .string()
  .trim()
  .min(1, 'required')
  .max(1000, 'text.tooLong')
  .refine((s) => /^([a-zA-Z]:[\\/]|\\\\|\/)/.test(s), 'path.absolute');

export const BackupSummary = z.object({
  dir: z.string(),
  createdAt: z.string(),
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  dossiers: z.number().int(),
  pages: z.number().int(),
  files: z.number().int(),
  bytes: z.number().int(),
  /** Page files the desk had already lost when this backup was made. */
  missing: z.number().int(),
});
export type BackupSummary = z.infer<typeof BackupSummary>;

export const BackupStatus = z.object({
  schedule: z.object({
    folder: z.string().nullable(),
    keep: z.number().int(),
    lastAt: z.string().nullable(),
    lastOkAt: z.string().nullable(),
    lastError: z.string().nullable(),
  }),
  running: z.boolean(),
  /** The backups in the schedule's folder, newest first. */
  backups: z.array(BackupSummary),
  /** A restore staged from this screen, applied when the app next starts. */
  pendingRestore: z.object({ backup: z.string(), createdAt: z.string() }).nullable(),
});
export type BackupStatus = z.infer<typeof BackupStatus>;

/** Backups of the desk while it works, the daily schedule, and restoring (admins; issue 10). */
export const backupCommands = {
  'backup.status': define(admins, empty, BackupStatus),
  /** A backup now, into the given folder or the schedule's (each in a new dated subfolder). */
  'backup.run': define(admins, z.object({ folder: FolderPath.optional() }).strict(), BackupSummary),
  /** The daily backup's folder (null = off) and how many are kept; refused where IT's config set them. */
  'backup.setSchedule': define(admins, z.object({ folder: FolderPath.nullable(), keep: z.number().int().min(1).max(365) }).strict(), BackupStatus.shape.schedule),
  /** Checks a backup folder without restoring it. */
  'backup.verify': define(admins, z.object({ dir: FolderPath }).strict(), z.object({ ok: z.boolean(), problems: z.array(z.string()), summary: BackupSummary.nullable() })),
  /** Verifies and stages a backup; it replaces the desk's data when the app next starts (the current data is kept aside). */
  'backup.prepareRestore': define(admins, z.object({ dir: FolderPath }).strict(), BackupSummary),
  'backup.cancelRestore': define(admins, empty, done),
} as const;
