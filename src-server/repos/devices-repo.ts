import { randomUUID } from 'node:crypto';
import { FIRST_ENROLLED_SLOT, LAST_ENROLLED_SLOT } from '../../src-shared/sync/wire.js';
import type { Queryable } from '../storage/db.js';

export type DeviceRow = {
  id: string;
  receptionPointId: string;
  name: string;
  deskSlot: number;
  enrolledAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
  /** Bytes of pages it brought to its point: what its stored-bytes quota counts. */
  storedBytes: number;
};

/** The identity a device request carries once authenticated. */
export type DeviceIdentity = {
  id: string;
  receptionPointId: string;
  /** The point's unit code: every dossier code the device pushes starts with it. */
  agencyCode: string;
  deskSlot: number;
  enrolledAt: string;
};

const iso = (v: unknown): string | null => (v == null ? null : v instanceof Date ? v.toISOString() : String(v));

type DeviceDbRow = {
  id: string;
  reception_point_id: string;
  name: string;
  desk_slot: number;
  enrolled_at: Date;
  revoked_at: Date | null;
  last_seen_at: Date | null;
  stored_bytes: number;
};
const toDevice = (r: DeviceDbRow): DeviceRow => ({
  id: r.id,
  receptionPointId: r.reception_point_id,
  name: r.name,
  deskSlot: r.desk_slot,
  enrolledAt: iso(r.enrolled_at)!,
  revokedAt: iso(r.revoked_at),
  lastSeenAt: iso(r.last_seen_at),
  storedBytes: Number(r.stored_bytes),
});
const deviceColumns = 'id, reception_point_id, name, desk_slot, enrolled_at, revoked_at, last_seen_at, stored_bytes';

export async function insertEnrollmentCode(
  db: Queryable,
  codeHash: string,
  receptionPointId: string,
  now: Date,
  expiresAt: Date,
): Promise<void> {
  await db.query(
    'INSERT INTO enrollment_codes (code_hash, reception_point_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
    [codeHash, receptionPointId, now, expiresAt],
  );
}

/** Locks an unused, unexpired code; null when it is unknown, used or expired. */
export async function claimableEnrollmentCode(
  db: Queryable,
  codeHash: string,
  now: Date,
): Promise<{ receptionPointId: string } | null> {
  const rows = await db.query<{ reception_point_id: string }>(
    `SELECT reception_point_id FROM enrollment_codes
     WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 FOR UPDATE`,
    [codeHash, now],
  );
  return rows[0] ? { receptionPointId: rows[0].reception_point_id } : null;
}

/** Why a code cannot be claimed, for the security log (the code itself is never logged). */
export async function enrollmentCodeState(db: Queryable, codeHash: string, now: Date): Promise<'unknown_code' | 'used_code' | 'expired_code'> {
  const rows = await db.query<{ used_at: Date | null; expires_at: Date }>('SELECT used_at, expires_at FROM enrollment_codes WHERE code_hash = $1', [codeHash]);
  const r = rows[0];
  if (!r) return 'unknown_code';
  return r.used_at ? 'used_code' : new Date(r.expires_at) <= now ? 'expired_code' : 'unknown_code';
}

export async function markEnrollmentCodeUsed(db: Queryable, codeHash: string, deviceId: string, now: Date): Promise<void> {
  await db.query('UPDATE enrollment_codes SET used_at = $2, device_id = $3 WHERE code_hash = $1', [codeHash, now, deviceId]);
}

/**
 * The slot for a new desk of a point (caller holds the point's row lock): the lowest slot
 * never used; when all were used, the slot of the device revoked longest ago, provided
 * it was revoked at least a day ago (codes carry the date, so a revoked desk that kept
 * issuing codes offline that day cannot collide with its successor). Null when none.
 */
