import { z } from 'zod';
import { admins, anyone, define, done } from './define.js';
import { Holiday, IsoDate } from './schemas.js';

/** Public holidays and the working-day appointment. */
export const calendarCommands = {
  'calendar.holidays': define(anyone, z.object({ year: z.number().int().min(2000).max(2100) }), z.array(Holiday)),
  'calendar.saveHolidays': define(
    admins,
    z.object({ year: z.number().int().min(2000).max(2100), holidays: z.array(Holiday).max(100) }),
    done,
  ),
  /** Appointment preview for the intake form, computed by the same code as on receive. */
  'calendar.appointment': define(
    anyone,
    z.object({ processingDays: z.number().int().min(0).max(365) }),
    z.object({ appointmentAt: z.string(), localDate: IsoDate }),
  ),
} as const;
