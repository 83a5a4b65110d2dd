import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { manifestName, scheduledPrefix } from './backup-format.js';
import type { BackupSchedule } from './backup-repo.js';

/** A daily backup: due a day after the last good one; after a failure, an hour after the attempt. */
export const DAY_MS = 24 * 3600_000;
export const RETRY_MS = 3600_000;
/** How often the app looks whether one is due (and first, a little after start). */
export const CHECK_EVERY_MS = 15 * 60_000;
export const FIRST_CHECK_MS = 2 * 60_000;

export function scheduledBackupDue(s: BackupSchedule, now: Date): boolean {
  if (!s.folder) return false;
  if (!s.lastAt) return true;
  const since = (iso: string) => now.getTime() - new Date(iso).getTime();
  if (s.lastError !== null) return since(s.lastAt) >= RETRY_MS;
  return s.lastOkAt === null || since(s.lastOkAt) >= DAY_MS;
}

/** The whole backups in a folder that the schedule made (by name), newest first. */
export function scheduledBackups(folder: string): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    // Not there yet, not a folder, or unreadable: no backups to list (the run says why).
    return [];
  }
  return names
    .filter((n) => n.startsWith(scheduledPrefix) && existsSync(join(folder, n, manifestName)))
    .sort()
    .reverse()
    .map((n) => join(folder, n));
}

/** Removes the scheduled backups beyond the newest `keep`; nothing else in the folder is touched. */
export async function pruneBackups(folder: string, keep: number): Promise<string[]> {
  const old = scheduledBackups(folder).slice(keep);
  for (const dir of old) await rm(dir, { recursive: true, force: true });
  return old;
}
