import type { Settings } from '../../src-shared/contract/schemas.js';
import { addDays, toLocal } from '../../src-shared/domain/local-time.js';
import { computeAppointment, type Appointment } from '../../src-shared/domain/working-days.js';
import type { Db } from '../db/open.js';
import { loadCalendar } from './holidays-repo.js';

/** The appointment for a dossier received at `receivedAt`, from the desk's settings and holiday table. */
export function appointmentFor(db: Db, settings: Settings, receivedAt: Date, processingDays: number): Appointment {
  const today = toLocal(receivedAt, settings.timeZone).date;
  const calendar = loadCalendar(db, addDays(today, -1));
  return computeAppointment(receivedAt, processingDays, settings, calendar);
}
