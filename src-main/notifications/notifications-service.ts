import type { User } from '../../src-shared/contract/schemas.js';
import type { KernelDeps } from '../kernel/deps.js';
import { deadlineBounds } from '../queues/deadline-bounds.js';
import { bumpQueueCounter } from '../queues/queues-repo.js';
import { scopeOf } from '../queues/queues-service.js';
import { listNotifications, markRead, notifyDueBetween } from './notifications-repo.js';

/**
 * In-app notifications (issue 9). A supplement request or a result from the province is noted by
 * the triggers that apply the pulled status (migration 0010); "due tomorrow" needs the clock, so
 * `tick` (run at start and every few minutes by the core) notes the open dossiers due on the next
 * working day, and when the local date changed it moves the queue counter: due today and overdue
 * changed with the date, without any write.
 */
export function createNotificationsService({ db, clock, settings }: Pick<KernelDeps, 'db' | 'clock' | 'settings'>) {
  let lastDay: string | null = null;
  return {
    list: (user: User, limit: number) => listNotifications(db, user.id, scopeOf(user), limit),

    markRead(ids: readonly number[], user: User): { done: true } {
      markRead(db, ids, user.id, clock.now().toISOString());
      return { done: true };
    },

    /** Returns how many new notices it wrote. */
    tick(): number {
      const s = settings();
      const now = clock.now();
      const b = deadlineBounds(db, now, s.timeZone);
      return db
        .transaction(() => {
          if (lastDay !== null && lastDay !== b.windows.today) bumpQueueCounter(db);
          lastDay = b.windows.today;
          return notifyDueBetween(db, b.dueNextFrom, b.dueNextTo, b.windows.dueNext.date, now.toISOString());
        })
        .immediate();
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
