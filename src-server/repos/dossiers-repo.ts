import { createHash } from 'node:crypto';
import { decidePush, intakeKey, type ConflictReason } from '../../src-shared/sync/conflict-rules.js';
import { PUSH_REFUSED_STATUS, type CodeRefusal } from '../../src-shared/sync/push-refusal.js';
import type { MasterDossier, ProvincePart, ProvinceStatus, PushRow, SyncDossier } from '../../src-shared/sync/wire.js';
import { HttpError } from '../http/errors.js';
import { messages } from '../http/messages.js';
import type { Queryable } from '../storage/db.js';
import { codeRefusal } from '../sync/code-check.js';
import { lockSequence, notifyChange } from './change-notify.js';
import type { DeviceIdentity } from './devices-repo.js';

type DossierDbRow = {
  id: string;
  reception_point_id: string;
  code: string | null;
  fields: Record<string, unknown>;
  pages: SyncDossier['pages'];
  desk_updated_at: string;
  deleted: boolean;
  province_status: ProvinceStatus | null;
  province_note: string | null;
  province_updated_at: Date | null;
  complete: boolean;
  seq: number;
  intake_hash: string;
};

const columns = `id, reception_point_id, code, fields, pages, desk_updated_at, deleted, province_status,
  province_note, province_updated_at, complete, seq, intake_hash`;

const iso = (v: Date | string): string => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());

function toMaster(r: DossierDbRow): MasterDossier {
  const province: ProvincePart | null =
    r.province_status === null
      ? null
      : { status: r.province_status, note: r.province_note ?? '', updatedAt: iso(r.province_updated_at!) };
  return {
    id: r.id,
    code: r.code,
    fields: r.fields,
    pages: r.pages,
    updatedAt: r.desk_updated_at,
    province,
    seq: Number(r.seq),
    complete: r.complete,
    _deleted: r.deleted,
  };
}

const hashOf = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

// A dossier is complete when its point holds every page hash it lists ($n: its pages, $m: the
// point): pages of other points do not count, even when the shared blob store has the file.
const completeSql = (n: number, m: number) => `NOT EXISTS (
  SELECT 1 FROM jsonb_array_elements($${n}::jsonb) AS p
  WHERE NOT EXISTS (SELECT 1 FROM point_blobs b WHERE b.reception_point_id = $${m}::uuid AND b.sha256 = p->>'sha256'))`;

export type PushOutcome = { conflicts: MasterDossier[]; written: number };

/**
 * Applies one push batch from a device in the caller's transaction. Ownership and conflict
 * rules: src-shared/sync/conflict-rules.ts. A dossier of another reception point refuses
 * the whole batch (403) and the transaction rolls back.
 */
export async function pushDossiers(tx: Queryable, device: DeviceIdentity, rows: PushRow[], now: Date): Promise<PushOutcome> {
  await lockSequence(tx);
  // The batch's current masters in one read (a batch holds up to MAX_PUSH_ROWS dossiers).
  const ids = [...new Set(rows.map((r) => r.newDocumentState.id))];
  const found = ids.length === 0 ? [] : await tx.query<DossierDbRow>(`SELECT ${columns} FROM dossiers WHERE id = ANY($1::uuid[]) FOR UPDATE`, [ids]);
  const masters = new Map(found.map((r) => [r.id, r]));
  if (found.some((r) => r.reception_point_id !== device.receptionPointId)) throw new HttpError(403, 'FORBIDDEN', messages.forbidden);
  const refused = await refusedCodes(tx, device, rows, masters);
  if (refused.size > 0) throw new PushRefusedError(refused);
  const conflicts: MasterDossier[] = [];
  let written = 0;
  for (const row of rows) {
    const next = row.newDocumentState;
    const master = masters.get(next.id) ?? null;
    const masterDoc = master ? toMaster(master) : null;
    const decision = decidePush(masterDoc, next, row.assumedMasterState);
    const key = intakeKey(next);
    if (decision.kind === 'noop') continue;
    if (decision.kind === 'conflict') {
      await recordConflict(tx, masterDoc!, device.id, decision.reason, row, hashOf(key), now);
      conflicts.push(masterDoc!);
      continue;
    }
    const pagesJson = JSON.stringify(next.pages);
    // RETURNING: the same id twice in one batch must see the first write as its master.
    const written1 = decision.kind === 'insert'
      ? await tx.query<DossierDbRow>(
          `INSERT INTO dossiers (id, reception_point_id, code, fields, pages, desk_updated_at, deleted, complete, seq,
             intake_hash, created_by_device, updated_by_device, received_at, changed_at)
           VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, ${completeSql(5, 2)}, nextval('dossier_change_seq'), $8, $9, $9, $10, $10)
           RETURNING ${columns}`,
          [next.id, device.receptionPointId, next.code, JSON.stringify(next.fields), pagesJson, next.updatedAt, next._deleted, hashOf(key), device.id, now],
        )
      : await tx.query<DossierDbRow>(
          `UPDATE dossiers SET code = $2, fields = $3::jsonb, pages = $4::jsonb, desk_updated_at = $5, deleted = $6,
             complete = ${completeSql(4, 10)}, seq = nextval('dossier_change_seq'), intake_hash = $7, updated_by_device = $8, changed_at = $9,
             code_duplicate = code_duplicate AND code IS NOT DISTINCT FROM $2
           WHERE id = $1 RETURNING ${columns}`,
          [next.id, next.code, JSON.stringify(next.fields), pagesJson, next.updatedAt, next._deleted, hashOf(key), device.id, now, device.receptionPointId],
        );
    if (master) await markDroppedPages(tx, device.receptionPointId, master.pages, next.pages, now);
    masters.set(next.id, written1[0]!);
    written += 1;
  }
  if (written > 0) await notifyChange(tx, { t: 'dossier', p: device.receptionPointId });
  return { conflicts, written };
}

