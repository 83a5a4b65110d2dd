import { deadlineWindows, type DeadlineWindows } from '../../src-shared/domain/deadlines.js';
import { addDays, fromLocal, toLocal } from '../../src-shared/domain/local-time.js';
import { loadCalendar } from '../calendar/holidays-repo.js';
import type { Db } from '../db/open.js';

/** The day's deadline windows as instants (local midnights), the parameters of the deadline queues. */
export type DeadlineBounds = {
  windows: DeadlineWindows;
  overdueBefore: string;
  dueFrom: string;
  dueTo: string;
  dueNextFrom: string;
  dueNextTo: string;
};

/**
 * Days off before today matter too (the last working day before today): Tết and the days bridged
 * to it are at most about ten, so two months back is plenty.
 */
const LOOK_BACK_DAYS = 60;

export function deadlineBounds(db: Db, now: Date, timeZone: string): DeadlineBounds {
  const today = toLocal(now, timeZone).date;
  const windows = deadlineWindows(today, loadCalendar(db, addDays(today, -LOOK_BACK_DAYS)));
  const at = (date: string) => fromLocal(date, '00:00', timeZone).toISOString();
  const overdueBefore = at(windows.overdueBefore);
  // On a day off nothing is due today: an empty range.
  const due = windows.dueToday ? { dueFrom: at(windows.dueToday.from), dueTo: at(windows.dueToday.to) } : { dueFrom: overdueBefore, dueTo: overdueBefore };
  return { windows, overdueBefore, ...due, dueNextFrom: at(windows.dueNext.from), dueNextTo: at(windows.dueNext.to) };
}

/** Local dates → the instants a date filter compares with: [from 00:00, the day after `to` 00:00). */
export function dateRange(from: string | undefined, to: string | undefined, timeZone: string): { from: string | null; to: string | null } {
  return {
    from: from ? fromLocal(from, '00:00', timeZone).toISOString() : null,
    to: to ? fromLocal(addDays(to, 1), '00:00', timeZone).toISOString() : null,
  };
}
