import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { holdExclusiveFile } from '../db/exclusive-file.js';

export type InstanceKind = 'web' | 'electron';
type LockContent = { pid: number; kind: InstanceKind; startedAt: string };

/** Who holds the lock, for the message and the diagnostics screen (not the lock itself). */
export const lockFileName = 'instance.lock';
/** The lock itself: a SQLite file held in exclusive locking mode by the running app. */
export const lockDbName = 'instance.lock.db';

export class AlreadyRunningError extends Error {
  constructor(readonly holder: LockContent | null) {
    const what = holder?.kind === 'electron' ? 'cửa sổ ứng dụng (Electron window)' : holder?.kind === 'web' ? 'máy chủ web (web host)' : 'một tiến trình khác (another process)';
    const pid = holder ? `, tiến trình ${holder.pid}` : '';
    super(`TiepNhan đang chạy với thư mục dữ liệu này: ${what}${pid}. (TiepNhan is already running on this data folder${holder ? `: ${holder.kind}, pid ${holder.pid}` : ''}.)`);
    this.name = 'AlreadyRunningError';
  }
}

function readHolder(file: string): LockContent | null {
  try {
    const c = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockContent>;
    return typeof c.pid === 'number' && (c.kind === 'web' || c.kind === 'electron') ? (c as LockContent) : null;
  } catch {
    return null;
  }
}

/**
 * One running app per data folder, so the web host never runs beside the Electron shell
 * (two cores would each hold their own sessions over one database).
 *
 * The lock is an operating-system file lock, taken through SQLite (exclusive locking mode:
 * fcntl on Linux, LockFileEx on Windows) and held for the life of the process. The OS drops it
 * when the process ends, however it ends, so a crash never leaves the desk locked out, and a
 * recycled process id (after a reboot, another program may carry the old pid) cannot make a
 * dead app look alive, as a pid file would.
 */
export function acquireInstanceLock(dataDir: string, kind: InstanceKind): { release(): void } {
  // First launch on a fresh machine: the data folder does not exist yet.
  mkdirSync(dataDir, { recursive: true });
  const infoFile = join(dataDir, lockFileName);
  const held = holdExclusiveFile(join(dataDir, lockDbName), process.pid);
  if (!held) throw new AlreadyRunningError(readHolder(infoFile));
  const content: LockContent = { pid: process.pid, kind, startedAt: new Date().toISOString() };
  writeFileSync(infoFile, JSON.stringify(content));
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      if (readHolder(infoFile)?.pid === process.pid) rmSync(infoFile, { force: true });
      held.close();
    },
  };
}
