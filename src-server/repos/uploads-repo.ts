import type { Queryable } from '../storage/db.js';

/** Resumable (tus) uploads, bound to the device that created them (migration 0005). */

export type Quotas = { reservedBytes: number; storedBytes: number };
export type QuotaVerdict = 'ok' | 'reserved' | 'stored';

/**
 * Registers a new upload if the device's quotas allow it: its unfinished uploads plus this
 * one within `reservedBytes`, and its stored bytes plus every unfinished upload within
 * `storedBytes`. The device's row lock serialises its concurrent creations.
 */
export async function reserveUpload(
  tx: Queryable,
  input: { id: string; deviceId: string; size: number; now: Date; expiresAt: Date },
  quotas: Quotas,
): Promise<QuotaVerdict> {
  const rows = await tx.query<{ stored: number; reserved: number }>(
    `SELECT v.stored_bytes AS stored,
       (SELECT coalesce(sum(size), 0) FROM uploads u WHERE u.device_id = v.id AND u.finished_at IS NULL) AS reserved
     FROM devices v WHERE v.id = $1 FOR UPDATE`,
    [input.deviceId],
  );
  const stored = Number(rows[0]?.stored ?? 0);
  const reserved = Number(rows[0]?.reserved ?? 0);
  if (reserved + input.size > quotas.reservedBytes) return 'reserved';
  if (stored + reserved + input.size > quotas.storedBytes) return 'stored';
  await tx.query('INSERT INTO uploads (id, device_id, size, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
    input.id,
    input.deviceId,
    input.size,
    input.now,
    input.expiresAt,
  ]);
  return 'ok';
}

/** The device that created an upload, or null when the id is unknown. */
export async function uploadOwner(db: Queryable, id: string): Promise<string | null> {
  const rows = await db.query<{ device_id: string }>('SELECT device_id FROM uploads WHERE id = $1', [id]);
  return rows[0]?.device_id ?? null;
}

/** The last byte arrived: no longer counted as reserved (the row stays: it binds the id). */
export async function finishUpload(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query('UPDATE uploads SET finished_at = $2 WHERE id = $1 AND finished_at IS NULL', [id, now]);
}

export async function forgetUpload(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM uploads WHERE id = $1', [id]);
}

/** Uploads past their expiry, or of a revoked device: to be removed with their files. */
export async function abandonedUploads(db: Queryable, now: Date, limit: number): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT u.id FROM uploads u JOIN devices v ON v.id = u.device_id
     WHERE u.expires_at < $1 OR v.revoked_at IS NOT NULL ORDER BY u.expires_at LIMIT $2`,
    [now, limit],
  );
  return rows.map((r) => r.id);
}

/** What counts against a device's quotas now. */
export async function deviceUsage(db: Queryable, deviceId: string): Promise<{ stored: number; reserved: number }> {
  const rows = await db.query<{ stored: number; reserved: number }>(
    `SELECT v.stored_bytes AS stored,
       (SELECT coalesce(sum(size), 0) FROM uploads u WHERE u.device_id = v.id AND u.finished_at IS NULL) AS reserved
     FROM devices v WHERE v.id = $1`,
    [deviceId],
  );
  return { stored: Number(rows[0]?.stored ?? 0), reserved: Number(rows[0]?.reserved ?? 0) };
}
