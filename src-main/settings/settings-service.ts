import { AppError } from '../../src-shared/contract/errors.js';
import type { Settings } from '../../src-shared/contract/schemas.js';
import { auditedChange } from '../audit/audited-change.js';
import type { KernelDeps } from '../kernel/deps.js';
import { readSettings, writeSettings } from './settings-repo.js';

export type SettingsDeps = Pick<KernelDeps, 'db' | 'clock' | 'settings'> & {
  /** Whether the desk is enrolled with the province (sync's, given by the root). */
  isEnrolled: () => boolean;
};

/** The desk's settings; an admin's changes are audited. */
export function createSettingsService({ db, clock, settings, isEnrolled }: SettingsDeps) {
  return {
    get: () => settings(),

    update(values: Partial<Settings>, actorId: string | null): Settings {
      auditedChange(db, clock, { userId: actorId, action: 'settings.update' }, () => {
        refuseEnrolledIdentityChange(values, isEnrolled() ? readSettings(db) : null);
        writeSettings(db, values);
        return { audit: { dossierId: null, details: values } };
      });
      return settings();
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;

/**
 * Once the desk is enrolled (`current` given), its slot, block size and unit code come from the
 * province: an admin changing them here could step into another desk's number range and issue
 * colliding dossier codes. Re-enrolling is the way to change them.
 */
function refuseEnrolledIdentityChange(values: Partial<Settings>, current: Settings | null): void {
  if (!current) return;
  const changed =
    (values.deskSlot !== undefined && values.deskSlot !== current.deskSlot) ||
    (values.slotBlockSize !== undefined && values.slotBlockSize !== current.slotBlockSize) ||
    (values.receptionPoint !== undefined && values.receptionPoint.agencyCode !== current.receptionPoint.agencyCode);
  if (changed) {
    throw new AppError('FORBIDDEN', 'settings.enrolledIdentity');
  }
}
