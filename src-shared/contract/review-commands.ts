import { z } from 'zod';
import { anyone, define, leads } from './define.js';
import { Id, IsoInstant, ReviewReason, ReviewState } from './schemas.js';

const Note = z
  .string()
  .trim()
  .max(1000, 'text.tooLong')
  .transform((s) => s.normalize('NFC'))
  .optional()
  .default('');

/** One thing wrong: on a page (pageId) or with the dossier as a whole (a missing page: pageId null). */
export const ReviewFindingInput = z.object({ pageId: Id.nullable(), reason: ReviewReason, note: Note });

export const ReviewFinding = z.object({
  pageId: Id.nullable(),
  /** The page's order when the finding was made (a rescanned page is a new page). */
  pagePosition: z.number().int().nullable(),
  reason: ReviewReason,
  note: z.string(),
});
export type ReviewFinding = z.infer<typeof ReviewFinding>;

export const ReviewDecision = z.object({
  id: z.number().int(),
  round: z.number().int(),
  decision: z.enum(['approved', 'returned', 'resubmitted']),
  pages: z.number().int(),
  note: z.string(),
  decidedBy: z.string(),
  decidedByName: z.string(),
  decidedAt: IsoInstant,
  findings: z.array(ReviewFinding),
});
export type ReviewDecision = z.infer<typeof ReviewDecision>;

/** A dossier's review: where it stands and every decision, newest first. */
export const DossierReview = z.object({
  dossierId: Id,
  state: ReviewState,
  round: z.number().int(),
  since: IsoInstant.nullable(),
  decisions: z.array(ReviewDecision),
});
export type DossierReview = z.infer<typeof DossierReview>;

/** Quality review of scanned dossiers (issue 9): a supervisor approves or sends back; the clerk resubmits. */
export const reviewCommands = {
  'review.get': define(anyone, z.object({ dossierId: Id }), DossierReview),
  /** Every page checked and found right. */
  'review.approve': define(leads, z.object({ dossierId: Id, note: Note }), DossierReview),
  /** Back to the clerk with what to fix. */
  'review.sendBack': define(leads, z.object({ dossierId: Id, findings: z.array(ReviewFindingInput).min(1).max(500), note: Note }), DossierReview),
  /** The clerk has fixed it: back in the review queue for the next round. */
  'review.resubmit': define(anyone, z.object({ dossierId: Id, note: Note }), DossierReview),
} as const;
