import type { Queryable } from '../storage/db.js';

/**
 * Security events (migration 0004): failed and throttled enrollments, refused pushes, admin
 * token rotations, lockouts cleared. Never a secret and no personal data: `detail` is a short
 * reason and, where useful, a device id.
 */
export type SecurityEventKind = 'enroll_failed' | 'enroll_throttled' | 'push_refused' | 'admin_token_rotated' | 'enroll_lockouts_cleared';

export type SecurityEvent = { id: number; at: string; kind: SecurityEventKind; address: string | null; detail: string };

export async function insertSecurityEvent(db: Queryable, e: { at: Date; kind: SecurityEventKind; address: string | null; detail?: string }): Promise<void> {
  await db.query('INSERT INTO security_events (at, kind, address, detail) VALUES ($1, $2, $3, $4)', [e.at, e.kind, e.address, e.detail ?? '']);
}

export async function listSecurityEvents(db: Queryable, kind: string | null, limit: number): Promise<SecurityEvent[]> {
  const rows = await db.query<{ id: number; at: Date; kind: SecurityEventKind; address: string | null; detail: string }>(
    'SELECT id, at, kind, address, detail FROM security_events WHERE ($1::text IS NULL OR kind = $1::text) ORDER BY id DESC LIMIT $2',
    [kind, limit],
  );
  return rows.map((r) => ({ id: Number(r.id), at: new Date(r.at).toISOString(), kind: r.kind, address: r.address, detail: r.detail }));
}

/** Keeps the table from growing without bound under a guessing attack: rows older than `before` go. */
export async function pruneSecurityEvents(db: Queryable, before: Date): Promise<void> {
  await db.query('DELETE FROM security_events WHERE at < $1', [before]);
}
