import { applyCorrections } from '../../src-shared/text/ocr-corrections.js';
import { processPage } from '../imaging/process-page.js';
import { openImportFile, type ImportPage, type OpenedFile } from '../import/import-source.js';
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

/** One page through the imaging step that stores pages, the OCR image, the engine and the correction rules. */
async function recognizePage(pool: OcrPool, file: string, p: ImportPage): Promise<RecognizedFilePage> {
  const { ocr, r } = await admitted(pool, async () => {
    const processed = await processPage(await p.decode());
    const ocr = await imageForOcr(processed.archive.data, { format: 'pgm' });
    return { ocr, r: await pool.recognize(ocr.image, { dpi: processed.dpi ?? FALLBACK_DPI }) };
  });
  return {
    file,
    page: p.page + 1,
    text: applyCorrections(r.text).trim(),
    rawText: r.text,
    meanConfidence: r.meanConfidence,
    width: ocr.width,
    height: ocr.height,
    words: r.words.map((w) => ({ ...w, raw: w.text, text: applyCorrections(w.text) })),
  };
}

/** A file to read: its bytes are loaded only when its turn comes. */
export type FileToRecognize = { name: string; read(): Promise<Uint8Array> };

/** What comes out, in the order given: a page's text, or why a file (or one of its pages) could not be read. */
export type RecognizedItem = { index: number; page: RecognizedFilePage } | { index: number; error: unknown; page?: number };

/**
 * Files (JPEG, PNG, TIFF, PDF) through the app's own pipeline, as a stream of pages in order,
 * so `tiepnhan ocr` prints each page as soon as it and those before it are read, and memory holds
 * a handful of pages whatever the page count (a 1000-page TIFF or a 5000-page PDF): at most
 * pool size + 1 pages are between decode and result, and a file stays open only while pages of
 * it are. `index` is the file's place in `files`.
 */
export async function* recognizeFiles(pool: OcrPool, files: readonly FileToRecognize[]): AsyncGenerator<RecognizedItem> {
  const window = pool.size + 1;
  const ahead: Promise<RecognizedItem>[] = [];
  for (const [index, f] of files.entries()) {
    let opened: OpenedFile;
    try {
      opened = await openImportFile({ name: f.name, data: await f.read() });
    } catch (error) {
      ahead.push(Promise.resolve({ index, error }));
      continue;
    }
    let open = opened.pageCount;
    const settled = () => {
      if (--open === 0) opened.close();
    };
    for (const p of opened.pages()) {
      ahead.push(
        recognizePage(pool, f.name, p).then(
          (page): RecognizedItem => ({ index, page }),
          (error: unknown): RecognizedItem => ({ index, error, page: p.page + 1 }),
        ).finally(settled),
      );
      while (ahead.length >= window) yield await ahead.shift()!;
    }
  }
  while (ahead.length > 0) yield await ahead.shift()!;
}

/** One file's pages, gathered (the OCR benchmark reads single-page files). */
export async function recognizeFile(pool: OcrPool, name: string, data: Uint8Array): Promise<RecognizedFilePage[]> {
  const out: RecognizedFilePage[] = [];
  for await (const item of recognizeFiles(pool, [{ name, read: async () => data }])) {
    if ('error' in item) throw item.error;
    out.push(item.page);
  }
  return out;
}
