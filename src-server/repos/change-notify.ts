import type { Queryable } from '../storage/db.js';

/** NOTIFY channel telling every server instance what changed (delivered on commit). */
export const CHANGES_CHANNEL = 'tiepnhan_changes';

export type ChangeNotice = { t: 'dossier'; p: string } | { t: 'revoked'; d: string };

export async function notifyChange(tx: Queryable, notice: ChangeNotice): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify(notice)]);
}

// Any constant; the same in every instance.
const SEQ_LOCK = 748_326_502;

/**
 * Serialises the transactions that assign change sequence numbers. Without it, two
 * transactions could take seq 5 and 6 and commit 6 first: a desk pulling in between would
 * move its checkpoint past 5 and never see it. Holding this lock until commit makes commit
 * order equal seq order. Writers take it before any row lock, so no deadlock.
 */
export async function lockSequence(tx: Queryable): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [SEQ_LOCK]);
}
