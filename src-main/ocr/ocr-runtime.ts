import type { Clock } from '../kernel/clock.js';
import type { Logger } from '../kernel/logger.js';
import type { Db } from '../db/open.js';
import type { PageStore } from '../pages/page-store.js';
import { createOcrQueue, type OcrProgress, type OcrQueue } from './ocr-queue.js';
import { createOcrService, type OcrService } from './ocr-service.js';
import type { OcrEngineFactory } from './ocr-types.js';
import { tesseractEngineFactory } from './tesseract-engine.js';
import { createOcrPool, type OcrPool } from './worker-pool.js';

export type OcrRuntimeOptions = {
  db: Db;
  clock: Clock;
  logger: Logger;
  store: Pick<PageStore, 'read'>;
  /** Worker threads; default cores - 1, at least 1. */
  workers?: number;
  timeoutMs?: number;
  /** The real tesseract.js engine unless a test supplies another. */
  engine?: OcrEngineFactory;
  onProgress?: (p: OcrProgress) => void;
};

export type OcrRuntime = { pool: OcrPool; queue: OcrQueue; service: OcrService; close(): Promise<void> };

/**
 * Everything OCR needs, built once in the composition root. Workers start lazily, on the first
 * page, so a desk that never scans pays nothing.
 */
export function createOcrRuntime(o: OcrRuntimeOptions): OcrRuntime {
  const pool = createOcrPool(o.engine ?? tesseractEngineFactory(), {
    ...(o.workers !== undefined ? { size: o.workers } : {}),
    ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
  });
  const queue = createOcrQueue({
    db: o.db,
    clock: o.clock,
    logger: o.logger,
    pool,
    readImage: (sha, format) => o.store.read(sha, format),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
  const service = createOcrService({ db: o.db, clock: o.clock, kick: () => queue.kick(), readPageImage: (page) => o.store.read(page.sha256, page.archive_format) });
  return {
    pool,
    queue,
    service,
    async close() {
      await queue.stop();
      await pool.close();
    },
  };
}
