import type { Settings } from '../../src-shared/contract/schemas.js';
import type { SyncOptions } from '../../src-shared/contract/sync-commands.js';
import { auditedChange } from '../audit/audited-change.js';
import { writeScheduleOptions } from '../backup/backup-repo.js';
import type { Db } from '../db/open.js';
import type { Clock } from '../kernel/clock.js';
import type { LoadedConfig } from '../kernel/config.js';
import type { Logger } from '../kernel/logger.js';
import { readSettings, writeSettings } from '../settings/settings-repo.js';
import { writeSyncOptions } from '../sync/sync-options.js';
import { configDrift, type ConfigDrift } from './config-drift.js';

/**
 * Start-up: the config values that map onto a desk setting (idle lock, reception point), a sync
 * option (proxy, retention) or the backup schedule (folder, how many kept) are written into the database, in one audited transaction, so
 * every reader sees them. Returns what could not be applied (the doctor shows it too).
 */
export function applyMachineConfig(db: Db, clock: Clock, config: LoadedConfig, logger: Logger): ConfigDrift[] {
  const drift = configDrift(db, config);
  const apply = drift.filter((d) => d.blocked === null);
  const blocked = drift.filter((d) => d.blocked !== null);
  for (const d of blocked) logger.warn('config value not applied', { key: d.key, reason: d.blocked });
  if (apply.length === 0) return blocked;
  auditedChange(db, clock, { userId: null, action: 'config.apply' }, () => {
    const current = readSettings(db);
    const settings: Partial<Settings> = {};
    const options: Partial<SyncOptions> = {};
    for (const d of apply) {
      if (d.key === 'idleLockMinutes') settings.idleLockMinutes = d.config as number;
      else if (d.key.startsWith('receptionPoint.') && current) {
        settings.receptionPoint = { ...(settings.receptionPoint ?? current.receptionPoint), [d.key.slice('receptionPoint.'.length)]: d.config };
      } else if (d.key === 'proxyUrl') options.proxyUrl = d.config as string | null;
      else if (d.key === 'retentionDays') options.retentionDays = d.config as number | null;
      else if (d.key === 'backupFolder') writeScheduleOptions(db, { folder: d.config as string });
      else if (d.key === 'backupKeep') writeScheduleOptions(db, { keep: d.config as number });
    }
    if (Object.keys(settings).length > 0) writeSettings(db, settings);
    if (Object.keys(options).length > 0) writeSyncOptions(db, options);
    return { audit: { dossierId: null, details: { keys: apply.map((d) => d.key), files: [...new Set(apply.map((d) => config.sources[d.key]))] } } };
  });
  logger.info('config applied', { keys: apply.map((d) => d.key) });
  return blocked;
}
