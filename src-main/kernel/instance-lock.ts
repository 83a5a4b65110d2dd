import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { holdExclusiveFile } from '../db/exclusive-file.js';

export type InstanceKind = 'web' | 'electron' | 'cli';
type LockContent = { pid: number; kind: InstanceKind; startedAt: string };

/** Who holds the lock, for the message and the diagnostics screen (not the lock itself). */
export const lockFileName = 'instance.lock';
/** The lock itself: a SQLite file held in exclusive locking mode by the running app. */
export const lockDbName = 'instance.lock.db';

export class AlreadyRunningError extends Error {
  constructor(readonly holder: LockContent | null) {
    const what =
      holder?.kind === 'electron'
        ? 'cửa sổ ứng dụng (Electron window)'
        : holder?.kind === 'web'
          ? 'máy chủ web (web host)'
          : holder?.kind === 'cli'
            ? 'lệnh tiepnhan (a tiepnhan command)'
            : 'một tiến trình khác (another process)';
    const pid = holder ? `, tiến trình ${holder.pid}` : '';
    super(`TiepNhan đang chạy với thư mục dữ liệu này: ${what}${pid}. (TiepNhan is already running on this data folder${holder ? `: ${holder.kind}, pid ${holder.pid}` : ''}.)`);
    this.name = 'AlreadyRunningError';
  }
}

function readHolder(file: string): LockContent | null {
  try {
    const c = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockContent>;
    return typeof c.pid === 'number' && (c.kind === 'web' || c.kind === 'electron' || c.kind === 'cli') ? (c as LockContent) : null;
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

export type LockState = { held: boolean; holder: LockContent | null; thisProcess: boolean };

/**
 * Who holds the data folder's lock, for the doctor: tries the lock and lets it go at once. From
 * inside the running app the answer is the app itself.
 */
export function instanceLockState(dataDir: string): LockState {
  const holder = readHolder(join(dataDir, lockFileName));
  if (holder?.pid === process.pid) return { held: true, holder, thisProcess: true };
  // The app creates the lock file at its first start: without it nobody has run here.
  if (!existsSync(join(dataDir, lockDbName))) return { held: false, holder: null, thisProcess: false };
  let probe: { close(): void } | null;
  try {
    probe = holdExclusiveFile(join(dataDir, lockDbName), process.pid);
  } catch {
    // No data folder yet, or it is read-only: then nobody runs on it.
    return { held: false, holder: null, thisProcess: false };
  }
  if (!probe) return { held: true, holder, thisProcess: false };
  probe.close();
  return { held: false, holder: null, thisProcess: false };
}
