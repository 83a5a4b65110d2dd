import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, chmod, copyFile, link, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Content-addressed page store on the filesystem: `<root>/aa/bb/<sha256>`. A file appears
 * under its name only whole and verified: bytes go to a temp file in `<root>/tmp` (same
 * filesystem), are hashed as they arrive, fsynced, then renamed into place.
 */
const STALE_TMP_MS = 24 * 3600_000;

export class BlobStore {
  readonly tmpDir: string;

  constructor(readonly root: string) {
    this.tmpDir = join(root, 'tmp');
  }

  /**
   * Also clears temp files a crash left behind (a killed server cannot remove its half-received
   * uploads). Only those older than a day: another server sharing this folder may be writing.
   */
  async init(now = new Date()): Promise<number> {
    // Readable by the server's own user only: page images are personal data.
    await mkdir(this.tmpDir, { recursive: true, mode: 0o700 });
    await chmod(this.root, 0o700);
    await chmod(this.tmpDir, 0o700);
    let removed = 0;
    for (const name of await readdir(this.tmpDir)) {
      const file = join(this.tmpDir, name);
      const info = await stat(file).catch(() => null);
      if (info?.isFile() && now.getTime() - info.mtimeMs > STALE_TMP_MS) {
        await rm(file, { force: true });
        removed += 1;
      }
    }
    return removed;
  }

  pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await access(this.pathOf(sha256), constants.F_OK);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Streams `body` to a temp file, hashing every byte. Stores it only when the hash is
   * `expected` and the size within `maxBytes`; otherwise nothing is left behind.
   */
  async writeVerified(body: Readable | AsyncIterable<Uint8Array>, expected: string, maxBytes: number): Promise<WriteResult> {
    const tmp = join(this.tmpDir, `${expected}.${randomBytes(8).toString('hex')}`);
    const hash = createHash('sha256');
    let size = 0;
    const fh = await open(tmp, 'wx', 0o600);
    let ok = false;
    try {
      for await (const chunk of body) {
        const buf = chunk as Uint8Array;
        size += buf.byteLength;
        if (size > maxBytes) return { kind: 'too_large', size };
        hash.update(buf);
        await fh.write(buf);
      }
      const actual = hash.digest('hex');
      if (actual !== expected) return { kind: 'hash_mismatch', actual, size };
      await fh.sync();
      ok = true;
    } finally {
      await fh.close();
      if (!ok) await rm(tmp, { force: true });
    }
    await this.place(tmp, expected, 'rename');
    return { kind: 'stored', size };
  }

  /**
   * Adopts a finished file (a tus upload) after re-hashing it: hard-linked into place when
   * possible (the tus copy keeps answering HEAD until it expires), else copied.
   */
  async adoptVerified(file: string, expected: string): Promise<WriteResult> {
    const hash = createHash('sha256');
    let size = 0;
    const fh = await open(file, 'r');
    try {
      for await (const chunk of fh.createReadStream({ autoClose: false })) {
        size += (chunk as Buffer).byteLength;
        hash.update(chunk as Buffer);
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
    const actual = hash.digest('hex');
    if (actual !== expected) return { kind: 'hash_mismatch', actual, size };
    await this.place(file, expected, 'link');
    return { kind: 'stored', size };
  }

  private async place(src: string, sha256: string, how: 'rename' | 'link'): Promise<void> {
    const dest = this.pathOf(sha256);
    await mkdir(dirname(dest), { recursive: true, mode: 0o700 });
    if (how === 'rename') {
      await rename(src, dest);
    } else {
      try {
        await link(src, dest);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') return;
        // Another filesystem (EXDEV) or no hard links: copy through a temp file, then rename.
        const tmp = join(this.tmpDir, `${sha256}.${randomBytes(8).toString('hex')}`);
        await copyFile(src, tmp);
        await chmod(tmp, 0o600);
        const fh = await open(tmp, 'r+');
        await fh.sync().finally(() => fh.close());
        await rename(tmp, dest);
      }
    }
    // Make the new directory entry durable too.
    const dir = await open(dirname(dest), 'r');
    await dir.sync().catch(() => undefined).finally(() => dir.close());
  }
}

/**
 * Garbage collection's removal in two steps: the file is moved into tmp/ while the database
 * transaction that drops its row is open (`restore` puts it back if that transaction fails),
 * and deleted for good after the commit.
 */
export class BlobRemoval {
  private readonly moved: Array<{ sha256: string; aside: string }> = [];

  constructor(private readonly store: BlobStore) {}

  /** Moves the blob's file aside; false when there was none. */
  async take(sha256: string): Promise<boolean> {
    const aside = join(this.store.tmpDir, `gc-${sha256}.${randomBytes(8).toString('hex')}`);
    try {
      await rename(this.store.pathOf(sha256), aside);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
    this.moved.push({ sha256, aside });
    return true;
  }

  async restore(): Promise<void> {
    for (const m of this.moved.splice(0)) await rename(m.aside, this.store.pathOf(m.sha256)).catch(() => undefined);
  }

  async discard(): Promise<void> {
    for (const m of this.moved.splice(0)) await rm(m.aside, { force: true });
  }
}

export type WriteResult =
  | { kind: 'stored'; size: number }
  | { kind: 'hash_mismatch'; actual: string; size: number }
  | { kind: 'too_large'; size: number };
