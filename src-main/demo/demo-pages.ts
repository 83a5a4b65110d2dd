import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { processPage } from '../imaging/process-page.js';
import { recognizeFile, type RecognizedFilePage } from '../ocr/recognize-file.js';
import { tesseractEngineFactory } from '../ocr/tesseract-engine.js';
import { createOcrPool } from '../ocr/worker-pool.js';
import type { PageStore } from '../pages/page-store.js';

/** One sample sheet as stored once in the page store; every demo page points at one of these. */
export type SamplePage = {
  sha256: string;
  format: 'jpeg' | 'png';
  bytes: number;
  thumbSha256: string;
  width: number;
  height: number;
  dpi: number | null;
  colourMode: 'color' | 'gray' | 'bw';
  inkRatio: number;
  /** What the app's own OCR reads on it; null when the demo is made without text. */
  text: RecognizedFilePage | null;
};

/**
 * The demo scanner's sample sheets (assets/demo-pages) through the app's imaging pipeline into
 * the page store, and, when asked, through its OCR once each: real images and real text for the
 * demo's pages, at the cost of a few sheets, however many dossiers there are.
 */
export async function prepareSamplePages(store: PageStore, assetsDir: string, withText: boolean): Promise<SamplePage[]> {
  const dir = join(assetsDir, 'demo-pages');
  const names = (await readdir(dir)).filter((n) => n.endsWith('.png')).sort();
  const pool = withText ? createOcrPool(tesseractEngineFactory(), { size: 1 }) : null;
  try {
    const out: SamplePage[] = [];
    for (const name of names) {
      const data = await readFile(join(dir, name));
      const p = await processPage({ kind: 'encoded', data, name });
      const archive = await store.put(p.archive.data, p.archive.format);
      const thumb = await store.put(p.thumb, 'jpeg');
      const text = pool ? ((await recognizeFile(pool, name, data))[0] ?? null) : null;
      out.push({
        sha256: archive.sha256,
        format: p.archive.format,
        bytes: archive.bytes,
        thumbSha256: thumb.sha256,
        width: p.width,
        height: p.height,
        dpi: p.dpi,
        colourMode: p.colourMode,
        inkRatio: p.inkRatio,
        text,
      });
    }
    return out;
  } finally {
    await pool?.close();
  }
}
