import type { ParsedInput } from '../../src-shared/contract/commands.js';
import type { QueueId, QueueItem } from '../../src-shared/contract/queues-commands.js';
import type { Settings, User } from '../../src-shared/contract/schemas.js';
import type { Db } from '../db/open.js';
import type { KernelDeps } from '../kernel/deps.js';
import { dateRange, deadlineBounds } from './deadline-bounds.js';
import { countQueues, listQueue, queuesOfDossier, type QueueContext, type QueueCount } from './queues-repo.js';

/** Whose dossiers a caller's queues hold: a clerk's own; a supervisor's or admin's, every one. */
export const scopeOf = (user: User | null): string | null => (user?.role === 'clerk' ? user.id : null);

/** The context of every queue query at `now`: the desk's review rule and the day's deadline bounds. */
export function queueContext(db: Db, now: Date, settings: Settings, assignedTo: string | null): QueueContext {
  const { dueFrom, dueTo, overdueBefore } = deadlineBounds(db, now, settings.timeZone);
  return { reviewBeforeSync: settings.reviewBeforeSync, bounds: { dueFrom, dueTo, overdueBefore }, assignedTo };
}

export type QueuesService = ReturnType<typeof createQueuesService>;

export function createQueuesService({ db, clock, settings }: Pick<KernelDeps, 'db' | 'clock' | 'settings'>) {
  const context = (user: User | null) => queueContext(db, clock.now(), settings(), scopeOf(user));
  return {
    counts: (user: User | null): Record<QueueId, QueueCount> => countQueues(db, context(user)),

    list(q: ParsedInput<'queues.list'>, user: User): { total: number; items: QueueItem[] } {
      const { from, to } = dateRange(q.from, q.to, settings().timeZone);
      // A clerk's queues are their own work: another clerk's filter would show nothing anyway.
      const assignedTo = scopeOf(user) === null ? q.assignedTo : undefined;
      return listQueue(db, { ...q, assignedTo, from, to }, context(user));
    },

    queuesOf: (dossierId: string): QueueId[] => queuesOfDossier(db, dossierId, context(null)),
  };
}
