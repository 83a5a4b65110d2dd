import { AppError } from '../../src-shared/contract/errors.js';
import type { ParsedInput } from '../../src-shared/contract/commands.js';
import type { DossierReview } from '../../src-shared/contract/review-commands.js';
import type { User } from '../../src-shared/contract/schemas.js';
import { auditedChange, type AuditRecord } from '../audit/audited-change.js';
import type { KernelDeps } from '../kernel/deps.js';
import { setReviewState, type FlowRow } from '../workflow/flow-repo.js';
import { flowOrFail, mustOwnOrLead } from '../workflow/workflow-service.js';
import { insertDecision, listDecisions, livePage, type NewFinding } from './review-repo.js';

/**
 * Quality review (issue 9). A received dossier waits for review (review_state 'pending'); a
 * supervisor approves it or sends it back with findings; the clerk fixes it and resubmits, which
 * opens the next round. Each step is one audited change: the state, the decision row, the change
 * sequence (the clerk's list shows it live) and the audit entry.
 */
export function createReviewService({ db, clock }: Pick<KernelDeps, 'db' | 'clock'>) {
  const get = (dossierId: string): DossierReview => {
    const f = flowOrFail(db, dossierId);
    return { dossierId, state: f.review_state, round: f.review_round, since: f.review_at, decisions: listDecisions(db, dossierId) };
  };

  /** One review step on the dossier's current state (read inside the change, so two reviewers cannot both decide). */
  const step = (dossierId: string, user: User, action: string, body: (f: FlowRow, at: string, seq: number) => AuditRecord): DossierReview => {
    auditedChange(db, clock, { userId: user.id, action }, ({ at, seq }) => {
      const f = flowOrFail(db, dossierId);
      if (f.status !== 'received') throw new AppError('CONFLICT', 'review.draft');
      return { audit: body(f, at, seq()) };
    });
    return get(dossierId);
  };

  return {
    get,

    approve: (dossierId: string, note: string, user: User) =>
      step(dossierId, user, 'review.approve', (f, at, seq) => {
        if (f.review_state !== 'pending') throw new AppError('CONFLICT', 'review.notWaiting');
        if (f.pages === 0) throw new AppError('CONFLICT', 'review.noPages');
        insertDecision(db, { dossierId, round: f.review_round, decision: 'approved', pages: f.pages, note, by: user.id, at });
        setReviewState(db, dossierId, { state: 'approved', round: f.review_round, at, seq });
        return { dossierId, details: { round: f.review_round, pages: f.pages } };
      }),

    sendBack: (input: ParsedInput<'review.sendBack'>, user: User) =>
      step(input.dossierId, user, 'review.sendBack', (f, at, seq) => {
        if (f.review_state !== 'pending') throw new AppError('CONFLICT', 'review.notWaiting');
        const findings: NewFinding[] = input.findings.map((x, i) => {
          if (x.pageId === null) return { pageId: null, pagePosition: null, pageSha256: null, reason: x.reason, note: x.note };
          const page = livePage(db, input.dossierId, x.pageId);
          if (!page) throw new AppError('VALIDATION', 'review.pageGone', { [`findings.${i}.pageId`]: 'invalid' });
          return { pageId: x.pageId, pagePosition: page.position, pageSha256: page.sha256, reason: x.reason, note: x.note };
        });
        insertDecision(db, { dossierId: input.dossierId, round: f.review_round, decision: 'returned', pages: f.pages, note: input.note, by: user.id, at }, findings);
        setReviewState(db, input.dossierId, { state: 'returned', round: f.review_round, at, seq });
        // Reasons and pages, not the reviewer's notes (free text may name the applicant).
        return { dossierId: input.dossierId, details: { round: f.review_round, findings: findings.map((x) => ({ page: x.pagePosition, reason: x.reason })) } };
      }),

    resubmit: (dossierId: string, note: string, user: User) =>
      step(dossierId, user, 'review.resubmit', (f, at, seq) => {
        mustOwnOrLead(f, user);
        if (f.review_state !== 'returned') throw new AppError('CONFLICT', 'review.notReturned');
        insertDecision(db, { dossierId, round: f.review_round, decision: 'resubmitted', pages: f.pages, note, by: user.id, at });
        setReviewState(db, dossierId, { state: 'pending', round: f.review_round + 1, at, seq });
        return { dossierId, details: { round: f.review_round + 1, pages: f.pages } };
      }),
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
