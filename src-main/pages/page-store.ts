import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export type StoredFormat = 'jpeg' | 'png';

const extOf: Record<StoredFormat, string> = { jpeg: 'jpg', png: 'png' };
const formatOfExt: Record<string, StoredFormat> = { jpg: 'jpeg', png: 'png' };
const TEMP_PREFIX = '.tmp-';

export type StoredFile = { sha256: string; format: StoredFormat; bytes: number };
export type PutResult = StoredFile & { /** False when identical content was already stored. */ created: boolean };

/**
 * Content-addressed page files: each image is stored once at `<root>/ab/cd/<sha256>.<ext>`.
 * Writes are atomic: a temp file in the same folder, fsync, rename, fsync of the folder, so
 * after a crash a file is either whole or absent (a temp file may remain; the check reports it).
 */
export type PageStore = {
  readonly root: string;
  pathOf(sha256: string, format: StoredFormat): string;
  put(data: Uint8Array, format: StoredFormat): Promise<PutResult>;
  read(sha256: string, format: StoredFormat): Promise<Buffer>;
  exists(sha256: string, format: StoredFormat): Promise<boolean>;
  remove(sha256: string, format: StoredFormat): Promise<void>;
  /** Every stored file, plus leftover temp files from interrupted writes. */
  list(): Promise<{ files: StoredFile[]; temps: string[]; strays: string[] }>;
};

const sha256Hex = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

async function fsyncDir(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const fd = await open(dir, constants.O_RDONLY);
  try {
    await fd.sync();
  } finally {
    await fd.close();
  }
}

export function openPageStore(root: string): PageStore {
  const folderOf = (sha: string) => join(root, sha.slice(0, 2), sha.slice(2, 4));
  const pathOf = (sha: string, format: StoredFormat) => join(folderOf(sha), `${sha}.${extOf[format]}`);
  const exists = async (sha: string, format: StoredFormat) => {
    try {
      return (await stat(pathOf(sha, format))).isFile();
    } catch {
      return false;
    }
  };
  return {
    root,
    pathOf,
    exists,
    async put(data, format) {
      const sha256 = sha256Hex(data);
      const target = pathOf(sha256, format);
      if (await exists(sha256, format)) return { sha256, format, bytes: data.length, created: false };
      const dir = folderOf(sha256);
      await mkdir(dir, { recursive: true });
      const temp = join(dir, `${TEMP_PREFIX}${sha256.slice(0, 16)}-${randomBytes(6).toString('hex')}`);
      const fd = await open(temp, 'wx');
      try {
        await fd.writeFile(data);
        await fd.sync();
      } catch (error) {
        await fd.close();
        await rm(temp, { force: true });
        throw error;
      }
      await fd.close();
      await rename(temp, target);
      await fsyncDir(dir);
      return { sha256, format, bytes: data.length, created: true };
    },
    read: (sha, format) => readFile(pathOf(sha, format)),
    async remove(sha, format) {
      try {
        await unlink(pathOf(sha, format));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    },
    async list() {
      const files: StoredFile[] = [];
      const temps: string[] = [];
      const strays: string[] = [];
      let entries: string[];
      try {
        entries = await readdir(root, { recursive: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { files, temps, strays };
        throw error;
      }
      for (const rel of entries) {
        const full = join(root, rel);
        const info = await stat(full);
        if (!info.isFile()) continue;
        const name = rel.split(sep).at(-1)!;
        const match = /^([0-9a-f]{64})\.(jpg|png)$/.exec(name);
        if (match && relative(root, folderOf(match[1]!)) === rel.split(sep).slice(0, -1).join(sep)) {
          files.push({ sha256: match[1]!, format: formatOfExt[match[2]!]!, bytes: info.size });
        } else if (name.startsWith(TEMP_PREFIX)) {
          temps.push(rel);
        } else {
          strays.push(rel);
        }
      }
      return { files, temps, strays };
    },
  };
}
