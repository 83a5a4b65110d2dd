import { statfsSync } from 'node:fs';
import { AppError, type Problem } from '../../src-shared/contract/errors.js';

/**
 * Below this much free space the desk takes no new work (new dossiers, scans, imports): what is
 * under way can still finish and every stored page stays whole. 200 MiB is about 600 colour
 * pages at 200 dpi (≈ 300 KB each) plus room for the database to grow and checkpoint.
 */
export const REFUSE_NEW_WORK_BELOW_BYTES = 200 * 1024 * 1024;
/** Below this the doctor warns, early: 2 GiB is a few weeks of a busy desk's scans. */
export const WARN_BELOW_BYTES = 2 * 1024 * 1024 * 1024;

/** Free bytes for this user on the file system holding `dir`, or null if it cannot be read. */
export function freeBytes(dir: string): number | null {
  try {
    const fs = statfsSync(dir);
    return fs.bavail * fs.bsize;
  } catch {
    return null;
  }
}

export const mib = (bytes: number) => `${Math.floor(bytes / 1024 / 1024)} MB`;

/** What the clerk is told when the disk is (almost) full. */
export function diskFullProblem(free: number | null): Problem {
  return free === null ? { key: 'disk.fullNow' } : { key: 'disk.full', params: { free: mib(free) } };
}

/** Whether an error is the disk being full (SQLite's SQLITE_FULL or the OS's ENOSPC). */
export function isDiskFullError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'SQLITE_FULL' || code === 'EDQUOT';
}

/** A guard on the data folder's disk for commands that start new work. */
export function diskGuard(dataDir: string, reserveBytes = REFUSE_NEW_WORK_BELOW_BYTES) {
  return {
    /** Null when there is room, else the refusal to answer with. */
    refusal(): AppError | null {
      const free = freeBytes(dataDir);
      return free !== null && free < reserveBytes ? new AppError('DISK_FULL', diskFullProblem(free)) : null;
    },
  };
}
