import { createHash } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/** The SHA-256 of a file, read in a stream (page files may be large; the event loop stays free). */
export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export type CopyOutcome = { ok: true; bytes: number } | { ok: false; reason: 'missing' | 'altered' };

/**
 * Copies `from` to `to` (folders made as needed), checking on the way that the content hashes to
 * `sha256`: a file that does not is not copied. Written under a temporary name, fsynced, then
 * renamed, so `to` is whole or absent.
 */
export async function copyVerified(from: string, to: string, sha256: string): Promise<CopyOutcome> {
  await mkdir(dirname(to), { recursive: true });
  const temp = `${to}.partial`;
  const hash = createHash('sha256');
  let bytes = 0;
  let outcome: CopyOutcome | null = null;
  const out = await open(temp, 'w');
  try {
    for await (const chunk of createReadStream(from)) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
      await out.write(chunk as Buffer);
    }
    outcome = hash.digest('hex') === sha256 ? { ok: true, bytes } : { ok: false, reason: 'altered' };
    if (outcome.ok) await out.sync();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    outcome = { ok: false, reason: 'missing' };
  } finally {
    await out.close();
    if (!outcome?.ok) await rm(temp, { force: true });
  }
  if (!outcome.ok) return outcome;
  await rename(temp, to);
  return outcome;
}

/** Makes a rename inside `dir` durable (Windows journals renames itself and cannot open a folder). */
export async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const fd = await open(dir, constants.O_RDONLY);
  try {
    await fd.sync();
  } finally {
    await fd.close();
  }
}
