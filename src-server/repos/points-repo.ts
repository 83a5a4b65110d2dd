import { randomUUID } from 'node:crypto';
import type { Queryable } from '../storage/db.js';

export type Branch = { id: string; code: string; name: string; createdAt: string };
export type ReceptionPointRow = { id: string; branchId: string | null; agencyCode: string; name: string; createdAt: string };

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

export async function insertBranch(db: Queryable, input: { code: string; name: string }, now: Date): Promise<Branch | null> {
  const rows = await db.query<{ id: string; created_at: Date }>(
    `INSERT INTO branches (id, code, name, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (code) DO NOTHING RETURNING id, created_at`,
    [randomUUID(), input.code, input.name, now],
  );
  const row = rows[0];
  return row ? { id: row.id, code: input.code, name: input.name, createdAt: iso(row.created_at) } : null;
}

export async function listBranches(db: Queryable): Promise<Branch[]> {
  const rows = await db.query<{ id: string; code: string; name: string; created_at: Date }>(
    'SELECT id, code, name, created_at FROM branches ORDER BY code',
  );
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, createdAt: iso(r.created_at) }));
}

export async function branchExists(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM branches WHERE id = $1', [id])).length > 0;
}

type PointDbRow = { id: string; branch_id: string | null; agency_code: string; name: string; created_at: Date };
const toPoint = (r: PointDbRow): ReceptionPointRow => ({
  id: r.id,
  branchId: r.branch_id,
  agencyCode: r.agency_code,
  name: r.name,
  createdAt: iso(r.created_at),
});

export async function insertReceptionPoint(
  db: Queryable,
  input: { branchId: string | null; agencyCode: string; name: string },
  now: Date,
): Promise<ReceptionPointRow | null> {
  const rows = await db.query<PointDbRow>(
    `INSERT INTO reception_points (id, branch_id, agency_code, name, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (agency_code) DO NOTHING RETURNING id, branch_id, agency_code, name, created_at`,
    [randomUUID(), input.branchId, input.agencyCode, input.name, now],
  );
  return rows[0] ? toPoint(rows[0]) : null;
}

export async function listReceptionPoints(db: Queryable): Promise<ReceptionPointRow[]> {
  const rows = await db.query<PointDbRow>('SELECT id, branch_id, agency_code, name, created_at FROM reception_points ORDER BY agency_code');
  return rows.map(toPoint);
}

export async function getReceptionPoint(db: Queryable, id: string, forUpdate = false): Promise<ReceptionPointRow | null> {
  const rows = await db.query<PointDbRow>(
    `SELECT id, branch_id, agency_code, name, created_at FROM reception_points WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ? toPoint(rows[0]) : null;
}
