import type { Queryable } from '../storage/db.js';

/** Limiter state of POST /enroll (migration 0004), one row per address or code key. */
export type LimitRow = { key: string; failures: number; lastFailureAt: Date; blockedUntil: Date | null; throttled: number };

/**
 * Locks the keys' rows for the caller's transaction (creating them at zero), in key order so
 * two attempts never wait on each other crosswise. Attempts sharing a key run one after the
 * other, on every instance: each sees the failures of the one before.
 */
export async function lockLimits(tx: Queryable, keys: string[], now: Date): Promise<LimitRow[]> {
  const sorted = [...new Set(keys)].sort();
  await tx.query(
    `INSERT INTO enroll_limits (key, failures, last_failure_at) SELECT k, 0, $2 FROM unnest($1::text[]) AS k
     ON CONFLICT (key) DO NOTHING`,
    [sorted, now],
  );
  const rows = await tx.query<{ key: string; failures: number; last_failure_at: Date; blocked_until: Date | null; throttled: number }>(
    'SELECT key, failures, last_failure_at, blocked_until, throttled FROM enroll_limits WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE',
    [sorted],
  );
  return rows.map((r) => ({
    key: r.key,
    failures: r.failures,
    lastFailureAt: new Date(r.last_failure_at),
    blockedUntil: r.blocked_until ? new Date(r.blocked_until) : null,
    throttled: r.throttled,
  }));
}

export async function saveLimit(tx: Queryable, row: LimitRow): Promise<void> {
  await tx.query('UPDATE enroll_limits SET failures = $2, last_failure_at = $3, blocked_until = $4, throttled = $5 WHERE key = $1', [
    row.key,
    row.failures,
    row.lastFailureAt,
    row.blockedUntil,
    row.throttled,
  ]);
}

export async function deleteLimits(db: Queryable, keys: string[]): Promise<void> {
  await db.query('DELETE FROM enroll_limits WHERE key = ANY($1::text[])', [keys]);
}

/** Keys blocked now (addresses as they are; code keys only counted, their hash not shown). */
export async function blockedLimits(db: Queryable, now: Date): Promise<Array<{ key: string; failures: number; throttled: number; blockedUntil: string }>> {
  const rows = await db.query<{ key: string; failures: number; throttled: number; blocked_until: Date }>(
    'SELECT key, failures, throttled, blocked_until FROM enroll_limits WHERE blocked_until > $1 ORDER BY blocked_until DESC LIMIT 1000',
    [now],
  );
  return rows.map((r) => ({
    key: r.key.startsWith('code:') ? 'code' : r.key,
    failures: r.failures,
    throttled: r.throttled,
    blockedUntil: new Date(r.blocked_until).toISOString(),
  }));
}

/** Clears the lockout of one address, or of every key; returns how many rows went. */
export async function clearLimits(db: Queryable, address: string | null): Promise<number> {
  const rows = address
    ? await db.query('DELETE FROM enroll_limits WHERE key = $1 RETURNING key', [`addr:${address}`])
    : await db.query('DELETE FROM enroll_limits RETURNING key');
  return rows.length;
}

/** Rows with no failure for a long time carry nothing worth keeping. */
export async function pruneLimits(db: Queryable, before: Date, now: Date): Promise<void> {
  await db.query('DELETE FROM enroll_limits WHERE last_failure_at < $1 AND (blocked_until IS NULL OR blocked_until < $2)', [before, now]);
}
