import type { calendarCommands } from '../../src-shared/contract/calendar-commands.js';
import { callerOf, type HandlersOf } from '../ipc/handler-types.js';
import type { CalendarService } from './calendar-service.js';

export function calendarHandlers(calendar: CalendarService): HandlersOf<typeof calendarCommands> {
  return {
    'calendar.holidays': ({ year }) => calendar.holidays(year),
    'calendar.saveHolidays': ({ year, holidays }, ctx) => {
      calendar.saveHolidays(year, holidays, callerOf(ctx).id);
      return { done: true };
    },
    'calendar.appointment': ({ processingDays }) => calendar.appointment(processingDays),
  };
}
