import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandName } from '../../src-shared/contract/commands.js';
import { AppError } from '../../src-shared/contract/errors.js';
import { auditHandlers } from '../audit/handlers.js';
import { createBackupService, type BackupService } from '../backup/backup-service.js';
import { backupHandlers } from '../backup/handlers.js';
import { createAuthService } from '../auth/auth-service.js';
import { authHandlers } from '../auth/handlers.js';
import { createSessions } from '../auth/sessions.js';
import { createCalendarService } from '../calendar/calendar-service.js';
import { calendarHandlers } from '../calendar/handlers.js';
import { catalogHandlers } from '../catalog/handlers.js';
import { applyMachineConfig } from '../config/apply-config.js';
import type { ConfigDrift } from '../config/config-drift.js';
import { configHandlers } from '../config/handlers.js';
import { createChangeFeed, type ChangeFeed } from '../db/change-feed.js';
import { schemaVersion } from '../db/migrate.js';
import { openDatabase, type Db } from '../db/open.js';
import { createDiagnosticsService } from '../diagnostics/diagnostics-service.js';
import { diagnosticsHandlers } from '../diagnostics/handlers.js';
import { dossiersHandlers } from '../dossiers/handlers.js';
import { createExportService } from '../export/export-service.js';
import { exportHandlers } from '../export/handlers.js';
import { createDispatch, type Dispatch } from '../ipc/dispatch.js';
import type { Handlers } from '../ipc/handler-types.js';
import { systemClock, type Clock } from '../kernel/clock.js';
import { emptyConfig, type LoadedConfig } from '../kernel/config.js';
import type { KernelDeps } from '../kernel/deps.js';
import { diskGuard } from '../kernel/disk-space.js';
import { createEventBus, type EventBus } from '../kernel/events.js';
import { fileLogger, type Logger } from '../kernel/logger.js';
import { appRoot } from '../kernel/paths.js';
import { notificationsHandlers } from '../notifications/handlers.js';
import { createNotificationsService } from '../notifications/notifications-service.js';
import { ocrHandlers } from '../ocr/handlers.js';
import { createOcrRuntime } from '../ocr/ocr-runtime.js';
import { pageHandlers } from '../pages/handlers.js';
import { createPageService, type PageService } from '../pages/page-service.js';
import { openPageStore } from '../pages/page-store.js';
import { queuesHandlers } from '../queues/handlers.js';
import { createQueuesService } from '../queues/queues-service.js';
import { receiptHandlers } from '../receipt/handlers.js';
import { createReceiptService } from '../receipt/receipt-service.js';
import { replicationHandlers } from '../replication/handlers.js';
import { pushDossierChanges } from '../replication/live-push.js';
import { announceQueueChanges } from '../replication/queue-feed.js';
import { reviewHandlers } from '../review/handlers.js';
import { createReviewService } from '../review/review-service.js';
import { scanHandlers } from '../scan/handlers.js';
import { createScanBatches } from '../scan/scan-batches.js';
import { ScannerService } from '../scan/scanner-service.js';
import { searchHandlers } from '../search/handlers.js';
import { settingsHandlers } from '../settings/handlers.js';
import { defaultSettings, readSettings } from '../settings/settings-repo.js';
import { createSettingsService } from '../settings/settings-service.js';
import { setupHandlers } from '../setup/handlers.js';
import { createSetupService } from '../setup/setup-service.js';
import type { SafeStorageLike } from '../sync/credential-store.js';
import { createDeskSync, type DeskSync, type DeskSyncOverrides } from '../sync/desk-sync.js';
import { readSyncConfig } from '../sync/enroll.js';
import { syncHandlers } from '../sync/handlers.js';
import { createSyncConflicts } from '../sync/sync-conflicts.js';
import { usersHandlers } from '../users/handlers.js';
import { createUsersService } from '../users/users-service.js';
import { workflowHandlers } from '../workflow/handlers.js';
import { createWorkflowService } from '../workflow/workflow-service.js';

/** Commands that start new work, refused while the disk is almost full; finishing work under way is not. */
const startsNewWork: ReadonlySet<CommandName> = new Set<CommandName>(['dossiers.create', 'pages.importFiles', 'scan.start']);

