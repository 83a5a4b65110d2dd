import { AppError } from '../../src-shared/contract/errors.js';
import type { ParsedInput } from '../../src-shared/contract/commands.js';
import type { DossierReview } from '../../src-shared/contract/review-commands.js';
import type { User } from '../../src-shared/contract/schemas.js';
import { appendAudit } from '../audit/audit-log.js';
import { nextChangeSeq } from '../db/change-feed.js';
import type { KernelDeps } from '../kernel/deps.js';
import { setReviewState, type FlowRow } from '../workflow/flow-repo.js';
import { flowOrFail, mustOwnOrLead } from '../workflow/workflow-service.js';
import { insertDecision, listDecisions, livePage, type NewFinding } from './review-repo.js';

const notWaiting = () => new AppError('CONFLICT', 'Hồ sơ không ở trạng thái chờ duyệt (có thể vừa được người khác duyệt hoặc trả lại).');

/**
 * Quality review (issue 9). A received dossier waits for review (review_state 'pending'); a
 * supervisor approves it or sends it back with findings; the clerk fixes it and resubmits, which
 * opens the next round. Each step is one transaction: the state, the decision row, the change
 * sequence (the clerk's list shows it live) and the audit entry.
 */
export function createReviewService({ db, clock }: Pick<KernelDeps, 'db' | 'clock'>) {
  const get = (dossierId: string): DossierReview => {
    const f = flowOrFail(db, dossierId);
    return { dossierId, state: f.review_state, round: f.review_round, since: f.review_at, decisions: listDecisions(db, dossierId) };
  };

  /** Runs a review step on the dossier's current state, in one immediate transaction. */
  const step = (dossierId: string, body: (f: FlowRow, at: string, seq: number) => void): DossierReview => {
    db.transaction(() => {
      const f = flowOrFail(db, dossierId);
      if (f.status !== 'received') throw new AppError('CONFLICT', 'Hồ sơ nháp chưa tiếp nhận, chưa thể duyệt.');
      body(f, clock.now().toISOString(), nextChangeSeq(db));
    }).immediate();
    return get(dossierId);
  };

  return {
    get,

    approve: (dossierId: string, note: string, user: User) =>
      step(dossierId, (f, at, seq) => {
        if (f.review_state !== 'pending') throw notWaiting();
        if (f.pages === 0) throw new AppError('CONFLICT', 'Hồ sơ chưa có trang nào được quét, chưa thể duyệt.');
        insertDecision(db, { dossierId, round: f.review_round, decision: 'approved', pages: f.pages, note, by: user.id, at });
        setReviewState(db, dossierId, { state: 'approved', round: f.review_round, at, seq });
        appendAudit(db, { at, userId: user.id, action: 'review.approve', dossierId, details: { round: f.review_round, pages: f.pages } });
      }),

    sendBack: (input: ParsedInput<'review.sendBack'>, user: User) =>
      step(input.dossierId, (f, at, seq) => {
        if (f.review_state !== 'pending') throw notWaiting();
        const findings: NewFinding[] = input.findings.map((x, i) => {
          if (x.pageId === null) return { pageId: null, pagePosition: null, pageSha256: null, reason: x.reason, note: x.note };
          const page = livePage(db, input.dossierId, x.pageId);
          if (!page) throw new AppError('VALIDATION', 'Trang được đánh dấu không còn trong hồ sơ; hãy tải lại hồ sơ.', { [`findings.${i}.pageId`]: 'invalid' });
          return { pageId: x.pageId, pagePosition: page.position, pageSha256: page.sha256, reason: x.reason, note: x.note };
        });
        insertDecision(db, { dossierId: input.dossierId, round: f.review_round, decision: 'returned', pages: f.pages, note: input.note, by: user.id, at }, findings);
        setReviewState(db, input.dossierId, { state: 'returned', round: f.review_round, at, seq });
        // Reasons and pages, not the reviewer's notes (free text may name the applicant).
        appendAudit(db, {
          at,
          userId: user.id,
          action: 'review.sendBack',
          dossierId: input.dossierId,
          details: { round: f.review_round, findings: findings.map((x) => ({ page: x.pagePosition, reason: x.reason })) },
        });
      }),

    resubmit: (dossierId: string, note: string, user: User) =>
      step(dossierId, (f, at, seq) => {
        mustOwnOrLead(f, user);
        if (f.review_state !== 'returned') throw new AppError('CONFLICT', 'Hồ sơ không bị trả lại, không cần gửi duyệt lại.');
        insertDecision(db, { dossierId, round: f.review_round, decision: 'resubmitted', pages: f.pages, note, by: user.id, at });
        setReviewState(db, dossierId, { state: 'pending', round: f.review_round + 1, at, seq });
        appendAudit(db, { at, userId: user.id, action: 'review.resubmit', dossierId, details: { round: f.review_round + 1, pages: f.pages } });
      }),
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
