import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { recognizeFile } from './recognize-file.js';
import { selfTestFile, selfTestLines } from './self-test-page.js';
import { languageData } from './tesseract-assets.js';
import { tesseractEngineFactory } from './tesseract-engine.js';
import { createOcrPool } from './worker-pool.js';

export type OcrSelfTest = {
  /** The Vietnamese model was found. */
  dataFound: boolean;
  langPath: string | null;
  wordsExpected: number;
  /** Words of the page read exactly (case and diacritics included). */
  wordsRead: number;
  meanConfidence: number;
  ms: number;
  error: string | null;
};

const words = (s: string) => s.normalize('NFC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** How many of the page's words must come back for the engine to count as working. */
export const SELF_TEST_PASS_RATIO = 0.9;

/**
 * Reads the bundled self-test page through the desk's whole OCR path (imaging, the real engine in
 * a worker thread of its own, the correction rules), apart from the running queue.
 */
export async function ocrSelfTest(assetsDir: string, options: { langPath?: string } = {}): Promise<OcrSelfTest> {
  const data = languageData('vie', options.langPath);
  const expected = words(selfTestLines.join(' '));
  const base = { dataFound: data !== null, langPath: data?.langPath ?? options.langPath ?? null, wordsExpected: expected.length, wordsRead: 0, meanConfidence: 0, ms: 0 };
  if (!data) return { ...base, error: 'missing language data' };
  const started = performance.now();
  const pool = createOcrPool(tesseractEngineFactory({ langPath: data.langPath }), { size: 1 });
  try {
    const image = await readFile(join(assetsDir, ...selfTestFile));
    const [page] = await recognizeFile(pool, selfTestFile[1], image);
    const got = new Map<string, number>();
    for (const w of words(page?.text ?? '')) got.set(w, (got.get(w) ?? 0) + 1);
    let read = 0;
    for (const w of expected) {
      const n = got.get(w) ?? 0;
      if (n > 0) {
        read += 1;
        got.set(w, n - 1);
      }
    }
    return { ...base, wordsRead: read, meanConfidence: Math.round(page?.meanConfidence ?? 0), ms: Math.round(performance.now() - started), error: null };
  } catch (error) {
    return { ...base, ms: Math.round(performance.now() - started), error: error instanceof Error ? error.message : String(error) };
  } finally {
    await pool.close();
  }
}
