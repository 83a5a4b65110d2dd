import { z } from 'zod';
import { anyone, define } from './define.js';
import { Id, IsoDate, IsoInstant, ReviewState } from './schemas.js';

/**
 * The desk's work queues (issue 9). A dossier may be in several at once (waiting for review and
 * due today); a clerk sees the queues of their own dossiers, a supervisor or admin every dossier's.
 * Counts reach the renderer through the RxDB read model (replication.pullQueues); a queue's
 * items are read a page at a time with queues.list.
 */
export const queueIds = [
  'drafts',
  'missing_components',
  'waiting_scan',
  'ocr_pending',
  'ocr_failed',
  'waiting_review',
  'sent_back',
  'ready_to_sync',
  'sync_failed',
  'supplement_requested',
  'result_ready',
  'due_today',
  'overdue',
] as const;
export const QueueId = z.enum(queueIds);
export type QueueId = z.infer<typeof QueueId>;

/** One queue's count and the age of its oldest item (RxDB document of the `queues` collection). */
export const QueueSummary = z.object({
  id: QueueId,
  count: z.number().int().min(0),
  /** When the oldest item entered the queue (for due today and overdue: its appointment); null when empty. */
  oldestAt: IsoInstant.nullable(),
  /** The queue counter when counted; the replication checkpoint. */
  seq: z.number().int(),
  _deleted: z.boolean(),
});
export type QueueSummary = z.infer<typeof QueueSummary>;

/** oldest/newest: by the time the item entered the queue; received: by receipt date; procedure, clerk: grouped, oldest first. */
export const QueueSort = z.enum(['oldest', 'newest', 'received', 'procedure', 'clerk']);
export type QueueSort = z.infer<typeof QueueSort>;

export const QueueItem = z.object({
  dossierId: Id,
  code: z.string().nullable(),
  status: z.enum(['draft', 'received']),
  applicantName: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  assignedTo: z.string(),
  assignedName: z.string(),
  createdAt: IsoInstant,
  receivedAt: IsoInstant.nullable(),
  appointmentAt: IsoInstant.nullable(),
  /** When it entered this queue (the age shown). */
  since: IsoInstant.nullable(),
  reviewState: ReviewState,
  pages: z.number().int(),
  /** Why the last push failed (sync failed queue). */
  syncError: z.string().nullable(),
  provinceStatus: z.string().nullable(),
});
export type QueueItem = z.infer<typeof QueueItem>;

export const QueueQuery = z.object({
  queue: QueueId,
  procedureCode: z.string().trim().min(1).max(40).optional(),
  /** A clerk's id; a clerk always sees their own. */
  assignedTo: Id.optional(),
  /** Received (drafts: created) on or after / on or before these local dates. */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  sort: QueueSort.default('oldest'),
  offset: z.number().int().min(0).max(1_000_000).default(0),
  limit: z.number().int().min(1).max(200).default(50),
});

export const queuesCommands = {
  /** One page of a queue's items, filtered and sorted, with the filtered total. */
  'queues.list': define(anyone, QueueQuery, z.object({ total: z.number().int(), items: z.array(QueueItem) })),
} as const;
