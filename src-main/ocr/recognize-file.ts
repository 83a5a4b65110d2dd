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
 * One file (JPEG, PNG, TIFF, PDF) through the app's own pipeline, page by page: the import decoder,
 * the imaging step that stores pages (orientation, deskew, crop), the OCR image, the engine and
 * the correction rules, so `tiepnhan ocr` and the benchmark measure what the desk does.
 */
export async function recognizeFile(pool: OcrPool, name: string, data: Uint8Array): Promise<RecognizedFilePage[]> {
  const opened = await openImportFile({ name, data });
  try {
    const out: RecognizedFilePage[] = [];
    for (const p of opened.pages()) {
      const processed = await processPage(await p.decode());
      const { png, width, height } = await imageForOcr(processed.archive.data);
      const r = await pool.recognize(png, { dpi: processed.dpi ?? FALLBACK_DPI });
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
