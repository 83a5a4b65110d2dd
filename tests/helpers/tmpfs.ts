import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether this process may mount a tmpfs (root, as on CI and the build machines). */
export function canMountTmpfs(): boolean {
  return process.platform === 'linux' && process.getuid?.() === 0;
}

export type SmallDisk = {
  dir: string;
  free(): number;
  /** Writes a filler file until only about `leaveBytes` are free (0 = until the disk refuses). */
  fill(leaveBytes: number): void;
  /** Removes the filler: the room comes back. */
  unfill(): void;
  unmount(): void;
};

/** A real small file system (`mount -t tmpfs -o size=…`), to see what a full disk does. */
export function mountSmallDisk(sizeMb: number): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'tiepnhan-small-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir]);
  const filler = join(dir, 'filler.bin');
  const free = () => {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  };
  return {
    dir,
    free,
    fill(leaveBytes) {
      const fd = openSync(filler, 'a');
      const chunk = Buffer.alloc(1024 * 1024, 1);
      try {
        for (;;) {
          const room = free() - leaveBytes;
          if (room <= 0) return;
          writeSync(fd, chunk, 0, Math.min(chunk.length, room));
        }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        closeSync(fd);
      }
    },
    unfill: () => rmSync(filler, { force: true }),
    unmount() {
      execFileSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
