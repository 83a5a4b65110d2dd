import { addDays } from './local-time.js';
import { isWorkingDay, nextWorkingDayFrom, type WorkCalendar } from './working-days.js';

/**
 * Which appointment dates are due today, due on the next working day, or overdue, in local
 * dates ('YYYY-MM-DD'). A result promised for a day that turned out not to be a working day (a
 * holiday added after the receipt was printed) is due on the next working day, as a legal time
 * limit ending on a day off ends on the next working day (Civil Code 2015, Art. 148). So a
 * dossier is due on D = the first working day on or after its appointment date, and:
 *
 *   overdue      D < today            ⇔ appointment date < overdueBefore
 *   due today    D = today            ⇔ dueToday.from ≤ appointment date < dueToday.to
 *   due next     D = next working day ⇔ dueNext.from ≤ appointment date < dueNext.to
 *
 * Ranges are half-open so that main turns them into instants at local midnight.
 */
export type DeadlineWindows = {
  today: string;
  /** The first appointment date that is not overdue today (the day after the last working day before today). */
  overdueBefore: string;
  /** Null on a day off: nothing is due on a day nobody works. */
  dueToday: { from: string; to: string } | null;
  /** The next working day after today and the appointment dates due on it. */
  dueNext: { date: string; from: string; to: string };
};

/** The last working day strictly before `date`. */
export function lastWorkingDayBefore(date: string, calendar: WorkCalendar): string {
  let d = addDays(date, -1);
  // As in nextWorkingDayFrom: a year without a working day means a corrupt calendar, not a loop.
  for (let i = 0; i < 366; i++) {
    if (isWorkingDay(d, calendar)) return d;
    d = addDays(d, -1);
  }
  throw new Error(`No working day within a year before ${date}: check the holiday calendar`);
}

export function deadlineWindows(today: string, calendar: WorkCalendar): DeadlineWindows {
  const overdueBefore = addDays(lastWorkingDayBefore(today, calendar), 1);
  const next = nextWorkingDayFrom(addDays(today, 1), calendar);
  return {
    today,
    overdueBefore,
    dueToday: isWorkingDay(today, calendar) ? { from: overdueBefore, to: addDays(today, 1) } : null,
    dueNext: { date: next, from: addDays(lastWorkingDayBefore(next, calendar), 1), to: addDays(next, 1) },
  };
}

/** The working day a result promised for `appointmentDate` is due on. */
export function dueDate(appointmentDate: string, calendar: WorkCalendar): string {
  return nextWorkingDayFrom(appointmentDate, calendar);
}
