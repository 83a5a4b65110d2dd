import { AppError } from '../../src-shared/contract/errors.js';
import type { Settings } from '../../src-shared/contract/schemas.js';
import { auditedChange } from '../audit/audited-change.js';
import { refuseLockedChanges } from '../kernel/config.js';
import type { KernelDeps } from '../kernel/deps.js';
import { readSettings, writeSettings } from './settings-repo.js';

export type SettingsDeps = Pick<KernelDeps, 'db' | 'clock' | 'settings' | 'config'> & {
  /** Whether the desk is enrolled with the province (sync's, given by the root). */
  isEnrolled: () => boolean;
};

/** The desk's settings; an admin's changes are audited. */
export function createSettingsService({ db, clock, settings, config, isEnrolled }: SettingsDeps) {
  return {
    get: () => settings(),

    update(values: Partial<Settings>, actorId: string | null): Settings {
      auditedChange(db, clock, { userId: actorId, action: 'settings.update' }, () => {
        refuseLockedChanges(config, changedKeys(values, settings()));
        refuseEnrolledIdentityChange(values, isEnrolled() ? readSettings(db) : null);
        writeSettings(db, values);
        return { audit: { dossierId: null, details: values } };
      });
      return settings();
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;

/** The setting keys (reception point fields on their own, as config keys name them) a change would alter. */
export function changedKeys(values: Partial<Settings>, current: Settings): string[] {
  const keys: string[] = [];
  for (const [key, value] of Object.entries(values) as [keyof Settings, unknown][]) {
    if (value === undefined) continue;
    if (key === 'receptionPoint') {
      const rp = value as Settings['receptionPoint'];
      for (const field of Object.keys(rp) as (keyof Settings['receptionPoint'])[]) {
        if (rp[field] !== current.receptionPoint[field]) keys.push(`receptionPoint.${field}`);
      }
    } else if (JSON.stringify(value) !== JSON.stringify(current[key])) keys.push(key);
  }
  return keys;
}

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
