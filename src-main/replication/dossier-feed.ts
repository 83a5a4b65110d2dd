import type { Checkpoint, DossierSummary } from '../../src-shared/contract/schemas.js';
import type { Db } from '../db/open.js';

type Row = {
  id: string; status: 'draft' | 'received'; code: string | null; procedure_code: string; procedure_name: string;
  applicant_name: string; applicant_id_number: string; received_at: string | null; appointment_at: string | null;
  updated_at: string; seq: number;
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
  seq: r.seq,
  _deleted: false,
});

/**
 * RxDB replication pull over the dossiers table: documents whose change sequence is
 * after the checkpoint, oldest first. The sequence comes from change_counter, bumped in
 * the same transaction as every dossier write (db/change-feed.ts, nextChangeSeq).
 */
export function pullDossiers(db: Db, checkpoint: Checkpoint | null, limit: number): { documents: DossierSummary[]; checkpoint: Checkpoint | null } {
  const rows = db
    .prepare(
      `SELECT id, status, code, procedure_code, procedure_name, applicant_name, applicant_id_number,
              received_at, appointment_at, updated_at, seq
         FROM dossiers WHERE seq > ? ORDER BY seq LIMIT ?`,
    )
    .all(checkpoint?.seq ?? 0, limit) as Row[];
  const documents = rows.map(toSummary);
  const last = documents.at(-1);
  return { documents, checkpoint: last ? { seq: last.seq } : checkpoint };
}
