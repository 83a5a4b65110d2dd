import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export type InstanceKind = 'web' | 'electron';
type LockContent = { pid: number; kind: InstanceKind; startedAt: string };

export const lockFileName = 'instance.lock';

export class AlreadyRunningError extends Error {
  constructor(readonly holder: LockContent) {
    const what = holder.kind === 'electron' ? 'cửa sổ ứng dụng (Electron window)' : 'máy chủ web (web host)';
    super(
      `TiepNhan đang chạy với thư mục dữ liệu này: ${what}, tiến trình ${holder.pid}. ` +
        `(TiepNhan is already running on this data folder: ${holder.kind}, pid ${holder.pid}.)`,
    );
    this.name = 'AlreadyRunningError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
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
 * (two cores would each hold their own sessions over one database). A lock left by a
 * crashed process (its pid no longer alive) is taken over.
 */
export function acquireInstanceLock(dataDir: string, kind: InstanceKind): { release(): void } {
  // First launch on a fresh machine: the data folder does not exist yet.
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, lockFileName);
  const content: LockContent = { pid: process.pid, kind, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify(content));
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(file);
      if (holder && holder.pid !== process.pid && alive(holder.pid)) throw new AlreadyRunningError(holder);
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Cannot take ${file}`);
}
