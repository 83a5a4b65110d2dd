import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupStatus, BackupSummary } from '../../src-shared/contract/backup-commands.js';
import { AppError } from '../../src-shared/contract/errors.js';
import { loadMigrations } from '../db/migrate.js';
import type { Db } from '../db/open.js';
import type { Clock } from '../kernel/clock.js';
import { refuseLockedChanges, type LoadedConfig } from '../kernel/config.js';
import type { Logger } from '../kernel/logger.js';
import type { PageStore } from '../pages/page-store.js';
import { Manifest, manifestName, scheduledName } from './backup-format.js';
import { readSchedule, recordScheduledRun, writeScheduleOptions } from './backup-repo.js';
import { CHECK_EVERY_MS, FIRST_CHECK_MS, pruneBackups, scheduledBackupDue, scheduledBackups } from './backup-schedule.js';
import { cancelPendingRestore, pendingRestore, stageRestore } from './restore-backup.js';
import { verifyBackup } from './verify-backup.js';
import { writeBackup, type BackupResult } from './write-backup.js';

export type BackupDeps = {
  db: Db;
  store: PageStore;
  clock: Clock;
  logger: Logger;
  version: string;
  dataDir: string;
  migrationsDir: string;
  config: LoadedConfig;
};

/** Database pages per step of the online backup from the app's own connection: 4 MiB, a few ms each. */
const PAGES_PER_STEP = 1024;

export function summarize(dir: string, m: Manifest): BackupSummary {
  return {
    dir,
    createdAt: m.createdAt,
    appVersion: m.appVersion,
    schemaVersion: m.schemaVersion,
    dossiers: m.counts.dossiers,
    pages: m.counts.pages,
    files: m.files.length,
    bytes: m.database.bytes + m.files.reduce((n, f) => n + f.bytes, 0),
    missing: m.missing.length,
  };
}

function readManifest(dir: string): Manifest | null {
  try {
    return Manifest.parse(JSON.parse(readFileSync(join(dir, manifestName), 'utf8')));
  } catch {
    return null;
  }
}

/** Backups while the desk works, the daily schedule (started with the app), and staging a restore. */
export function createBackupService(deps: BackupDeps) {
  const { db, clock, logger } = deps;
  const appSchema = () => loadMigrations(deps.migrationsDir).at(-1)?.version ?? 0;
  let running: Promise<BackupResult> | null = null;
  let timer: NodeJS.Timeout | null = null;

  const backupInto = (folder: string): Promise<BackupResult> => {
    if (running) throw new AppError('CONFLICT', 'backup.busy');
    const started = clock.now();
    running = writeBackup(
      { db, store: deps.store, clock, appVersion: deps.version, pagesPerStep: PAGES_PER_STEP },
      join(folder, scheduledName(started)),
    ).finally(() => (running = null));
    return running.then((r) => {
      logger.info('backup written', { dir: r.dir, files: r.manifest.files.length, missing: r.manifest.missing.length, ms: clock.now().getTime() - started.getTime() });
      return r;
    });
  };

  const runScheduled = async (): Promise<void> => {
    const schedule = readSchedule(db);
    if (running || !schedule.folder || !scheduledBackupDue(schedule, clock.now())) return;
    const at = clock.now().toISOString();
    try {
      await backupInto(schedule.folder);
      recordScheduledRun(db, at, null);
      const removed = await pruneBackups(schedule.folder, schedule.keep);
      if (removed.length > 0) logger.info('old backups removed', { count: removed.length });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      recordScheduledRun(db, at, message);
      logger.error('scheduled backup failed', { error: message });
    }
  };

  const status = (): BackupStatus => {
    const schedule = readSchedule(db);
    const backups = schedule.folder
      ? scheduledBackups(schedule.folder).flatMap((dir) => {
          const m = readManifest(dir);
          return m ? [summarize(dir, m)] : [];
        })
      : [];
    return { schedule, running: running !== null, backups, pendingRestore: pendingRestore(deps.dataDir) };
  };

  return {
    status,
    async run(folder?: string): Promise<BackupSummary> {
      const target = folder ?? readSchedule(db).folder;
      if (!target) throw new AppError('VALIDATION', 'backup.noFolder', { folder: 'required' });
      const r = await backupInto(target);
      return summarize(r.dir, r.manifest);
    },
    runScheduled,
    setSchedule(options: { folder: string | null; keep: number }): BackupStatus['schedule'] {
      const current = readSchedule(db);
      refuseLockedChanges(deps.config, [
        ...(options.folder !== current.folder ? ['backupFolder'] : []),
        ...(options.keep !== current.keep ? ['backupKeep'] : []),
      ]);
      writeScheduleOptions(db, options);
      return readSchedule(db);
    },
    async verify(dir: string) {
      const v = await verifyBackup(dir, appSchema());
      return { ok: v.ok, problems: v.ok ? [] : v.problems, summary: v.manifest ? summarize(dir, v.manifest) : null };
    },
    async prepareRestore(dir: string): Promise<BackupSummary> {
      if (pendingRestore(deps.dataDir)) throw new AppError('CONFLICT', 'backup.restorePending');
      const staged = await stageRestore(deps.dataDir, dir, { appSchemaVersion: appSchema(), migrationsDir: deps.migrationsDir, now: clock.now() });
      logger.warn('restore staged; applied at the next start', { backup: dir });
      return summarize(dir, staged.manifest);
    },
    cancelRestore(): void {
      if (!cancelPendingRestore(deps.dataDir)) throw new AppError('NOT_FOUND', 'backup.noPendingRestore');
    },
    /** The daily schedule: looks a little after start, then every quarter of an hour. */
    start(): void {
      if (timer) return;
      const tick = () => void runScheduled();
      timer = setTimeout(function again() {
        tick();
        timer = setTimeout(again, CHECK_EVERY_MS);
        timer.unref();
      }, FIRST_CHECK_MS);
      timer.unref();
    },
    async stop(): Promise<void> {
      if (timer) clearTimeout(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}

export type BackupService = ReturnType<typeof createBackupService>;
