import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../src-shared/contract/errors.js';
import { authHandlers } from '../auth/handlers.js';
import { createSessions } from '../auth/sessions.js';
import { openDatabase, type Db } from '../db/open.js';
import { dossierHandlers } from '../dossiers/handlers.js';
import { createDispatch, type Dispatch } from '../ipc/dispatch.js';
import type { Handlers } from '../ipc/handler-types.js';
import { exportHandlers } from '../export/handlers.js';
import { ocrHandlers } from '../ocr/handlers.js';
import { createOcrRuntime } from '../ocr/ocr-runtime.js';
import { pageHandlers } from '../pages/handlers.js';
import type { SafeStorageLike } from '../sync/credential-store.js';
import { createDeskSync, type DeskSync, type DeskSyncOverrides } from '../sync/desk-sync.js';
import { syncHandlers } from '../sync/handlers.js';
import { createPageService, type PageService } from '../pages/page-service.js';
import { openPageStore } from '../pages/page-store.js';
import { receiptHandlers } from '../receipt/handlers.js';
import { scanHandlers } from '../scanner/handlers.js';
import { ScannerService } from '../scanner/scanner-service.js';
import { currentChangeSeq, pullDossiers } from '../replication/dossier-feed.js';
import { systemClock, type Clock } from './clock.js';
import type { Deps } from './deps.js';
import { createEventBus, type EventBus } from './events.js';
import { appHandlers } from './handlers.js';
import { fileLogger, type Logger } from './logger.js';
import { appRoot } from './paths.js';
import { defaultSettings, readSettings } from './settings.js';

export type CoreOptions = {
  dataDir: string;
  clock?: Clock;
  logger?: Logger;
  /** Idle lock minutes given to a desk at first-run setup (config.json's idleLockMinutes). */
  idleLockMinutesDefault?: number;
  /** OCR worker threads; 0 keeps the OCR queue stopped (tests that do not exercise OCR). Default: cores - 1. */
  ocrWorkers?: number;
  /** Electron's safeStorage, to encrypt the sync credential at rest; absent in the web host. */
  safeStorage?: SafeStorageLike;
  /** Replaces the sync engine's transport, timers, jitter, tuning, credential store or proxy environment. */
  sync?: DeskSyncOverrides;
  /** A scanner service built by the caller (its own host environment, timeouts); closed with the core. */
  scanner?: ScannerService;
};

/** Everything the transports need: one dispatcher, one event bus, and a way to close. */
export type Core = {
  dispatch: Dispatch;
  events: EventBus;
  /** Whether a connection holding this session token may receive events (signed in, not locked). */
  mayReceiveEvents(sessionToken: string | null): boolean;
  db: Db;
  /** Pages of dossiers: scanner batches add pages through it. */
  pages: PageService;
  /** Every scanner the desk reaches; its host process is closed with the core. */
  scanner: ScannerService;
  /** Sync with the provincial server; call `sync.engine.start()` to run it. */
  sync: DeskSync;
  dataDir: string;
  logger: Logger;
  close(): Promise<void>;
};

/** The composition root of main: builds every dependency once (DESIGN.md habit 4). */
export function createCore(options: CoreOptions): Core {
  const root = appRoot();
  mkdirSync(options.dataDir, { recursive: true });
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? fileLogger(options.dataDir);
  const db = openDatabase(join(options.dataDir, 'tiepnhan.sqlite'), { migrationsDir: join(root, 'migrations') });
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const settings = () => {
    const s = readSettings(db);
    if (!s) throw new AppError('SETUP_REQUIRED');
    return s;
  };
  const idleLockMinutesDefault = options.idleLockMinutesDefault ?? defaultSettings.idleLockMinutes;
  const sessions = createSessions(clock, () => readSettings(db)?.idleLockMinutes ?? idleLockMinutesDefault);
  const deps: Deps = { db, clock, logger, sessions, settings, version, assetsDir: join(root, 'assets'), idleLockMinutesDefault };
  const events = createEventBus();
  const store = openPageStore(join(options.dataDir, 'pages'));
  const pages = createPageService({ db, clock, store, logger });
  const ocr = createOcrRuntime({
    db,
    clock,
    logger,
    store,
    ...(options.ocrWorkers ? { workers: options.ocrWorkers } : {}),
    onProgress: (p) => events.emit('ocr.progress', p),
  });
  // Sync with the provincial server; the launcher starts its engine (tests drive it themselves).
  const sync = createDeskSync({
    db,
    clock,
    logger,
    dataDir: options.dataDir,
    store,
    ...(options.safeStorage ? { safeStorage: options.safeStorage } : {}),
    ...options.sync,
    onProgress: (p) => events.emit('sync.progress', p),
  });
  // The scanner host starts on first use; a crashed host is replaced and logged.
  const scanner = options.scanner ?? new ScannerService({ onHostRestart: (reason, detail) => logger.warn('scanner host restarted', { reason, detail }) });
  // Reports orphans and missing files, and marks batches a crash interrupted; never deletes.
  void pages.startup().catch((error: unknown) => logger.error('page store check failed', { error }));
  const handlers: Handlers = {
    ...appHandlers(deps),
    ...authHandlers(deps),
    ...dossierHandlers(deps),
    ...receiptHandlers(deps),
    ...ocrHandlers({ db, ocr: ocr.service }),
    ...syncHandlers(sync),
    ...exportHandlers({ db, clock, store, assetsDir: deps.assetsDir }),
    ...scanHandlers({ db, logger, pages, scanner, onProgress: (p) => events.emit('scan.progress', p) }),
    ...pageHandlers({
      logger,
      pages,
      onImportProgress: (dossierId, p) =>
        events.emit('pages.progress', { dossierId, batchId: p.batchId, done: p.done, total: p.total, fileName: p.fileName }),
    }),
  };
  const inner = createDispatch({ handlers, sessions, needsSetup: () => readSettings(db) === null, logger });

  // Live replication stream: after any command, push the dossiers changed since the last push.
  let pushedSeq = currentChangeSeq(db);
  const pushChanges = () => {
    if (currentChangeSeq(db) === pushedSeq) return;
    const { documents, checkpoint } = pullDossiers(db, { seq: pushedSeq }, 1000);
    if (!checkpoint || documents.length === 0) return;
    pushedSeq = checkpoint.seq;
    events.emit('replication.dossiers', { documents, checkpoint });
  };
  const dispatch: Dispatch = async (command, input, token) => {
    const result = await inner(command, input, token);
    pushChanges();
    // A local change may have queued something for the province (outbox triggers).
    sync.engine.nudge();
    return result;
  };
  if (options.ocrWorkers !== 0) ocr.queue.start();
  logger.info('core started', { version, dataDir: options.dataDir });
  return {
    dispatch,
    events,
    mayReceiveEvents: (token) => sessions.isActive(token),
    db,
    pages,
    scanner,
    sync,
    dataDir: options.dataDir,
    logger,
    close: async () => {
      scanner.close();
      // The OCR queue and a sync pass may be writing: let them stop before the database closes.
      await Promise.all([ocr.close(), sync.engine.stop()]);
      db.close();
    },
  };
}