export type CoreOptions = {
  dataDir: string;
  clock?: Clock;
  logger?: Logger;
  /** Free space below which new dossiers, scans and imports are refused (kernel/disk-space.ts); tests lower it. */
  diskReserveBytes?: number;
  /** IT's config files (kernel/config.ts loadConfig); default none. */
  config?: LoadedConfig;
  /** OCR worker threads; 0 keeps the OCR queue stopped (tests that do not exercise OCR). Default: cores - 1. */
  ocrWorkers?: number;
  /** Electron's safeStorage, to encrypt the sync credential at rest; absent in the web host. */
  safeStorage?: SafeStorageLike;
  /** Replaces the sync engine's transport, timers, jitter, tuning, credential store or proxy environment. */
  sync?: DeskSyncOverrides;
  /** A scanner service built by the caller (its own host environment, timeouts); closed with the core. */
  scanner?: ScannerService;
};

/** How often the day's deadlines are looked at: a notice "due tomorrow" is at most this late. */
const DEADLINE_TICK_MS = 5 * 60_000;

/** Everything the transports need: one dispatcher, one event bus, and a way to close. */
export type Core = {
  dispatch: Dispatch;
  events: EventBus;
  /** Whether a connection holding this session token may receive events (signed in, not locked). */
  mayReceiveEvents(sessionToken: string | null): boolean;
  db: Db;
  /** Tells listeners (renderers, sync, OCR) what was committed; commands check it themselves. */
  changes: ChangeFeed;
  /** Pages of dossiers: scanner batches add pages through it. */
  pages: PageService;
  /** Every scanner the desk reaches; its host process is closed with the core. */
  scanner: ScannerService;
  /** Sync with the provincial server; call `sync.engine.start()` to run it. */
  sync: DeskSync;
  /** Notes dossiers due on the next working day; runs at start and every few minutes (tests call it). */
  tickDeadlines(): void;
  /** Backups and the daily schedule; the launcher starts the schedule (`backup.start()`). */
  backup: BackupService;
  /** Config values start-up could not apply (e.g. another unit code on an enrolled desk). */
  configNotApplied: ConfigDrift[];
  dataDir: string;
  logger: Logger;
  close(): Promise<void>;
};

/**
 * The composition root of main (DESIGN.md habit 4): builds every dependency once, gives each
 * feature's handlers their service, and wires the change feed to its listeners.
 */
