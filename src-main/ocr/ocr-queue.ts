import { applyCorrections } from '../../src-shared/text/ocr-corrections.js';
import type { Clock } from '../kernel/clock.js';
import type { Logger } from '../kernel/logger.js';
import type { Db } from '../db/open.js';
import { getPage } from '../pages/page-repo.js';
import type { StoredFormat } from '../pages/page-store.js';
import { FALLBACK_DPI, imageForOcr } from './ocr-image.js';
import {
  claimNextJob,
  countStates,
  dossierOcrStates,
  enqueueNewPages,
  failJob,
  finishJob,
  recoverInterruptedJobs,
  saveRecognition,
  type OcrCounts,
  type OcrJobRow,
  type OcrJobStatus,
} from './ocr-repo.js';
import type { OcrPool } from './worker-pool.js';

/**
 * A page that stopped or failed the engine this many times is marked failed rather than retried
 * for ever (issue 4: "a page that crashes a worker twice").
 */
export const MAX_OCR_ATTEMPTS = 2;

/**
 * OCR yields to scanning (issue 4: "scanning stays smooth while OCR runs"): while a scan batch is
 * running the queue starts no new page (pages already in the engine finish), and catches up when
 * the batch ends. Worker threads cannot be reniced portably (worker.threadId is Node's own
 * counter, not the OS thread id), so pausing is the honest lever on every platform. A batch
 * counts as running only if it changed within this window: one a crash left 'running' is marked
 * interrupted on start anyway, this guards against a batch that never ended holding OCR for ever.
 */
export const SCAN_PAUSE_STALE_MS = 5 * 60_000;

/**
 * A safety net only: the core's change feed kicks the queue when pages are committed and when a
 * scan batch ends. The timer catches what nothing announces (a scan batch gone stale, a page
 * written by another process such as `tiepnhan` on the command line).
 */
const POLL_MS = 30_000;

export type OcrProgress = { dossierId: string; pageId: string; status: OcrJobStatus; error: string | null; counts: OcrCounts };

export type OcrQueueDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  pool: OcrPool;
  /** Reads a stored page image (the page store). */
  readImage(sha256: string, format: StoredFormat): Promise<Uint8Array>;
  onProgress?: (p: OcrProgress) => void;
  pollMs?: number;
  maxAttempts?: number;
};

export type OcrQueue = {
  /** Recovers interrupted jobs and starts working in the background. */
  start(): void;
  /** Looks for work now (after pages were added, or a retry). */
  kick(): void;
  /** Resolves once no job is pending or running (new pages included). */
  idle(): Promise<void>;
  /** Stops taking jobs and waits for running ones to end. */
  stop(): Promise<void>;
};

export function createOcrQueue(deps: OcrQueueDeps): OcrQueue {
  const { db, clock, logger, pool } = deps;
  const maxAttempts = deps.maxAttempts ?? MAX_OCR_ATTEMPTS;
  const now = () => clock.now().toISOString();
  const running = new Set<Promise<void>>();
  let seenSeq = 0;
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let idleWaiters: (() => void)[] = [];

  const progress = (job: OcrJobRow, status: OcrJobStatus, error: string | null) => {
    if (!deps.onProgress) return;
    const page = getPage(db, job.page_id);
    if (!page) return;
    deps.onProgress({ dossierId: page.dossier_id, pageId: page.id, status, error, counts: countStates(dossierOcrStates(db, page.dossier_id)) });
  };

  const runJob = async (job: OcrJobRow) => {
    const page = getPage(db, job.page_id);
    try {
      if (!page) throw new Error('Không tìm thấy trang. (Page not found.)');
      progress(job, 'running', null);
      const stored = await deps.readImage(job.sha256, page.archive_format);
      const { image, width, height } = await imageForOcr(stored, { format: 'pgm' });
      const result = await pool.recognize(image, { dpi: page.dpi ?? FALLBACK_DPI });
      const words = result.words.map((w) => ({ ...w, raw: w.text, text: applyCorrections(w.text) }));
      db.transaction(() => {
        const current = getPage(db, job.page_id);
        // A page rotated while it was being read has a new image and a new job: keep only the job's outcome.
        if (current && current.sha256 === job.sha256 && current.status !== 'deleted') {
          saveRecognition(
            db,
            {
              page_id: job.page_id,
              sha256: job.sha256,
              raw_text: result.text,
              text: applyCorrections(result.text).trim(),
              mean_confidence: result.meanConfidence,
              engine: result.engine,
              width,
              height,
              created_at: now(),
            },
            words,
          );
        }
        finishJob(db, job.id, result.durationMs, now());
      })();
      progress(job, 'done', null);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const final = job.attempts >= maxAttempts;
      failJob(db, job.id, message, final, now());
      logger.warn('ocr job failed', { jobId: job.id, pageId: job.page_id, attempts: job.attempts, final, error: message });
      progress(job, final ? 'failed' : 'pending', message);
    }
  };

  const scanRunning = () =>
    db
      .prepare("SELECT 1 FROM page_batches WHERE status = 'running' AND source = 'scan' AND updated_at > ? LIMIT 1")
      .get(new Date(clock.now().getTime() - SCAN_PAUSE_STALE_MS).toISOString()) !== undefined;

  const hasWork = () =>
    (db.prepare("SELECT 1 FROM ocr_jobs j JOIN pages p ON p.id = j.page_id WHERE j.status = 'pending' AND p.sha256 = j.sha256 AND p.status <> 'deleted' LIMIT 1").get() ??
      null) !== null;

  const pump = () => {
    if (stopped) return;
    try {
      const { maxSeq } = enqueueNewPages(db, seenSeq, now());
      seenSeq = maxSeq;
      // New pages are still enqueued during a scan (the counts stay true); they are just not started.
      // As many jobs as workers: a claimed job counts an attempt, and a page merely waiting for a
      // worker must not be charged one if the desk crashes (two attempts mark a page failed).
      while (!stopped && running.size < pool.size && !scanRunning()) {
        const job = claimNextJob(db, now());
        if (!job) break;
        const p: Promise<void> = runJob(job).finally(() => {
          running.delete(p);
          pump();
        });
        running.add(p);
      }
    } catch (error) {
      logger.error('ocr queue tick failed', { error });
    }
    if (running.size === 0 && !hasWork()) {
      const waiters = idleWaiters;
      idleWaiters = [];
      waiters.forEach((w) => w());
    }
  };

  const schedule = () => {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(() => {
      pump();
      schedule();
    }, deps.pollMs ?? POLL_MS);
    timer.unref();
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      const r = recoverInterruptedJobs(db, maxAttempts, now());
      if (r.requeued + r.failed > 0) logger.info('ocr jobs recovered after restart', r);
      pump();
      schedule();
    },
    kick: () => pump(),
    idle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        pump();
      });
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await Promise.allSettled([...running]);
    },
  };
}
