import { applyCorrections } from '../../src-shared/text/ocr-corrections.js';
import { processPage } from '../imaging/process-page.js';
import { openImportFile } from '../import/import-source.js';
import { FALLBACK_DPI, imageForOcr } from './ocr-image.js';
import type { OcrWord } from './ocr-types.js';
import type { OcrPool } from './worker-pool.js';

export type RecognizedFilePage = {
  file: string;
  /** 1-based page within the file. */
  page: number;
  text: string;
  rawText: string;
  meanConfidence: number;
  width: number;
  height: number;
  words: (OcrWord & { raw: string })[];
};

/**
 * Pages between decode and recognised, per pool: one more than the pool has workers, so the next
 * page is decoded, straightened and prepared while every worker reads one, and no more.
 * Before, every file given was decoded at once (the CLI and the benchmark start all files
 * together): with 16 pages the workers sat idle until all 16 had been through the imaging step,
 * competing for the same cores, and each decoded page stayed in memory (peak RSS 841 MB).
 */
const inFlight = new WeakMap<OcrPool, { free: number; waiting: (() => void)[] }>();

async function admitted<T>(pool: OcrPool, work: () => Promise<T>): Promise<T> {
  let gate = inFlight.get(pool);
  if (!gate) inFlight.set(pool, (gate = { free: pool.size + 1, waiting: [] }));
  const g = gate;
  if (g.free > 0) g.free -= 1;
  else await new Promise<void>((resolve) => g.waiting.push(resolve));
  try {
    return await work();
  } finally {
    const next = g.waiting.shift();
    if (next) next();
    else g.free += 1;
  }
}

/**
 * One file (JPEG, PNG, TIFF, PDF) through the app's own pipeline, page by page: the import decoder,
 * the imaging step that stores pages (orientation, deskew, crop), the OCR image, the engine and
 * the correction rules, so `tiepnhan ocr` and the benchmark measure what the desk does.
 */
export async function recognizeFile(pool: OcrPool, name: string, data: Uint8Array): Promise<RecognizedFilePage[]> {
  const opened = await openImportFile({ name, data });
  try {
    const out: RecognizedFilePage[] = [];
    for (const p of opened.pages()) {
      const { ocr, r } = await admitted(pool, async () => {
        const processed = await processPage(await p.decode());
        const ocr = await imageForOcr(processed.archive.data, { format: 'pgm' });
        return { ocr, r: await pool.recognize(ocr.image, { dpi: processed.dpi ?? FALLBACK_DPI }) };
      });
      const { width, height } = ocr;
      out.push({
        file: name,
        page: p.page + 1,
        text: applyCorrections(r.text).trim(),
        rawText: r.text,
        meanConfidence: r.meanConfidence,
        width,
        height,
        words: r.words.map((w) => ({ ...w, raw: w.text, text: applyCorrections(w.text) })),
      });
    }
    return out;
  } finally {
    opened.close();
  }
}
