import { AppError } from '../../src-shared/contract/errors.js';
import { verifyAudit } from '../audit/audit-log.js';
import { appendAudit } from '../audit/audit-log.js';
import type { Handlers } from '../ipc/handler-types.js';
import { pullDossiers } from '../replication/dossier-feed.js';
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
      db.transaction(() => {
        writeSettings(db, values);
        appendAudit(db, { at: clock.now().toISOString(), userId: ctx.user?.id ?? null, action: 'settings.update', dossierId: null, details: values });
      })();
      return settings();
    },
    'audit.verify': () => verifyAudit(db),
    'replication.pullDossiers': ({ checkpoint, limit }) => pullDossiers(db, checkpoint, limit),
  };
}

export function requireSettings(db: Deps['db']): ReturnType<Deps['settings']> {
  const s = readSettings(db);
  if (!s) throw new AppError('SETUP_REQUIRED');
  return s;
}
