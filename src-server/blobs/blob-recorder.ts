import { recordBlobs } from '../repos/blobs-repo.js';
import type { Db } from '../storage/db.js';

type Pending = { sha256: string; size: number; resolve: (stored: boolean) => void; reject: (err: unknown) => void };

// One transaction records at most this many blobs (bounds the statement's parameter size).
const MAX_BATCH = 500;

/**
 * Group commit for verified blobs. Every recording takes the change-sequence lock (a new
 * blob may complete a dossier), so recordings are serialised anyway; with many desks
 * uploading at once, one transaction per page made the database the bottleneck (bench:sync).
 * Uploads that finish while a recording is under way wait and are recorded together in the
 * next transaction. Each caller's promise settles only after its row is committed, so an
 * upload is answered "stored" only once the database holds it, as before.
 */
export class BlobRecorder {
  private queue: Pending[] = [];
  private running = false;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  /** Resolves with true when the blob was new, false when it was already recorded. */
  record(sha256: string, size: number): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.queue.push({ sha256, size, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        // PGlite answers within microtasks, so a transaction never lets the event loop reach
        // the uploads finishing meanwhile; one turn of the loop lets them join this batch.
        await new Promise<void>((r) => setImmediate(r));
        const batch = this.queue.splice(0, MAX_BATCH);
        // The same hash twice in one batch (two desks with the same page): the first one stores it.
        const unique = [...new Map(batch.map((p) => [p.sha256, p])).values()];
        try {
          const inserted = await this.db.transaction((tx) => recordBlobs(tx, unique, this.now()));
          const answered = new Set<string>();
          for (const p of batch) {
            p.resolve(inserted.has(p.sha256) && !answered.has(p.sha256));
            answered.add(p.sha256);
          }
        } catch (err) {
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
