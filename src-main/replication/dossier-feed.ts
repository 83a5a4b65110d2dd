import type { Checkpoint, DossierSummary, ReviewReason, ReviewState } from '../../src-shared/contract/schemas.js';
import type { Db } from '../db/open.js';

type Row = {
  id: string; status: 'draft' | 'received'; code: string | null; procedure_code: string; procedure_name: string;
  applicant_name: string; applicant_id_number: string; received_at: string | null; appointment_at: string | null;
  updated_at: string; seq: number; assigned_to: string; review_state: ReviewState; closed_at: string | null; reasons: string | null;
};

const toSummary = (r: Row): DossierSummary => ({
  id: r.id,
  status: r.status,
  code: r.code,
  procedureCode: r.procedure_code,
  procedureName: r.procedure_name,
  applicantName: r.applicant_name,
  applicantIdNumber: r.applicant_id_number,
  receivedAt: r.received_at,
  appointmentAt: r.appointment_at,
  updatedAt: r.updated_at,
  assignedTo: r.assigned_to,
  reviewState: r.review_state,
  returnReasons: r.reasons ? (JSON.parse(r.reasons) as ReviewReason[]) : [],
  closedAt: r.closed_at,
  seq: r.seq,
  _deleted: false,
});

/**
 * RxDB replication pull over the dossiers and their workflow state: documents whose change
 * sequence is after the checkpoint, oldest first. The sequence is dossier_flow.seq (migration
 * 0010): a dossier write and a workflow change (review, assignment, hand-back) both take it
 * from change_counter in their own transaction (db/change-feed.ts, nextChangeSeq).
 */
export function pullDossiers(db: Db, checkpoint: Checkpoint | null, limit: number): { documents: DossierSummary[]; checkpoint: Checkpoint | null } {
  const rows = db
    .prepare(
      `SELECT d.id, d.status, d.code, d.procedure_code, d.procedure_name, d.applicant_name, d.applicant_id_number,
              d.received_at, d.appointment_at, d.updated_at, f.seq, f.assigned_to, f.review_state, f.closed_at,
              CASE WHEN f.review_state = 'returned' THEN
                (SELECT json_group_array(reason) FROM (
                   SELECT r.reason FROM review_findings r
                    WHERE r.decision_id = (SELECT max(id) FROM review_decisions WHERE dossier_id = d.id AND decision = 'returned')
                    GROUP BY r.reason ORDER BY min(r.idx)))
              END AS reasons
         FROM dossier_flow f JOIN dossiers d ON d.id = f.dossier_id
        WHERE f.seq > ? ORDER BY f.seq LIMIT ?`,
    )
    .all(checkpoint?.seq ?? 0, limit) as Row[];
  const documents = rows.map(toSummary);
  const last = documents.at(-1);
  return { documents, checkpoint: last ? { seq: last.seq } : checkpoint };
}