export async function pickDeskSlot(db: Queryable, receptionPointId: string, now: Date): Promise<number | null> {
  const rows = await db.query<{ desk_slot: number; revoked_at: Date | null }>(
    'SELECT desk_slot, max(revoked_at) AS revoked_at, bool_or(revoked_at IS NULL) AS active FROM devices WHERE reception_point_id = $1 GROUP BY desk_slot',
    [receptionPointId],
  );
  const used = new Map<number, { revokedAt: Date | null; active: boolean }>();
  for (const r of rows as Array<{ desk_slot: number; revoked_at: Date | null; active: boolean }>) {
    used.set(r.desk_slot, { revokedAt: r.revoked_at, active: r.active });
  }
  for (let s = FIRST_ENROLLED_SLOT; s <= LAST_ENROLLED_SLOT; s += 1) if (!used.has(s)) return s;
  const dayAgo = now.getTime() - 24 * 3600 * 1000;
  const reusable = [...used.entries()]
    .filter(([, u]) => !u.active && u.revokedAt !== null && new Date(u.revokedAt).getTime() <= dayAgo)
    .sort((a, b) => new Date(a[1].revokedAt!).getTime() - new Date(b[1].revokedAt!).getTime());
  return reusable[0]?.[0] ?? null;
}

export async function insertDevice(
  db: Queryable,
  input: { receptionPointId: string; name: string; secretHash: string; deskSlot: number },
  now: Date,
): Promise<DeviceRow> {
  const rows = await db.query<DeviceDbRow>(
    `INSERT INTO devices (id, reception_point_id, name, secret_hash, desk_slot, enrolled_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${deviceColumns}`,
    [randomUUID(), input.receptionPointId, input.name, input.secretHash, input.deskSlot, now],
  );
  return toDevice(rows[0]!);
}

/** The active (not revoked) device and its secret hash, for authentication. */
export async function activeDeviceSecret(
  db: Queryable,
  deviceId: string,
): Promise<{ identity: DeviceIdentity; secretHash: string } | null> {
  const rows = await db.query<{ id: string; reception_point_id: string; agency_code: string; desk_slot: number; enrolled_at: Date; secret_hash: string }>(
    `SELECT d.id, d.reception_point_id, p.agency_code, d.desk_slot, d.enrolled_at, d.secret_hash
     FROM devices d JOIN reception_points p ON p.id = d.reception_point_id WHERE d.id = $1 AND d.revoked_at IS NULL`,
    [deviceId],
  );
  const r = rows[0];
  if (!r) return null;
  const identity = { id: r.id, receptionPointId: r.reception_point_id, agencyCode: r.agency_code, deskSlot: r.desk_slot, enrolledAt: iso(r.enrolled_at)! };
  return { identity, secretHash: r.secret_hash };
}

/** Records activity at most once a minute per device, to keep reads cheap. */
export async function touchDevice(db: Queryable, deviceId: string, now: Date): Promise<void> {
  await db.query(
    `UPDATE devices SET last_seen_at = $2
     WHERE id = $1 AND (last_seen_at IS NULL OR last_seen_at < $2::timestamptz - interval '1 minute')`,
    [deviceId, now],
  );
}

export async function listDevices(db: Queryable, receptionPointId?: string): Promise<DeviceRow[]> {
  const rows = receptionPointId
    ? await db.query<DeviceDbRow>(`SELECT ${deviceColumns} FROM devices WHERE reception_point_id = $1 ORDER BY enrolled_at`, [receptionPointId])
    : await db.query<DeviceDbRow>(`SELECT ${deviceColumns} FROM devices ORDER BY reception_point_id, enrolled_at`);
  return rows.map(toDevice);
}

/** Revokes a device (idempotent); null when unknown. */
export async function revokeDevice(db: Queryable, deviceId: string, now: Date): Promise<DeviceRow | null> {
  await db.query('UPDATE devices SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [deviceId, now]);
  const rows = await db.query<DeviceDbRow>(`SELECT ${deviceColumns} FROM devices WHERE id = $1`, [deviceId]);
  return rows[0] ? toDevice(rows[0]) : null;
}