/** Pages a dossier no longer lists may have become garbage: collection looks at them after the grace period. */
async function markDroppedPages(tx: Queryable, pointId: string, before: SyncDossier['pages'], after: SyncDossier['pages'], now: Date): Promise<void> {
  const kept = new Set(after.map((p) => p.sha256));
  const dropped = [...new Set(before.map((p) => p.sha256))].filter((h) => !kept.has(h));
  if (dropped.length === 0) return;
  await tx.query('UPDATE point_blobs SET gc_since = coalesce(gc_since, $3) WHERE reception_point_id = $1 AND sha256 = ANY($2::text[])', [pointId, dropped, now]);
}

/** A push batch refused before anything was written: dossier id → why its code may not land. */
export class PushRefusedError extends HttpError {
  constructor(readonly refused: Map<string, CodeRefusal>) {
    super(PUSH_REFUSED_STATUS, 'VALIDATION', messages.pushRefused, Object.fromEntries(refused));
  }
}

/**
 * The batch's codes this device may not push (code-check.ts), and codes another dossier holds
 * already. Pushes hold the sequence lock, so no other push can take a code between this read
 * and the writes; the unique index stays the last line of defence.
 */
async function refusedCodes(tx: Queryable, device: DeviceIdentity, rows: PushRow[], masters: Map<string, DossierDbRow>): Promise<Map<string, CodeRefusal>> {
  const refused = new Map<string, CodeRefusal>();
  const owner = { agencyCode: device.agencyCode, deskSlot: device.deskSlot, enrolledAt: new Date(device.enrolledAt) };
  const claims: Array<{ id: string; code: string }> = [];
  for (const { newDocumentState: next } of rows) {
    if (next.code === null) continue;
    const held = masters.get(next.id)?.code === next.code;
    const why = codeRefusal(next.code, owner, held);
    if (why) refused.set(next.id, why);
    else if (!held) claims.push({ id: next.id, code: next.code });
  }
  if (claims.length === 0) return refused;
  const holders = await tx.query<{ id: string; code: string }>(
    'SELECT id, code FROM dossiers WHERE code = ANY($1::text[]) AND NOT code_duplicate',
    [[...new Set(claims.map((c) => c.code))]],
  );
  const holder = new Map(holders.map((h) => [h.code, h.id]));
  for (const c of claims) {
    const by = holder.get(c.code);
    if (by !== undefined && by !== c.id) refused.set(c.id, 'code.taken');
    else holder.set(c.code, c.id); // two dossiers of one batch with the same code: the first keeps it
  }
  return refused;
}

async function recordConflict(
  tx: Queryable,
  master: MasterDossier,
  deviceId: string,
  reason: ConflictReason,
  row: PushRow,
  attemptedHash: string,
  now: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO dossier_conflicts (dossier_id, device_id, reason, attempted, assumed, master_seq, attempted_hash, at)
     VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8)
     ON CONFLICT (dossier_id, attempted_hash, master_seq) DO NOTHING`,
    [
      master.id,
      deviceId,
      reason,
      JSON.stringify(row.newDocumentState),
      row.assumedMasterState == null ? null : JSON.stringify(row.assumedMasterState),
      master.seq,
      attemptedHash,
      now,
    ],
  );
}

export async function pullDossiers(
  db: Queryable,
  receptionPointId: string,
  afterSeq: number,
  limit: number,
): Promise<{ documents: MasterDossier[]; checkpoint: { seq: number } }> {
  const rows = await db.query<DossierDbRow>(
    `SELECT ${columns} FROM dossiers WHERE reception_point_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
    [receptionPointId, afterSeq, limit],
  );
  const documents = rows.map(toMaster);
  return { documents, checkpoint: { seq: documents.at(-1)?.seq ?? afterSeq } };
}

