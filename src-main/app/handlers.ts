import { AppError } from '../../src-shared/contract/errors.js';
import type { Settings } from '../../src-shared/contract/schemas.js';
import { verifyAudit } from '../audit/audit-log.js';
import { auditedChange } from '../audit/audited-change.js';
import type { Handlers } from '../ipc/handler-types.js';
import { pullDossiers } from '../replication/dossier-feed.js';
import { readSyncConfig } from '../sync/enroll.js';
import type { Deps } from './deps.js';
import { readSettings, writeSettings } from './settings.js';

type AppHandlers = Pick<Handlers, 'app.info' | 'settings.get' | 'settings.update' | 'audit.verify' | 'replication.pullDossiers'>;

export function appHandlers({ db, clock, settings, version }: Deps): AppHandlers {
  return {
    'app.info'() {
      const s = readSettings(db);
      return { version, needsSetup: s === null, receptionPoint: s?.receptionPoint ?? null };
    },
    'settings.get': () => settings(),
    'settings.update'(values, ctx) {
      auditedChange(db, clock, { userId: ctx.user?.id ?? null, action: 'settings.update' }, () => {
        refuseEnrolledIdentityChange(db, values);
        writeSettings(db, values);
        return { audit: { dossierId: null, details: values } };
      });
      return settings();
    },
    'audit.verify': () => verifyAudit(db),
    'replication.pullDossiers': ({ checkpoint, limit }) => pullDossiers(db, checkpoint, limit),
  };
}

/**
 * Once the desk is enrolled, its slot, block size and unit code come from the province: an
 * admin changing them here could step into another desk's number range and issue colliding
 * dossier codes. Re-enrolling is the way to change them.
 */
function refuseEnrolledIdentityChange(db: Deps['db'], values: Partial<Settings>): void {
  if (readSyncConfig(db) === null) return;
  const current = readSettings(db);
  if (!current) return;
  const changed =
    (values.deskSlot !== undefined && values.deskSlot !== current.deskSlot) ||
    (values.slotBlockSize !== undefined && values.slotBlockSize !== current.slotBlockSize) ||
    (values.receptionPoint !== undefined && values.receptionPoint.agencyCode !== current.receptionPoint.agencyCode);
  if (changed) {
    throw new AppError(
      'FORBIDDEN',
      'Máy đã đăng ký với tỉnh: số máy, khối số và mã đơn vị do tỉnh cấp, không sửa ở đây. Hãy đăng ký lại nếu cần đổi.',
    );
  }
}

export function requireSettings(db: Deps['db']): ReturnType<Deps['settings']> {
  const s = readSettings(db);
  if (!s) throw new AppError('SETUP_REQUIRED');
  return s;
}
