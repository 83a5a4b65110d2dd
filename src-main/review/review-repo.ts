import type { ReviewDecision, ReviewFinding } from '../../src-shared/contract/review-commands.js';
import type { ReviewReason } from '../../src-shared/contract/schemas.js';
import type { Db } from '../db/open.js';

/** SQL of review decisions and their findings (migration 0010). Callers hold the transaction. */

export type NewFinding = { pageId: string | null; pagePosition: number | null; pageSha256: string | null; reason: ReviewReason; note: string };

export function insertDecision(
  db: Db,
  d: { dossierId: string; round: number; decision: ReviewDecision['decision']; pages: number; note: string; by: string; at: string },
  findings: readonly NewFinding[] = [],
): number {
  const id = Number(
    db
      .prepare('INSERT INTO review_decisions (dossier_id, round, decision, pages, note, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(d.dossierId, d.round, d.decision, d.pages, d.note, d.by, d.at).lastInsertRowid,
  );
  const insert = db.prepare('INSERT INTO review_findings (decision_id, idx, page_id, page_position, page_sha256, reason, note) VALUES (?, ?, ?, ?, ?, ?, ?)');
  findings.forEach((f, i) => insert.run(id, i, f.pageId, f.pagePosition, f.pageSha256, f.reason, f.note));
  return id;
}

type DecisionRow = { id: number; round: number; decision: ReviewDecision['decision']; pages: number; note: string; decided_by: string; decided_by_name: string; decided_at: string };
type FindingRow = { decision_id: number; page_id: string | null; page_position: number | null; reason: ReviewReason; note: string };

/** Every decision on a dossier, newest first, with its findings in the order they were made. */
export function listDecisions(db: Db, dossierId: string): ReviewDecision[] {
  const decisions = db
    .prepare(
      `SELECT r.id, r.round, r.decision, r.pages, r.note, r.decided_by, COALESCE(u.full_name, '') AS decided_by_name, r.decided_at
         FROM review_decisions r LEFT JOIN users u ON u.id = r.decided_by WHERE r.dossier_id = ? ORDER BY r.id DESC`,
    )
    .all(dossierId) as DecisionRow[];
  const findings = db
    .prepare(
      `SELECT f.decision_id, f.page_id, f.page_position, f.reason, f.note FROM review_findings f
         JOIN review_decisions r ON r.id = f.decision_id WHERE r.dossier_id = ? ORDER BY f.decision_id, f.idx`,
    )
    .all(dossierId) as FindingRow[];
  const byDecision = new Map<number, ReviewFinding[]>();
  for (const f of findings) {
    const list = byDecision.get(f.decision_id) ?? [];
    list.push({ pageId: f.page_id, pagePosition: f.page_position, reason: f.reason, note: f.note });
    byDecision.set(f.decision_id, list);
  }
  return decisions.map((d) => ({
    id: d.id,
    round: d.round,
    decision: d.decision,
    pages: d.pages,
    note: d.note,
    decidedBy: d.decided_by,
    decidedByName: d.decided_by_name,
    decidedAt: d.decided_at,
    findings: byDecision.get(d.id) ?? [],
  }));
}

/** A live page of the dossier, as the reviewer saw it. */
export function livePage(db: Db, dossierId: string, pageId: string): { position: number; sha256: string } | null {
  return (
    (db.prepare("SELECT position, sha256 FROM pages WHERE id = ? AND dossier_id = ? AND status <> 'deleted'").get(pageId, dossierId) as
      | { position: number; sha256: string }
      | undefined) ?? null
  );
}
