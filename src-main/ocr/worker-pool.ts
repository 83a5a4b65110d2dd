import { availableParallelism } from 'node:os';
import type { OcrEngine, OcrEngineFactory, RecognizeOptions, RecognizedPage } from './ocr-types.js';

/** Default pool size: one core left for the UI and the scanner (issue 4), at least one worker. */
export const defaultPoolSize = (): number => Math.max(1, availableParallelism() - 1);

/**
 * A page taking longer than this is taken as a hung worker. An A4 page at 300 dpi takes a few
 * seconds per core here; two minutes leaves room for a slow PC without letting a stuck worker
 * block the queue for good.
 */
export const DEFAULT_OCR_TIMEOUT_MS = 120_000;

export class OcrTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Nhận dạng quá ${Math.round(timeoutMs / 1000)} giây, đã dừng luồng OCR. (OCR timed out; the worker was stopped.)`);
    this.name = 'OcrTimeoutError';
  }
}

export type OcrPool = {
  readonly size: number;
  /** Recognises one image on a free worker (waiting for one); a worker that times out or fails is replaced. */
  recognize(image: Uint8Array, options: RecognizeOptions): Promise<RecognizedPage>;
  /** Workers started so far (replacements included): lets tests see a stuck worker was replaced. */
  readonly started: number;
  close(): Promise<void>;
};

export type PoolOptions = { size?: number; timeoutMs?: number };

type Slot = { engine: Promise<OcrEngine> | null; busy: boolean };

export function createOcrPool(factory: OcrEngineFactory, options: PoolOptions = {}): OcrPool {
  const size = Math.max(1, Math.floor(options.size ?? defaultPoolSize()));
  const timeoutMs = options.timeoutMs ?? DEFAULT_OCR_TIMEOUT_MS;
  const slots: Slot[] = Array.from({ length: size }, () => ({ engine: null, busy: false }));
  const waiting: ((slot: Slot) => void)[] = [];
  let started = 0;
  let closed = false;

  const acquire = () =>
    new Promise<Slot>((resolve) => {
      const free = slots.find((s) => !s.busy);
      if (free) {
        free.busy = true;
        resolve(free);
      } else waiting.push(resolve);
    });
  const release = (slot: Slot) => {
    const next = waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  };
  /** Drops a worker that failed or hung; a fresh one starts on the next page. */
  const discard = (slot: Slot) => {
    const engine = slot.engine;
    slot.engine = null;
    void engine?.then((e) => e.terminate()).catch(() => {});
  };

  return {
    size,
    get started() {
      return started;
    },
    async recognize(image, opts) {
      if (closed) throw new Error('OCR pool closed');
      const slot = await acquire();
      try {
        if (!slot.engine) {
          started += 1;
          slot.engine = factory();
          slot.engine.catch(() => {});
        }
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new OcrTimeoutError(timeoutMs)), timeoutMs);
        });
        try {
          // Worker start-up counts towards the timeout: a worker that never comes up is hung too.
          return await Promise.race([slot.engine.then((e) => e.recognize(image, opts)), timeout]);
        } catch (error) {
          discard(slot);
          throw error instanceof Error ? error : new Error(String(error));
        } finally {
          clearTimeout(timer);
        }
      } finally {
        release(slot);
      }
    },
    async close() {
      closed = true;
      await Promise.all(slots.map(async (s) => (s.engine ? (await s.engine.catch(() => null))?.terminate().catch(() => {}) : undefined)));
      slots.forEach((s) => (s.engine = null));
    },
  };
}
