import { queueIds, type QueueId, type QueueItem, type QueueSort } from '../../src-shared/contract/queues-commands.js';
import type { ReviewState } from '../../src-shared/contract/schemas.js';
import type { Db } from '../db/open.js';
import { queueDefinitions, queueWhere } from './queue-definitions.js';

/** What every queue query is evaluated against: the desk's review rule, the day's deadline bounds, whose dossiers. */
export type QueueContext = {
  reviewBeforeSync: boolean;
  bounds: { dueFrom: string; dueTo: string; overdueBefore: string };
  /** A clerk's id: only their dossiers; null: every dossier (supervisor, admin, the CLI). */
  assignedTo: string | null;
};

export type QueueFilter = {
  procedureCode?: string | undefined;
  assignedTo?: string | undefined;
  /** Instants: the dossier's date (receipt, or creation of a draft) in [from, to). */
  from?: string | null;
  to?: string | null;
};

export type QueueCount = { count: number; oldestAt: string | null };

function conditions(id: QueueId, ctx: QueueContext, filter: QueueFilter = {}): string {
  const date = queueDefinitions[id].date;
  const parts = [queueWhere(id, ctx.reviewBeforeSync)];
  if (ctx.assignedTo !== null) parts.push('f.assigned_to = @scope');
  if (filter.assignedTo) parts.push('f.assigned_to = @assignedTo');
  if (filter.procedureCode) parts.push('f.procedure_code = @procedureCode');
  if (filter.from) parts.push(`${date} >= @from`);
  if (filter.to) parts.push(`${date} < @to`);
  return parts.join(' AND ');
}

const params = (ctx: QueueContext, filter: QueueFilter = {}) => ({ ...ctx.bounds, scope: ctx.assignedTo, ...filter });

/** The count and oldest item of one queue (exported for the plan checks). */
export function queueCountSql(id: QueueId, ctx: QueueContext): string {
  return `SELECT count(*) AS count, min(${queueDefinitions[id].since}) AS oldestAt FROM dossier_flow f WHERE ${conditions(id, ctx)}`;
}

export function countQueue(db: Db, id: QueueId, ctx: QueueContext): QueueCount {
  return db.prepare(queueCountSql(id, ctx)).get(params(ctx)) as QueueCount;
}

export function countQueues(db: Db, ctx: QueueContext): Record<QueueId, QueueCount> {
  return Object.fromEntries(queueIds.map((id) => [id, countQueue(db, id, ctx)])) as Record<QueueId, QueueCount>;
}

/** The page's order, on the columns of the inner query of queueListSql (`p`). */
function orderBy(sort: QueueSort): string {
  switch (sort) {
    case 'oldest':
      return 'since ASC';
    case 'newest':
      return 'since DESC';
    case 'received':
      return 'day ASC';
    case 'procedure':
      return 'procedure_code ASC, since ASC';
    case 'clerk':
      return 'assigned_name ASC, since ASC';
  }
}

/**
 * One page of a queue (exported for the plan checks). The inner query finds and orders the
 * page on the queue's index alone (its columns, the row id, and the clerk's name from the small
 * users table); only the page's rows are then read from dossier_flow and dossiers. Ordering the
 * whole join instead read every dossier of the queue first: bench:queues measured 105 ms median
 * for "overdue sorted by clerk" at 100,000 dossiers (16,000 overdue).
 */
export function queueListSql(id: QueueId, ctx: QueueContext, filter: QueueFilter, sort: QueueSort): string {
  const { since, date } = queueDefinitions[id];
  return `SELECT f.dossier_id, f.status, f.procedure_code, f.assigned_to, f.created_at, f.received_at, f.appointment_at,
      p.since, f.review_state, f.pages, f.sync_error, f.province_status, d.code, d.applicant_name, d.procedure_name, p.assigned_name
    FROM (SELECT f.rowid AS rid, ${since} AS since, ${date} AS day, f.procedure_code, COALESCE(u.full_name, '') AS assigned_name
            FROM dossier_flow f LEFT JOIN users u ON u.id = f.assigned_to
           WHERE ${conditions(id, ctx, filter)}
           ORDER BY ${orderBy(sort)} LIMIT @limit OFFSET @offset) p
    JOIN dossier_flow f ON f.rowid = p.rid JOIN dossiers d ON d.id = f.dossier_id
    ORDER BY ${orderBy(sort).replace(/(\w+) (ASC|DESC)/g, 'p.$1 $2')}`;
}

type ItemRow = {
  dossier_id: string; status: 'draft' | 'received'; procedure_code: string; assigned_to: string; created_at: string;
  received_at: string | null; appointment_at: string | null; since: string | null; review_state: ReviewState; pages: number;
  sync_error: string | null; province_status: string | null; code: string | null; applicant_name: string; procedure_name: string;
  assigned_name: string;
};

export type ListRequest = QueueFilter & { queue: QueueId; sort: QueueSort; offset: number; limit: number };

export function listQueue(db: Db, q: ListRequest, ctx: QueueContext): { total: number; items: QueueItem[] } {
  const filter: QueueFilter = { procedureCode: q.procedureCode, assignedTo: q.assignedTo, from: q.from ?? null, to: q.to ?? null };
  const p = { ...params(ctx, filter), limit: q.limit, offset: q.offset };
  const { n } = db.prepare(`SELECT count(*) AS n FROM dossier_flow f WHERE ${conditions(q.queue, ctx, filter)}`).get(p) as { n: number };
  const rows = db.prepare(queueListSql(q.queue, ctx, filter, q.sort)).all(p) as ItemRow[];
  return {
    total: n,
    items: rows.map((r) => ({
      dossierId: r.dossier_id,
      code: r.code,
      status: r.status,
      applicantName: r.applicant_name,
      procedureCode: r.procedure_code,
      procedureName: r.procedure_name,
      assignedTo: r.assigned_to,
      assignedName: r.assigned_name,
      createdAt: r.created_at,
      receivedAt: r.received_at,
      appointmentAt: r.appointment_at,
      since: r.since,
      reviewState: r.review_state,
      pages: r.pages,
      syncError: r.sync_error,
      provinceStatus: r.province_status,
    })),
  };
}

/** The queues one dossier is in now. */
export function queuesOfDossier(db: Db, dossierId: string, ctx: QueueContext): QueueId[] {
  const everyone = { ...ctx, assignedTo: null };
  return queueIds.filter(
    (queue) => db.prepare(`SELECT 1 FROM dossier_flow f WHERE f.dossier_id = @dossierId AND ${conditions(queue, everyone)}`).get({ ...params(everyone), dossierId }) !== undefined,
  );
}

/** The queue counter (migration 0010): the checkpoint of the queue counts' replication. */
export function queueCounterSeq(db: Db): number {
  return (db.prepare('SELECT seq FROM queue_counter WHERE id = 1').get() as { seq: number }).seq;
}

/** Makes every renderer count its queues again (the day changed: due today and overdue moved). */
export function bumpQueueCounter(db: Db): void {
  db.prepare('UPDATE queue_counter SET seq = seq + 1 WHERE id = 1').run();
}
