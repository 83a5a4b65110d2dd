import type { QueueId } from '../../src-shared/contract/queues-commands.js';

/**
 * Each queue of the desk as SQL over `dossier_flow f` (migration 0010). `where` is the WHERE of
 * the queue's partial index in that migration, term for term: SQLite uses a partial index only
 * for a query whose WHERE contains the index's terms, so a change here without a new index
 * would silently scan the table (the plan check in tests/integration/queues-plan.test.ts and
 * bench:queues fails then). `since` is the time the item entered the queue, its age; `date`
 * the dossier's date the screen filters on (receipt, or creation for a draft).
 *
 * Parameters: @dueFrom/@dueTo/@overdueBefore, the day's deadline bounds (deadline-bounds.ts).
 */
export type QueueDefinition = { where: string; since: string; date: string; index: string };

/** Held for review while "review before sync" is on (see sync-repo.ts outboxBatch). */
export const heldForReview = "f.review_state IN ('pending', 'returned')";

const received = "f.status = 'received'";
const open = `${received} AND f.closed_at IS NULL`;

export const queueDefinitions: Record<QueueId, QueueDefinition> = {
  drafts: { where: "f.status = 'draft'", since: 'f.created_at', date: 'f.created_at', index: 'flow_q_drafts' },
  missing_components: {
    where: `${received} AND f.pages > 0 AND f.components_missing > 0`,
    since: 'f.received_at',
    date: 'f.received_at',
    index: 'flow_q_missing_components',
  },
  waiting_scan: { where: `${received} AND f.pages = 0`, since: 'f.received_at', date: 'f.received_at', index: 'flow_q_waiting_scan' },
  ocr_pending: { where: 'f.ocr_waiting > 0', since: 'f.ocr_since', date: 'f.received_at', index: 'flow_q_ocr_pending' },
  ocr_failed: { where: 'f.ocr_failed > 0', since: 'f.ocr_since', date: 'f.received_at', index: 'flow_q_ocr_failed' },
  waiting_review: {
    where: "f.review_state = 'pending' AND f.pages > 0 AND f.components_missing = 0",
    since: 'f.review_at',
    date: 'f.received_at',
    index: 'flow_q_waiting_review',
  },
  sent_back: { where: "f.review_state = 'returned'", since: 'f.review_at', date: 'f.received_at', index: 'flow_q_sent_back' },
  ready_to_sync: { where: 'f.sync_since IS NOT NULL AND f.sync_error IS NULL', since: 'f.sync_since', date: 'f.received_at', index: 'flow_q_ready_to_sync' },
  sync_failed: { where: 'f.sync_error IS NOT NULL', since: 'f.sync_since', date: 'f.received_at', index: 'flow_q_sync_failed' },
  supplement_requested: {
    where: "f.province_status = 'supplement_requested' AND f.closed_at IS NULL",
    since: 'f.province_at',
    date: 'f.received_at',
    index: 'flow_q_supplement',
  },
  result_ready: {
    where: "f.province_status IN ('completed', 'result_returned', 'rejected') AND f.closed_at IS NULL",
    since: 'f.province_at',
    date: 'f.received_at',
    index: 'flow_q_result_ready',
  },
  due_today: {
    where: `${open} AND f.appointment_at >= @dueFrom AND f.appointment_at < @dueTo`,
    since: 'f.appointment_at',
    date: 'f.received_at',
    index: 'flow_q_open_by_appointment',
  },
  overdue: { where: `${open} AND f.appointment_at < @overdueBefore`, since: 'f.appointment_at', date: 'f.received_at', index: 'flow_q_open_by_appointment' },
};

/** The queue's condition for this desk: "ready to sync" leaves out held dossiers while review comes first. */
export function queueWhere(id: QueueId, reviewBeforeSync: boolean): string {
  const { where } = queueDefinitions[id];
  return id === 'ready_to_sync' && reviewBeforeSync ? `${where} AND NOT (${heldForReview})` : where;
}
