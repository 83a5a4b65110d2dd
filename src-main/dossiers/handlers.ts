import { AppError } from '../../src-shared/contract/errors.js';
import type { User } from '../../src-shared/contract/schemas.js';
import { toLocal } from '../../src-shared/domain/local-time.js';
import { holidayYearIssues } from '../../src-shared/domain/holiday-year.js';
import { errorMessages } from '../../src-shared/i18n/messages.js';
import type { Deps } from '../app/deps.js';
import { auditedChange } from '../audit/audited-change.js';
import { appointmentFor } from '../calendar/appointment.js';
import { listHolidays, replaceHolidays } from '../calendar/holidays-repo.js';
import { listProcedures } from '../catalog/catalog-repo.js';
import type { CallContext, Handlers } from '../ipc/handler-types.js';
import { createDossier, dossierOrFail, receiveDossier, updateDossier } from './dossier-service.js';

type DossierHandlers = Pick<
  Handlers,
  | 'catalog.procedures'
  | 'dossiers.create'
  | 'dossiers.update'
  | 'dossiers.receive'
  | 'dossiers.get'
  | 'calendar.holidays'
  | 'calendar.saveHolidays'
  | 'calendar.appointment'
>;

/** The dispatcher has checked the role, so a user is always there for these commands. */
const caller = (ctx: CallContext): User => {
  if (!ctx.user) throw new AppError('UNAUTHENTICATED');
  return ctx.user;
};

/** Catalog, dossier drafts and receiving, and the working-day calendar. Logic lives in dossier-service and src-shared/domain. */
export function dossierHandlers(deps: Deps): DossierHandlers {
  const { db, clock, settings } = deps;
  return {
    'catalog.procedures': () => listProcedures(db, toLocal(clock.now(), settings().timeZone).date),
    'dossiers.create': (input, ctx) => createDossier(deps, input, caller(ctx)),
    'dossiers.update': ({ id, draft }, ctx) => updateDossier(deps, id, draft, caller(ctx)),
    'dossiers.receive': ({ id }, ctx) => receiveDossier(deps, id, caller(ctx)),
    'dossiers.get': ({ id }) => dossierOrFail(db, id),
    'calendar.holidays': ({ year }) => listHolidays(db, year),
    'calendar.saveHolidays'({ year, holidays }, ctx) {
      const fields = holidayYearIssues(year, holidays);
      if (Object.keys(fields).length > 0) {
        throw new AppError('VALIDATION', `${errorMessages.vi.VALIDATION} Mỗi ngày chỉ khai một lần và phải thuộc năm ${year}.`, fields);
      }
      const user = caller(ctx);
      auditedChange(db, clock, { userId: user.id, action: 'calendar.saveHolidays' }, () => {
        replaceHolidays(db, year, holidays);
        return { audit: { dossierId: null, details: { year, days: holidays.length } } };
      });
      return { done: true } as const;
    },
    'calendar.appointment'({ processingDays }) {
      const a = appointmentFor(db, settings(), clock.now(), processingDays);
      return { appointmentAt: a.appointmentAt, localDate: a.localDate };
    },
  };
}
