import type { Db } from './open.js';

/**
 * Where the desk's data stands: `seq` is the change counter every dossier and page write takes
 * (replication and the OCR queue read from it), `outbox` moves when something was queued for
 * the province (migration 0009), `queues` when a work queue or a notification may have changed
 * (migration 0010: OCR jobs, sync errors and province statuses move it too).
 */
export type ChangeMark = { seq: number; outbox: number; queues: number };

export type ChangeListener = (now: ChangeMark, before: ChangeMark) => void;

export type ChangeFeed = {
  /**
   * Looks whether anything was committed since the last look and, if so, tells every listener.
   * Called after each command and by background writers (scan batches, OCR, sync); one read of
   * three one-row tables, so a read-only command costs nothing more.
   */
  check(): void;
  subscribe(listener: ChangeListener): () => void;
};

/** Takes the next change sequence number. Call inside the transaction that writes the row. */
export function nextChangeSeq(db: Db): number {
  return (db.prepare('UPDATE change_counter SET seq = seq + 1 WHERE id = 1 RETURNING seq').get() as { seq: number }).seq;
}

export function currentChangeSeq(db: Db): number {
  return (db.prepare('SELECT seq FROM change_counter WHERE id = 1').get() as { seq: number }).seq;
}

export function currentChangeMark(db: Db): ChangeMark {
  return db
    .prepare('SELECT c.seq AS seq, o.seq AS outbox, q.seq AS queues FROM change_counter c, outbox_counter o, queue_counter q WHERE c.id = 1 AND o.id = 1 AND q.id = 1')
    .get() as ChangeMark;
}

/**
 * Notifies after a commit. better-sqlite3 exposes no commit hook, so the feed compares the two
 * counters at the points where writes end (see check); the counters themselves move inside the
 * writers' transactions, so a rolled-back change is never announced.
 */
export function createChangeFeed(db: Db): ChangeFeed {
  const listeners = new Set<ChangeListener>();
  let last = currentChangeMark(db);
  return {
    check() {
      if (!db.open) return;
      const now = currentChangeMark(db);
      if (now.seq === last.seq && now.outbox === last.outbox && now.queues === last.queues) return;
      const before = last;
      last = now;
      for (const l of listeners) l(now, before);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