export function createCore(options: CoreOptions): Core {
  const root = appRoot();
  mkdirSync(options.dataDir, { recursive: true });
  const clock = options.clock ?? systemClock;
  const ownLogger = options.logger ? null : fileLogger(options.dataDir);
  const logger = options.logger ?? ownLogger!;
  const migrationsDir = join(root, 'migrations');
  const db = openDatabase(join(options.dataDir, 'tiepnhan.sqlite'), { migrationsDir });
  const config = options.config ?? emptyConfig;
  const configNotApplied = applyMachineConfig(db, clock, config, logger);
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const settings = () => {
    const s = readSettings(db);
    if (!s) throw new AppError('SETUP_REQUIRED');
    return s;
  };
  const kernel: KernelDeps = { db, clock, logger, settings, version, config, assetsDir: join(root, 'assets') };
  const sessions = createSessions(clock, () => readSettings(db)?.idleLockMinutes ?? config.values.idleLockMinutes ?? defaultSettings.idleLockMinutes);
  const events = createEventBus();
  const changes = createChangeFeed(db);
  const store = openPageStore(join(options.dataDir, 'pages'));
  const pages = createPageService({ db, clock, store, logger, importLimits: () => settings() });
  const ocr = createOcrRuntime({
    db,
    clock,
    logger,
    store,
    ...(options.ocrWorkers ? { workers: options.ocrWorkers } : {}),
    onProgress: (p) => {
      events.emit('ocr.progress', p);
      // A recognised or failed page is a commit made outside any command: the OCR queues moved.
      changes.check();
    },
  });
  // Sync with the provincial server; the launcher starts its engine (tests drive it themselves).
  const sync = createDeskSync({
    db,
    clock,
    logger,
    dataDir: options.dataDir,
    store,
    config,
    ...(options.safeStorage ? { safeStorage: options.safeStorage } : {}),
    ...options.sync,
    onProgress: (p) => {
      events.emit('sync.progress', p);
      // Province status pulled in is a commit made outside any command.
      changes.check();
    },
  });
  // The scanner host starts on first use; a crashed host is replaced and logged.
  const scanner = options.scanner ?? new ScannerService({ onHostRestart: (reason, detail) => logger.warn('scanner host restarted', { reason, detail }) });
  const scans = createScanBatches({
    db,
    logger,
    pages,
    scanner,
    onProgress: (p) => {
      events.emit('scan.progress', p);
      // A scanned page is a commit made outside any command; the end of a batch lets OCR resume.
      changes.check();
      if (p.state !== 'scanning') ocr.queue.kick();
    },
  });
  const diagnostics = createDiagnosticsService({
    db,
    clock,
    logger,
    version,
    appSchemaVersion: schemaVersion(db),
    dataDir: options.dataDir,
    assetsDir: kernel.assetsDir,
    config,
    store,
    scanner,
    sync,
    electron: process.versions.electron ?? null,
  });
  const backup = createBackupService({ db, store, clock, logger, version, dataDir: options.dataDir, migrationsDir, config });
  // Reports orphans and missing files, and marks batches a crash interrupted; never deletes.
  void pages.startup().catch((error: unknown) => logger.error('page store check failed', { error }));

  const queues = createQueuesService(kernel);
  const notifications = createNotificationsService(kernel);
  const handlers: Handlers = {
    ...configHandlers(config),
    ...setupHandlers(createSetupService({ db, clock, version, config })),
    ...authHandlers(createAuthService({ db, settings, sessions })),
    ...usersHandlers(createUsersService({ db, clock, sessions })),
    ...settingsHandlers(createSettingsService({ db, clock, settings, config, isEnrolled: () => readSyncConfig(db) !== null })),
    ...auditHandlers(db),
    ...catalogHandlers(kernel),
    ...calendarHandlers(createCalendarService(kernel)),
    ...dossiersHandlers(kernel),
    ...receiptHandlers(createReceiptService(kernel)),
    ...replicationHandlers(db, queues),
    ...pageHandlers({
      logger,
      pages,
      onImportProgress: (dossierId, p) => {
        events.emit('pages.progress', { dossierId, batchId: p.batchId, phase: p.phase, done: p.done, total: p.total, fileName: p.fileName });
        // Each stored page is its own commit, made while the command still runs: renderers,
        // sync and OCR hear of it now, not when the last of thousands of pages is in.
        if (p.phase === 'storing') changes.check();
      },
    }),
    ...scanHandlers(scans),
    ...ocrHandlers(ocr.service),
    ...searchHandlers(db),
    ...exportHandlers(createExportService({ db, clock, store, assetsDir: kernel.assetsDir })),
    ...syncHandlers(sync, createSyncConflicts(db, clock)),
    ...queuesHandlers(queues),
    ...reviewHandlers(createReviewService(kernel)),
    ...workflowHandlers(createWorkflowService({ ...kernel, queues })),
    ...notificationsHandlers(notifications),
    ...backupHandlers(backup),
    ...diagnosticsHandlers(diagnostics),
  };
  const disk = diskGuard(options.dataDir, options.diskReserveBytes);
  const inner = createDispatch({
    handlers,
    sessions,
    needsSetup: () => readSettings(db) === null,
    logger,
    dataDir: options.dataDir,
    refuseNewWork: (command) => (startsNewWork.has(command) ? disk.refusal() : null),
  });
  const dispatch: Dispatch = async (command, input, token) => {
    const result = await inner(command, input, token);
    changes.check();
    return result;
  };

  // The change feed's listeners: renderers get changed dossiers live; sync runs only when
  // something was queued for the province; OCR looks for new pages.
  pushDossierChanges(db, changes, (payload) => events.emit('replication.dossiers', payload));
  announceQueueChanges(changes, (checkpoint) => events.emit('replication.queues', { checkpoint }));
  changes.subscribe((now, before) => {
    if (now.outbox !== before.outbox) sync.engine.nudge();
    if (now.seq !== before.seq) ocr.queue.kick();
  });

  // Due-tomorrow notices and the day's turn (due today, overdue) need the clock, not a write.
  const tickDeadlines = () => {
    if (!db.open || readSettings(db) === null) return;
    try {
      notifications.tick();
      changes.check();
    } catch (error) {
      logger.error('deadline check failed', { error });
    }
  };
  tickDeadlines();
  const deadlineTimer = setInterval(tickDeadlines, DEADLINE_TICK_MS);
  deadlineTimer.unref();

  if (options.ocrWorkers !== 0) ocr.queue.start();
  logger.info('core started', { version, dataDir: options.dataDir });
  return {
    dispatch,
    events,
    mayReceiveEvents: (token) => sessions.isActive(token),
    db,
    changes,
    pages,
    scanner,
    sync,
    tickDeadlines,
    backup,
    configNotApplied,
    dataDir: options.dataDir,
    logger,
    close: async () => {
      clearInterval(deadlineTimer);
      scanner.close();
      // The OCR queue and a sync pass may be writing: let them stop before the database closes.
      await Promise.all([ocr.close(), sync.engine.stop(), backup.stop()]);
      db.close();
      ownLogger?.close();
    },
  };
}
