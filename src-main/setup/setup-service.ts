import { randomUUID } from 'node:crypto';
import { AppError } from '../../src-shared/contract/errors.js';
import type { ReceptionPoint } from '../../src-shared/contract/schemas.js';
import { auditedChange } from '../audit/audited-change.js';
import type { KernelDeps } from '../kernel/deps.js';
import { defaultSettings, initSettings, readSettings } from '../settings/settings-repo.js';
import { hashPassword } from '../users/password.js';
import { insertUser, userCount } from '../users/users-repo.js';

/** IT's config files give the idle lock and any reception point fields they set (those win over the form). */
export type SetupDeps = Pick<KernelDeps, 'db' | 'clock' | 'version' | 'config'>;

export type FirstAdmin = { username: string; fullName: string; password: string };

/** The desk's first-run setup: its reception point and first admin, once. */
export function createSetupService({ db, clock, version, config }: SetupDeps) {
  return {
    status() {
      const s = readSettings(db);
      return { version, needsSetup: s === null, receptionPoint: s?.receptionPoint ?? null };
    },

    async init(entered: ReceptionPoint, admin: FirstAdmin): Promise<void> {
      const receptionPoint = { ...entered, ...config.values.receptionPoint };
      const idleLockMinutes = config.values.idleLockMinutes ?? defaultSettings.idleLockMinutes;
      const passwordHash = await hashPassword(admin.password);
      const id = randomUUID();
      auditedChange(db, clock, { userId: id, action: 'setup.init' }, ({ at }) => {
        // Checked again inside the transaction: two windows racing through setup get one admin.
        if (userCount(db) > 0) throw new AppError('SETUP_DONE');
        insertUser(db, { id, username: admin.username, fullName: admin.fullName, role: 'admin', passwordHash, createdAt: at });
        initSettings(db, receptionPoint, { idleLockMinutes });
        return { audit: { dossierId: null, details: { receptionPoint, admin: admin.username } } };
      });
    },
  };
}

export type SetupService = ReturnType<typeof createSetupService>;
