import type { ReviewState, Role } from '../../src-shared/contract/schemas.js';
import type { Db } from '../db/open.js';

/** SQL of dossier_flow's own columns (migration 0010); the derived ones are the triggers'. Callers hold the transaction. */

export type FlowRow = {
  dossier_id: string;
  status: 'draft' | 'received';
  assigned_to: string;
  review_state: ReviewState;
  review_round: number;
  review_at: string | null;
  closed_at: string | null;
  appointment_at: string | null;
  pages: number;
};

export function getFlow(db: Db, dossierId: string): FlowRow | null {
  return (
    (db
      .prepare(
        `SELECT dossier_id, status, assigned_to, review_state, review_round, review_at, closed_at, appointment_at, pages
           FROM dossier_flow WHERE dossier_id = ?`,
      )
      .get(dossierId) as FlowRow | undefined) ?? null
  );
}

/** Moves the review state; `seq` is the change sequence (the dossier list shows the new state live). */
export function setReviewState(db: Db, dossierId: string, r: { state: ReviewState; round: number; at: string; seq: number }): void {
  db.prepare('UPDATE dossier_flow SET review_state = ?, review_round = ?, review_at = ?, seq = ? WHERE dossier_id = ?').run(r.state, r.round, r.at, r.seq, dossierId);
}

export function setAssignee(db: Db, dossierId: string, userId: string, seq: number): void {
  db.prepare('UPDATE dossier_flow SET assigned_to = ?, seq = ? WHERE dossier_id = ?').run(userId, seq, dossierId);
}

export type HandBackRow = {
  dossier_id: string;
  handed_at: string;
  handed_by: string;
  handed_by_name: string;
  recipient_name: string;
  recipient_id_number: string;
  note: string;
  on_time: 0 | 1;
};

/** Records the hand-back and closes the dossier. */
export function recordHandBack(db: Db, h: Omit<HandBackRow, 'handed_by_name'>, seq: number): void {
  db.prepare(
    `INSERT INTO dossier_handbacks (dossier_id, handed_at, handed_by, recipient_name, recipient_id_number, note, on_time)
     VALUES (@dossier_id, @handed_at, @handed_by, @recipient_name, @recipient_id_number, @note, @on_time)`,
  ).run(h);
  db.prepare('UPDATE dossier_flow SET closed_at = ?, seq = ? WHERE dossier_id = ?').run(h.handed_at, seq, h.dossier_id);
}

export function getHandBack(db: Db, dossierId: string): HandBackRow | null {
  return (
    (db
      .prepare(
        `SELECT h.*, COALESCE(u.full_name, '') AS handed_by_name FROM dossier_handbacks h LEFT JOIN users u ON u.id = h.handed_by
          WHERE h.dossier_id = ?`,
      )
      .get(dossierId) as HandBackRow | undefined) ?? null
  );
}

export type AssigneeRow = { id: string; fullName: string; role: Role; disabled: number };

/** Accounts that do desk work: clerks and supervisors (admins keep the desk, they do not take dossiers). */
export function listAssignees(db: Db): AssigneeRow[] {
  return db
    .prepare("SELECT id, full_name AS fullName, role, disabled FROM users WHERE role IN ('clerk', 'supervisor') ORDER BY full_name COLLATE NOCASE")
    .all() as AssigneeRow[];
}

export function userName(db: Db, id: string): string {
  return (db.prepare('SELECT full_name AS n FROM users WHERE id = ?').get(id) as { n: string } | undefined)?.n ?? '';
}
