import { addDays, fromLocal, minutesOf, toLocal, weekday } from './local-time.js';

/**
 * Working-day arithmetic for appointment dates (DOMAIN.md, "Forms and desk rules").
 * Saturdays and Sundays are off unless the calendar marks them 'working' (a Saturday
 * worked to compensate a bridged holiday); dates marked 'holiday' are off. The calendar
 * is data (holidays table, edited by an admin), never code.
 */

export type DayKind = 'holiday' | 'working';
/** Local date 'YYYY-MM-DD' → kind, for the dates that differ from the weekly rule. */
export type WorkCalendar = ReadonlyMap<string, DayKind>;

export function isWorkingDay(date: string, calendar: WorkCalendar): boolean {
  const marked = calendar.get(date);
  if (marked === 'holiday') return false;
  if (marked === 'working') return true;
  const wd = weekday(date);
  return wd !== 0 && wd !== 6;
}

/** The given date if it is a working day, else the next one. */
export function nextWorkingDayFrom(date: string, calendar: WorkCalendar): string {
  let d = date;
  // A year of consecutive days off cannot happen; the bound only stops a corrupt calendar looping forever.
  for (let i = 0; i < 366; i++) {
    if (isWorkingDay(d, calendar)) return d;
    d = addDays(d, 1);
  }
  throw new Error(`No working day within a year after ${date}: check the holiday calendar`);
}

/** `days` working days after `start` (start itself not counted); 0 gives `start`. */
export function addWorkingDays(start: string, days: number, calendar: WorkCalendar): string {
  let d = start;
  for (let left = days; left > 0; left--) d = nextWorkingDayFrom(addDays(d, 1), calendar);
  return d;
}

export type AppointmentRules = {
  /** Received strictly after this local time ('HH:MM') counts from the next working day. */
  cutoffTime: string;
  /** Local time of day printed as the appointment time. */
  returnTime: string;
  timeZone: string;
};

export type Appointment = {
  /** The working day the processing time counts from. */
  startDate: string;
  /** The local return date. */
  localDate: string;
  /** The return instant (returnTime on localDate in the desk's zone), ISO-8601 UTC. */
  appointmentAt: string;
};

/**
 * When the result is due. Start day: the local receipt date, or the next working day
 * when received after the cutoff (15:00:00 exactly still counts the same day) or on a
 * day off. Same-day procedures (processingDays 0) return on the start day; otherwise
 * the start day plus N working days.
 */
export function computeAppointment(receivedAt: Date, processingDays: number, rules: AppointmentRules, calendar: WorkCalendar): Appointment {
  if (!Number.isInteger(processingDays) || processingDays < 0) throw new RangeError('processingDays must be a whole number ≥ 0');
  const local = toLocal(receivedAt, rules.timeZone);
  const received = minutesOf(local.time) * 60 + local.seconds;
  const afterCutoff = received > minutesOf(rules.cutoffTime) * 60;
  const first = afterCutoff ? addDays(local.date, 1) : local.date;
  const startDate = nextWorkingDayFrom(first, calendar);
  const localDate = addWorkingDays(startDate, processingDays, calendar);
  return { startDate, localDate, appointmentAt: fromLocal(localDate, rules.returnTime, rules.timeZone).toISOString() };
}