export async function maxSeq(db: Queryable, receptionPointId: string): Promise<number> {
  const rows = await db.query<{ s: number | null }>('SELECT max(seq) AS s FROM dossiers WHERE reception_point_id = $1', [receptionPointId]);
  return Number(rows[0]?.s ?? 0);
}

export async function getDossier(db: Queryable, id: string): Promise<(MasterDossier & { receptionPointId: string }) | null> {
  const rows = await db.query<DossierDbRow>(`SELECT ${columns} FROM dossiers WHERE id = $1`, [id]);
  return rows[0] ? { ...toMaster(rows[0]), receptionPointId: rows[0].reception_point_id } : null;
}

/** Page hashes a dossier lists that its point does not hold, in page order, without repeats. */
export async function missingPages(db: Queryable, id: string): Promise<string[]> {
  const rows = await db.query<{ sha256: string }>(
    `SELECT p.sha256 FROM dossiers d,
       LATERAL (SELECT DISTINCT ON (e->>'sha256') e->>'sha256' AS sha256, ord FROM jsonb_array_elements(d.pages) WITH ORDINALITY AS x(e, ord)
                ORDER BY e->>'sha256', ord) p
     WHERE d.id = $1 AND NOT EXISTS (SELECT 1 FROM point_blobs b WHERE b.reception_point_id = d.reception_point_id AND b.sha256 = p.sha256)
     ORDER BY p.ord`,
    [id],
  );
  return rows.map((r) => r.sha256);
}

/** `codeDuplicate`: shared its code with an earlier dossier before codes were unique (migration 0003). */
export type AdminDossierRow = MasterDossier & { receptionPointId: string; receivedAt: string; conflicts: number; codeDuplicate: boolean };

export async function listDossiersForAdmin(
  db: Queryable,
  filter: { receptionPointId: string | null; code: string | null },
  limit: number,
): Promise<AdminDossierRow[]> {
  const rows = await db.query<DossierDbRow & { received_at: Date; conflicts: number; code_duplicate: boolean }>(
    `SELECT ${columns}, received_at, code_duplicate,
       (SELECT count(*)::int FROM dossier_conflicts c WHERE c.dossier_id = d.id) AS conflicts
     FROM dossiers d WHERE ($1::uuid IS NULL OR reception_point_id = $1::uuid) AND ($3::text IS NULL OR code = $3::text)
     ORDER BY seq DESC LIMIT $2`,
    [filter.receptionPointId, limit, filter.code],
  );
  return rows.map((r) => ({ ...toMaster(r), receptionPointId: r.reception_point_id, receivedAt: iso(r.received_at), conflicts: Number(r.conflicts), codeDuplicate: r.code_duplicate }));
}

export type ConflictRow = { id: number; dossierId: string; deviceId: string; reason: ConflictReason; masterSeq: number; at: string };

export async function listConflicts(db: Queryable, dossierId: string | null, limit: number): Promise<ConflictRow[]> {
  const rows = await db.query<{ id: number; dossier_id: string; device_id: string; reason: ConflictReason; master_seq: number; at: Date }>(
    `SELECT id, dossier_id, device_id, reason, master_seq, at FROM dossier_conflicts
     WHERE ($1::uuid IS NULL OR dossier_id = $1::uuid) ORDER BY id DESC LIMIT $2`,
    [dossierId, limit],
  );
  return rows.map((r) => ({ id: Number(r.id), dossierId: r.dossier_id, deviceId: r.device_id, reason: r.reason, masterSeq: Number(r.master_seq), at: iso(r.at) }));
}

/** A province-side status change: new seq, so it flows back to the desk by pull and SSE. */
export async function setProvinceStatus(
  tx: Queryable,
  id: string,
  status: ProvinceStatus,
  note: string,
  now: Date,
): Promise<MasterDossier> {
  await lockSequence(tx);
  const rows = await tx.query<DossierDbRow>(`SELECT ${columns} FROM dossiers WHERE id = $1 FOR UPDATE`, [id]);
  const row = rows[0];
  if (!row) throw new HttpError(404, 'NOT_FOUND', messages.notFound);
  if (row.deleted) throw new HttpError(409, 'CONFLICT', messages.dossierDeleted);
  const updated = await tx.query<DossierDbRow>(
    `UPDATE dossiers SET province_status = $2, province_note = $3, province_updated_at = $4,
       seq = nextval('dossier_change_seq'), changed_at = $4
     WHERE id = $1 RETURNING ${columns}`,
    [id, status, note, now],
  );
  const doc = toMaster(updated[0]!);
  await tx.query('INSERT INTO province_status_history (dossier_id, status, note, at, seq) VALUES ($1, $2, $3, $4, $5)', [id, status, note, now, doc.seq]);
  await notifyChange(tx, { t: 'dossier', p: row.reception_point_id });
  return doc;
}
