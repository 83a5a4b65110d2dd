import type { ConflictReason } from '../../src-shared/sync/conflict-rules.js';
import type { CodeRefusal } from '../../src-shared/sync/push-refusal.js';
import type { MasterDossier, SyncDossier } from '../../src-shared/sync/wire.js';
import type { Db } from '../db/open.js';

/** Repository of the sync tables (migrations/0005_sync.sql). Plain functions, db first. */

export type OutboxRow = { dossier_id: string; changed_at: string; version: number; attempts: number; last_error: string | null };

/**
 * The next dossiers to push, oldest change first. With the reception point's "review before sync"
 * on (Settings.reviewBeforeSync), a dossier under review (waiting or sent back, migration 0010)
 * stays in the outbox, held, until a supervisor approves it; that approval, or the setting turned
 * off, moves the outbox counter (0010's triggers), so the change feed runs a pass for it.
 */
export function outboxBatch(db: Db, limit: number): OutboxRow[] {
  return db
    .prepare(
      `SELECT o.* FROM sync_outbox o
        WHERE NOT EXISTS (SELECT 1 FROM settings s WHERE s.key = 'reviewBeforeSync' AND s.value = 'true')
           OR NOT EXISTS (SELECT 1 FROM dossier_flow f WHERE f.dossier_id = o.dossier_id AND f.review_state IN ('pending', 'returned'))
        ORDER BY o.changed_at, o.dossier_id LIMIT ?`,
    )
    .all(limit) as OutboxRow[];
}

export function outboxStats(db: Db): { count: number; oldest: string | null } {
  const r = db.prepare('SELECT COUNT(*) AS count, MIN(changed_at) AS oldest FROM sync_outbox').get() as { count: number; oldest: string | null };
  return r;
}

/** Removes the row only if no change arrived while the push was in flight. */
export function outboxDone(db: Db, dossierId: string, version: number): void {
  db.prepare('DELETE FROM sync_outbox WHERE dossier_id = ? AND version = ?').run(dossierId, version);
}

export function outboxFailed(db: Db, dossierIds: readonly string[], error: string): void {
  const stmt = db.prepare('UPDATE sync_outbox SET attempts = attempts + 1, last_error = ? WHERE dossier_id = ?');
  for (const id of dossierIds) stmt.run(error, id);
}

export type SyncDossierRow = {
  dossier_id: string;
  master: string;
  pushed_at: string;
  upload_pending: number;
  bytes_total: number;
  bytes_done: number;
  uploaded_at: string | null;
};

export function getSyncDossier(db: Db, dossierId: string): SyncDossierRow | null {
  return (db.prepare('SELECT * FROM sync_dossiers WHERE dossier_id = ?').get(dossierId) as SyncDossierRow | undefined) ?? null;
}

export function assumedMaster(db: Db, dossierId: string): SyncDossier | null {
  const row = getSyncDossier(db, dossierId);
  return row ? (JSON.parse(row.master) as SyncDossier) : null;
}

/** The server holds `doc` now; its pages still have to be checked and uploaded. */
export function recordPushed(db: Db, doc: SyncDossier, at: string): void {
  const bytesTotal = doc.pages.reduce((s, p) => s + p.size, 0);
  db.prepare(
    `INSERT INTO sync_dossiers (dossier_id, master, pushed_at, upload_pending, bytes_total, bytes_done)
     VALUES (?, ?, ?, 1, ?, 0)
     ON CONFLICT (dossier_id) DO UPDATE SET master = excluded.master, pushed_at = excluded.pushed_at,
       upload_pending = 1, bytes_total = excluded.bytes_total, bytes_done = 0, uploaded_at = NULL`,
  ).run(doc.id, JSON.stringify(doc), at, bytesTotal);
}

/** A pulled master becomes the assumed state of the next push (intake only; province kept apart). */
export function recordMaster(db: Db, master: MasterDossier): void {
  const { province: _p, seq: _s, complete: _c, ...intake } = master;
  db.prepare('UPDATE sync_dossiers SET master = ? WHERE dossier_id = ?').run(JSON.stringify(intake), master.id);
}

export function pendingUploads(db: Db): SyncDossierRow[] {
  return db.prepare('SELECT * FROM sync_dossiers WHERE upload_pending = 1 ORDER BY pushed_at').all() as SyncDossierRow[];
}

export function setUploadProgress(db: Db, dossierId: string, done: number, total: number): void {
  db.prepare('UPDATE sync_dossiers SET bytes_done = ?, bytes_total = ? WHERE dossier_id = ?').run(done, total, dossierId);
}

