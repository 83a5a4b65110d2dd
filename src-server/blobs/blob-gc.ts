import { lockSequence } from '../repos/change-notify.js';
import { deleteBlobRows, orphanBlobs, releaseUnlisted } from '../repos/blob-gc-repo.js';
import { abandonedUploads, forgetUpload } from '../repos/uploads-repo.js';
import type { Db } from '../storage/db.js';
import { BlobRemoval, type BlobStore } from './blob-store.js';

// Rows per transaction: on PGlite every other request waits while one runs.
const BATCH = 500;

export type GcResult = { checked: number; released: number; blobsRemoved: number; bytesFreed: number; uploadsRemoved: number };

export type GcDeps = {
  db: Db;
  blobs: BlobStore;
  now: () => Date;
  /** How long a page may stay unlisted by any dossier of its point before it is collected. */
  graceMs: number;
  /** Removes an unfinished upload's files (the tus store). */
  removeUpload: (id: string) => Promise<void>;
};

/**
 * Garbage collection (issue 16.3): pages no dossier of their point lists, once older than the
 * grace period, stop counting for that point (and against its device's quota); files no point
 * holds are removed; uploads past their expiry or of revoked devices are removed with their
 * files. Runs at start and hourly (server.ts) and on demand (POST /admin/api/gc); safe on
 * several instances at once.
 */
export async function collectGarbage(deps: GcDeps): Promise<GcResult> {
  const result: GcResult = { checked: 0, released: 0, blobsRemoved: 0, bytesFreed: 0, uploadsRemoved: 0 };
  const cutoff = () => new Date(deps.now().getTime() - deps.graceMs);

  for (;;) {
    const step = await deps.db.transaction(async (tx) => {
      await lockSequence(tx);
      return releaseUnlisted(tx, cutoff(), deps.now(), BATCH);
    });
    result.checked += step.checked;
    result.released += step.released;
    if (step.checked < BATCH) break;
  }

  for (;;) {
    const removal = new BlobRemoval(deps.blobs);
    let found = 0;
    try {
      await deps.db.transaction(async (tx) => {
        await lockSequence(tx);
        const orphans = await orphanBlobs(tx, cutoff(), BATCH);
        found = orphans.length;
        for (const o of orphans) {
          if (await removal.take(o.sha256)) result.bytesFreed += o.size;
        }
        await deleteBlobRows(tx, orphans.map((o) => o.sha256));
        result.blobsRemoved += orphans.length;
      });
    } catch (err) {
      await removal.restore();
      throw err;
    }
    await removal.discard();
    if (found < BATCH) break;
  }

  for (;;) {
    const ids = await abandonedUploads(deps.db, deps.now(), BATCH);
    for (const id of ids) {
      await deps.removeUpload(id);
      await forgetUpload(deps.db, id);
    }
    result.uploadsRemoved += ids.length;
    if (ids.length < BATCH) break;
  }
  return result;
}
