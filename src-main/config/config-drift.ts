import { readSchedule } from '../backup/backup-repo.js';
import type { Db } from '../db/open.js';
import type { LoadedConfig } from '../kernel/config.js';
import { readSettings } from '../settings/settings-repo.js';
import { readSyncConfig } from '../sync/enroll.js';
import { readSyncOptions } from '../sync/sync-options.js';

/** Where the desk's stored value differs from IT's config, and whether start-up may apply it. */
export type ConfigDrift = {
  key: string;
  desk: unknown;
  config: unknown;
  /** Null when it is applied at start; else why it cannot be (Vietnamese). */
  blocked: string | null;
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The config values that map onto a desk setting, a sync option or the backup schedule and differ from what the
 * database holds. Start-up applies those not blocked; the doctor reports the rest.
 */
export function configDrift(db: Db, config: LoadedConfig): ConfigDrift[] {
  const v = config.values;
  const out: ConfigDrift[] = [];
  const settings = readSettings(db);
  if (settings) {
    if (v.idleLockMinutes !== undefined && v.idleLockMinutes !== settings.idleLockMinutes) {
      out.push({ key: 'idleLockMinutes', desk: settings.idleLockMinutes, config: v.idleLockMinutes, blocked: null });
    }
    const enrolled = readSyncConfig(db);
    for (const [field, value] of Object.entries(v.receptionPoint ?? {}) as [keyof typeof settings.receptionPoint, string][]) {
      const desk = settings.receptionPoint[field];
      if (value === desk) continue;
      // Dossier codes carry the unit code the province enrolled the desk under (enroll.ts).
      const blocked =
        field === 'agencyCode' && enrolled
          ? `Máy đã đăng ký với tỉnh theo mã đơn vị ${desk}; mã trong cấu hình (${value}) chỉ có hiệu lực khi đăng ký lại máy.`
          : null;
      out.push({ key: `receptionPoint.${field}`, desk, config: value, blocked });
    }
  }
  const options = readSyncOptions(db);
  if (v.proxyUrl !== undefined && !same(v.proxyUrl, options.proxyUrl)) out.push({ key: 'proxyUrl', desk: options.proxyUrl, config: v.proxyUrl, blocked: null });
  if (v.retentionDays !== undefined && !same(v.retentionDays, options.retentionDays)) {
    out.push({ key: 'retentionDays', desk: options.retentionDays, config: v.retentionDays, blocked: null });
  }
  const schedule = readSchedule(db);
  if (v.backupFolder !== undefined && v.backupFolder !== schedule.folder) out.push({ key: 'backupFolder', desk: schedule.folder, config: v.backupFolder, blocked: null });
  if (v.backupKeep !== undefined && v.backupKeep !== schedule.keep) out.push({ key: 'backupKeep', desk: schedule.keep, config: v.backupKeep, blocked: null });
  return out;
}
