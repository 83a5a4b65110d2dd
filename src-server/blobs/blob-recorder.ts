import { HttpError } from '../http/errors.js';
import { messages } from '../http/messages.js';
import { arrivalKey, recordBlobs, type BlobArrival } from '../repos/blobs-repo.js';
import { lockSequence } from '../repos/change-notify.js';
import type { Db } from '../storage/db.js';
import type { BlobStore } from './blob-store.js';

type Pending = BlobArrival & { resolve: (stored: boolean) => void; reject: (err: unknown) => void };

// One transaction records at most this many blobs (bounds the statement's parameter size).
const MAX_BATCH = 500;

/**
 * Group commit for verified blobs. Every recording takes the change-sequence lock (a new
 * blob may complete a dossier), so recordings are serialised anyway; with many desks
 * uploading at once, one transaction per page made the database the bottleneck (bench:sync).
 * Uploads that finish while a recording is under way wait and are recorded together in the
 * next transaction. Each caller's promise settles only after its row is committed, so an
 * upload is answered "stored" only once the database holds it, as before.
 *
 * Under the lock each file is checked to be in place: garbage collection moves files away
 * only under that same lock, so a page it collected between the upload's write and this
 * recording is refused (the desk sends it again) rather than recorded without its file.
 */
export class BlobRecorder {
  private queue: Pending[] = [];
  private running = false;

  constructor(
    private readonly db: Db,
    private readonly store: BlobStore,
    private readonly now: () => Date,
  ) {}

  /** Resolves with true when the blob was new for the point, false when the point held it already. */
  record(arrival: BlobArrival): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.queue.push({ ...arrival, resolve, reject });
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
        // The same page twice for one point in one batch (two desks of the point): the first one stores it.
        const unique = [...new Map(batch.map((p) => [arrivalKey(p), p])).values()];
        try {
          const { inserted, absent } = await this.db.transaction(async (tx) => {
            await lockSequence(tx);
            const gone = new Set<string>();
            for (const sha of new Set(unique.map((p) => p.sha256))) if (!(await this.store.has(sha))) gone.add(sha);
            const present = unique.filter((p) => !gone.has(p.sha256));
            return { inserted: await recordBlobs(tx, present, this.now()), absent: gone };
          });
          const answered = new Set<string>();
          for (const p of batch) {
            if (absent.has(p.sha256)) {
              p.reject(new HttpError(503, 'INTERNAL', messages.pageNotReady));
              continue;
            }
            const key = arrivalKey(p);
            p.resolve(inserted.has(key) && !answered.has(key));
            answered.add(key);
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