export function uploadFinished(db: Db, dossierId: string, at: string): void {
  db.prepare('UPDATE sync_dossiers SET upload_pending = 0, bytes_done = bytes_total, uploaded_at = ? WHERE dossier_id = ?').run(at, dossierId);
}

/** The server no longer holds every page of these dossiers: upload them again next pass. */
export function uploadPendingAgain(db: Db, dossierIds: readonly string[]): void {
  const stmt = db.prepare('UPDATE sync_dossiers SET upload_pending = 1, uploaded_at = NULL WHERE dossier_id = ?');
  db.transaction(() => {
    for (const id of dossierIds) stmt.run(id);
  })();
}

export function recordConflict(db: Db, c: { dossierId: string; reason: ConflictReason; local: SyncDossier; master: MasterDossier; at: string }): void {
  db.prepare('INSERT INTO sync_conflicts (dossier_id, reason, local_state, master, at) VALUES (?, ?, ?, ?, ?)').run(
    c.dossierId,
    c.reason,
    JSON.stringify(c.local),
    JSON.stringify(c.master),
    c.at,
  );
}

export type ConflictRow = { id: number; dossier_id: string; reason: ConflictReason; local_state: string; master: string; at: string; resolved_at: string | null };

export function listConflicts(db: Db, dossierId: string | undefined, includeResolved: boolean): ConflictRow[] {
  return db
    .prepare(
      `SELECT * FROM sync_conflicts WHERE (? IS NULL OR dossier_id = ?) AND (? = 1 OR resolved_at IS NULL) ORDER BY id`,
    )
    .all(dossierId ?? null, dossierId ?? null, includeResolved ? 1 : 0) as ConflictRow[];
}

export function resolveConflict(db: Db, id: number, at: string): boolean {
  return db.prepare('UPDATE sync_conflicts SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL').run(at, id).changes === 1;
}

export function dossierExistsLocally(db: Db, id: string): boolean {
  return db.prepare('SELECT 1 FROM dossiers WHERE id = ?').get(id) !== undefined;
}

/** Applies the province's part of one pulled dossier (caller holds the transaction). */
export function applyProvince(db: Db, m: MasterDossier, at: string): void {
  const hashes = m.complete ? JSON.stringify(m.pages.map((p) => p.sha256).sort()) : null;
  db.prepare(
    `INSERT INTO dossier_province_status (dossier_id, status, note, updated_at, complete, complete_hashes, complete_at, server_seq, pulled_at)
     VALUES (@id, @status, @note, @updatedAt, @complete, @hashes, CASE WHEN @complete = 1 THEN @at END, @seq, @at)
     ON CONFLICT (dossier_id) DO UPDATE SET
       status = excluded.status, note = excluded.note, updated_at = excluded.updated_at, complete = excluded.complete,
       complete_hashes = excluded.complete_hashes,
       -- The retention clock starts when the desk first learnt this exact page set was complete.
       complete_at = CASE WHEN excluded.complete = 0 THEN NULL
                          WHEN dossier_province_status.complete = 1 AND dossier_province_status.complete_hashes IS excluded.complete_hashes
                            THEN dossier_province_status.complete_at
                          ELSE excluded.complete_at END,
       server_seq = excluded.server_seq, pulled_at = excluded.pulled_at
     WHERE excluded.server_seq >= dossier_province_status.server_seq`,
  ).run({
    id: m.id,
    status: m.province?.status ?? null,
    note: m.province?.note ?? '',
    updatedAt: m.province?.updatedAt ?? null,
    complete: m.complete ? 1 : 0,
    hashes,
    at,
    seq: m.seq,
  });
}

// Engine state (key → JSON value).
export function getState<T>(db: Db, key: string): T | null {
  const r = db.prepare('SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined;
  return r ? (JSON.parse(r.value) as T) : null;
}

export function setState(db: Db, key: string, value: unknown): void {
  db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}

export function deleteState(db: Db, key: string): void {
  db.prepare('DELETE FROM sync_state WHERE key = ?').run(key);
}

/**
 * Dossiers whose last push the server refused for their code (src-shared/sync/push-refusal.ts),
 * by dossier id, until a push of theirs lands. Kept in sync_state: there are none in normal
 * work, and the sync screen reads them all at once.
 */
export function getRefusals(db: Db): Record<string, CodeRefusal> {
  return getState<Record<string, CodeRefusal>>(db, 'refusals') ?? {};
}

export function setRefusals(db: Db, add: Record<string, CodeRefusal>, clear: readonly string[]): void {
  const current = getRefusals(db);
  if (clear.every((id) => !(id in current)) && Object.keys(add).length === 0) return;
  for (const id of clear) delete current[id];
  setState(db, 'refusals', { ...current, ...add });
}
