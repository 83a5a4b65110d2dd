import { AppError } from '../../src-shared/contract/errors.js';
import type { Holiday } from '../../src-shared/contract/schemas.js';
import { holidayYearIssues } from '../../src-shared/domain/holiday-year.js';
import { auditedChange } from '../audit/audited-change.js';
import type { KernelDeps } from '../kernel/deps.js';
import { appointmentFor } from './appointment.js';
import { listHolidays, replaceHolidays } from './holidays-repo.js';

/** The holiday table (admin-kept, audited) and the appointment date it gives. */
export function createCalendarService({ db, clock, settings }: Pick<KernelDeps, 'db' | 'clock' | 'settings'>) {
  return {
    holidays: (year: number) => listHolidays(db, year),

    saveHolidays(year: number, holidays: Holiday[], actorId: string): void {
      const fields = holidayYearIssues(year, holidays);
      if (Object.keys(fields).length > 0) {
        throw new AppError('VALIDATION', { key: 'calendar.badHolidayYear', params: { year } }, fields);
      }
      auditedChange(db, clock, { userId: actorId, action: 'calendar.saveHolidays' }, () => {
        replaceHolidays(db, year, holidays);
        return { audit: { dossierId: null, details: { year, days: holidays.length } } };
      });
    },

    /** The appointment a dossier received now would get. */
    appointment(processingDays: number) {
      const a = appointmentFor(db, settings(), clock.now(), processingDays);
      return { appointmentAt: a.appointmentAt, localDate: a.localDate };
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
