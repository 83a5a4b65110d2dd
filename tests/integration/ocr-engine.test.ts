import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tesseractEngineFactory } from '../../src-main/ocr/tesseract-engine.js';
import { createOcrPool, defaultPoolSize, OcrTimeoutError, type OcrPool } from '../../src-main/ocr/worker-pool.js';
import type { OcrEngine, RecognizedPage } from '../../src-main/ocr/ocr-types.js';
import { characterErrorRate } from '../../src-shared/text/error-rate.js';
import { renderTextPage } from '../fixtures/ocr-corpus/text-page.js';

const noNetworkWorker = fileURLToPath(new URL('../fixtures/ocr-corpus/no-network-worker.cjs', import.meta.url));

let pool: OcrPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('tesseract.js engine', () => {
  it('recognises Vietnamese with networking cut off in the worker thread and in the main thread', async () => {
    const realFetch = globalThis.fetch;
    const realConnect = net.Socket.prototype.connect;
    const attempts: string[] = [];
    globalThis.fetch = async (url) => {
      attempts.push(String(url));
      throw new Error('network disabled');
    };
    net.Socket.prototype.connect = function () {
      attempts.push('socket');
      throw new Error('network disabled');
    } as typeof realConnect;
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      const page = await renderTextPage({ lines: ['Ủy ban nhân dân xã Tân Định'], dpi: 200, widthPx: 900 });
      pool = createOcrPool(tesseractEngineFactory({ workerPath: noNetworkWorker }), { size: 1 });
      const r = await pool.recognize(page.png, { dpi: 200 });
      expect(characterErrorRate(page.groundTruth, r.text)).toBeLessThan(0.1);
      expect(r.engine).toMatch(/^tesseract\.js 7\.\d+\.\d+ vie$/);
    } finally {
      globalThis.fetch = realFetch;
      net.Socket.prototype.connect = realConnect;
      process.off('warning', onWarning);
    }
    expect(attempts).toEqual([]);
    expect(warnings.filter((w) => w.includes('network attempt'))).toEqual([]);
  });

  it('defaults to cores - 1 workers, at least one', () => {
    expect(defaultPoolSize()).toBeGreaterThanOrEqual(1);
    expect(createOcrPool(async () => ({}) as OcrEngine, { size: 0 }).size).toBe(1);
  });
});

describe('worker pool', () => {
  const page = (text: string): RecognizedPage => ({ text, words: [], meanConfidence: 90, engine: 'fake', durationMs: 1 });

  it('terminates a worker stuck past the timeout and replaces it for the next page', async () => {
    const terminated: number[] = [];
    let made = 0;
    pool = createOcrPool(
      async () => {
        const id = ++made;
        return {
          // The first worker hangs for ever (as a wedged WASM engine would); later ones answer.
          recognize: (image) => (id === 1 ? new Promise<RecognizedPage>(() => {}) : Promise.resolve(page(`worker ${id}: ${image.length}`))),
          terminate: async () => {
            terminated.push(id);
          },
        };
      },
      { size: 1, timeoutMs: 200 },
    );
    await expect(pool.recognize(new Uint8Array(3), { dpi: 200 })).rejects.toBeInstanceOf(OcrTimeoutError);
    await new Promise((r) => setTimeout(r, 10));
    expect(terminated).toEqual([1]);
    expect((await pool.recognize(new Uint8Array(5), { dpi: 200 })).text).toBe('worker 2: 5');
    expect(pool.started).toBe(2);
  });

  it('runs at most `size` pages at once', async () => {
    let active = 0;
    let peak = 0;
    pool = createOcrPool(
      async () => ({
        recognize: async () => {
          active += 1;
          peak = Math.max(peak, active);
          await new Promise((r) => setTimeout(r, 30));
          active -= 1;
          return page('x');
        },
        terminate: async () => {},
      }),
      { size: 2 },
    );
    await Promise.all(Array.from({ length: 6 }, () => pool!.recognize(new Uint8Array(1), { dpi: 200 })));
    expect(peak).toBe(2);
    expect(pool.started).toBe(2);
  });
});
