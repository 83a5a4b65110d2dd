import type { reviewCommands } from '../../src-shared/contract/review-commands.js';
import { callerOf, type HandlersOf } from '../ipc/handler-types.js';
import type { ReviewService } from './review-service.js';

/** Quality review; the rules live in review-service. */
export function reviewHandlers(review: ReviewService): HandlersOf<typeof reviewCommands> {
  return {
    'review.get': ({ dossierId }) => review.get(dossierId),
    'review.approve': ({ dossierId, note }, ctx) => review.approve(dossierId, note, callerOf(ctx)),
    'review.sendBack': (input, ctx) => review.sendBack(input, callerOf(ctx)),
    'review.resubmit': ({ dossierId, note }, ctx) => review.resubmit(dossierId, note, callerOf(ctx)),
  };
}
