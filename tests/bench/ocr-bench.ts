// npm run bench:ocr [-- --pages N]: our OCR pipeline vs the native `tesseract` CLI on the same
// generated pages (same cores): pages/min, CER, WER, peak RSS, ratios, and each correction rule's
// effect on CER. The last line is one JSON object. Not a test: run it when the machine is quiet.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { recognizeFile } from '../../src-main/ocr/recognize-file.js';
import { tesseractEngineFactory } from '../../src-main/ocr/tesseract-engine.js';
import { createOcrPool, defaultPoolSize } from '../../src-main/ocr/worker-pool.js';
import { characterErrorRate, wordErrorRate } from '../../src-shared/text/error-rate.js';
import { applyCorrections, correctionRules } from '../../src-shared/text/ocr-corrections.js';
import { generateCorpus } from '../fixtures/ocr-corpus/corpus.js';

const run = promisify(execFile);
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

const count = arg('pages', 6);
const workers = arg('workers', defaultPoolSize());
const corpus = await generateCorpus(count);
const dir = mkdtempSync(join(tmpdir(), 'tiepnhan-bench-'));
try {
  // Ours: the app's pipeline (import decode, imaging, OCR, corrections) on a pool of `workers`.
  const pool = createOcrPool(tesseractEngineFactory(), { size: workers });
  let t0 = performance.now();
  const ours = await Promise.all(corpus.map((p) => recognizeFile(pool, `${p.id}.jpg`, p.png).then((r) => r[0]!)));
  const oursMs = performance.now() - t0;
  await pool.close();
  const oursRssMb = process.resourceUsage().maxRSS / 1024;

  // Native tesseract (Debian tesseract-ocr-vie), one single-threaded process per worker.
  corpus.forEach((p) => writeFileSync(join(dir, `${p.id}.jpg`), p.png));
  const native: string[] = new Array(corpus.length);
  let nativeRssMb = 0;
  t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < corpus.length) {
        const i = next++;
        const { stdout, stderr } = await run('/usr/bin/time', ['-f', 'RSS %M', 'tesseract', join(dir, `${corpus[i]!.id}.jpg`), 'stdout', '-l', 'vie', '--psm', '3', '--dpi', '200'], {
          env: { ...process.env, OMP_THREAD_LIMIT: '1' },
          maxBuffer: 16 * 1024 * 1024,
        });
        native[i] = stdout;
        nativeRssMb = Math.max(nativeRssMb, Number(/RSS (\d+)/.exec(stderr)?.[1] ?? 0) / 1024);
      }
    }),
  );
  const nativeMs = performance.now() - t0;

  const cer = (texts: string[]) => mean(corpus.map((p, i) => characterErrorRate(p.groundTruth, texts[i]!)));
  const wer = (texts: string[]) => mean(corpus.map((p, i) => wordErrorRate(p.groundTruth, texts[i]!)));
  const oursText = ours.map((r) => r.text);
  const rawText = ours.map((r) => r.rawText);
  const rules = Object.fromEntries(
    correctionRules.map((rule) => [rule.id, { cerWithout: cer(rawText.map((t) => applyCorrections(t, correctionRules.filter((r) => r.id !== rule.id).map((r) => r.id)))) }]),
  );
  const result = {
    pages: count,
    workers,
    cores: availableParallelism(),
    ours: { pagesPerMin: (count / oursMs) * 60_000, cer: cer(oursText), cerRaw: cer(rawText), wer: wer(oursText), peakRssMb: Math.round(oursRssMb) },
    native: { pagesPerMin: (count / nativeMs) * 60_000, cer: cer(native), wer: wer(native), peakRssMbPerProcess: Math.round(nativeRssMb) },
    ratios: { throughput: nativeMs / oursMs, cer: cer(oursText) / Math.max(1e-9, cer(native)) },
    rules,
  };
  console.log(`ours:   ${result.ours.pagesPerMin.toFixed(1)} pages/min, CER ${(result.ours.cer * 100).toFixed(2)}% (raw ${(result.ours.cerRaw * 100).toFixed(2)}%), WER ${(result.ours.wer * 100).toFixed(2)}%, peak RSS ${result.ours.peakRssMb} MB`);
  console.log(`native: ${result.native.pagesPerMin.toFixed(1)} pages/min, CER ${(result.native.cer * 100).toFixed(2)}%, WER ${(result.native.wer * 100).toFixed(2)}%`);
  console.log(`ratios: throughput ${result.ratios.throughput.toFixed(2)}x native, CER ${result.ratios.cer.toFixed(2)}x native`);
  console.log(JSON.stringify(result));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
