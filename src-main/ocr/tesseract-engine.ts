import { createWorker, OEM, PSM } from 'tesseract.js';
import { languageData, tesseractVersion, tesseractWorkerPath } from './tesseract-assets.js';
import type { OcrEngine, OcrEngineFactory, OcrWord, RecognizedPage } from './ocr-types.js';

/** The only module that imports tesseract.js (DESIGN.md habit 1). */

export type TesseractOptions = {
  /**
   * Language code of an installed @tesseract.js-data package. One model: tesseract.js reads every
   * language from one langPath, and each package has its own folder; Vietnamese covers Latin text too.
   */
  language?: string;
  /**
   * Page segmentation: 3 = fully automatic layout (forms, columns, tables), Tesseract's own
   * default; set explicitly so an upgrade cannot change it under us.
   */
  pageSegMode?: PSM;
  /** A folder with `<language>.traineddata.gz` instead of the npm package's (the doctor's check of another copy). */
  langPath?: string;
  /** Worker script; tests swap in a wrapper that cuts networking off inside the worker thread. */
  workerPath?: string;
};

/**
 * Words from Tesseract's TSV (level 5 rows: page, block, paragraph, line, word, left, top, width,
 * height, conf, text), numbering lines and paragraphs through the page. TSV rather than
 * tesseract.js's `blocks`: those are every symbol and its choices as JSON, parsed in the worker
 * and copied to this thread as objects, of which we kept the words. Measured on four 200 dpi A4
 * corpus pages, two runs each: 0.1–0.4 s of CPU less per page (recognition 1.2–2.6 s); the same
 * words and boxes; confidences with their decimals (blocks gave them truncated).
 */
export function wordsFromTsv(tsv: string): OcrWord[] {
  const words: OcrWord[] = [];
  let line = -1;
  let paragraph = -1;
  let lastLine = '';
  let lastParagraph = '';
  for (const row of tsv.split('\n')) {
    const f = row.split('\t');
    if (f[0] !== '5' || f.length < 12) continue;
    const text = f.slice(11).join('\t');
    // Only lines and paragraphs with a word count: TSV also lists the empty words of non-text
    // blocks (table rules), which would leave gaps in the numbering.
    if (!text.trim()) continue;
    const paraKey = `${f[1]}/${f[2]}/${f[3]}`;
    const lineKey = `${paraKey}/${f[4]}`;
    if (paraKey !== lastParagraph) {
      paragraph += 1;
      lastParagraph = paraKey;
    }
    if (lineKey !== lastLine) {
      line += 1;
      lastLine = lineKey;
    }
    const x0 = Number(f[6]);
    const y0 = Number(f[7]);
    words.push({ text, confidence: Number(f[10]), x0, y0, x1: x0 + Number(f[8]), y1: y0 + Number(f[9]), line, paragraph });
  }
  return words;
}

export function tesseractEngineFactory(options: TesseractOptions = {}): OcrEngineFactory {
  const code = options.language ?? 'vie';
  const data = languageData(code, options.langPath);
  if (!data) throw new Error(`Thiếu dữ liệu ngôn ngữ OCR @tesseract.js-data/${code}. (Missing OCR language data.)`);
  const engineName = `tesseract.js ${tesseractVersion()} ${code}`;
  return async (): Promise<OcrEngine> => {
    const worker = await createWorker(code, OEM.LSTM_ONLY, {
      // A local folder: tesseract.js reads it from disk and never builds its CDN URL.
      langPath: data.langPath,
      gzip: data.gzip,
      // Nothing written: no cache in the working directory (tesseract.js defaults to '.').
      cacheMethod: 'none',
      workerPath: options.workerPath ?? tesseractWorkerPath(),
      logger: () => {},
      errorHandler: () => {},
    });
    const psm = options.pageSegMode ?? PSM.AUTO;
    return {
      async recognize(image, { dpi }): Promise<RecognizedPage> {
        await worker.setParameters({
          tessedit_pageseg_mode: psm,
          user_defined_dpi: String(dpi),
          // Spaces between words as Tesseract found them, not collapsed (keeps tables readable).
          preserve_interword_spaces: '1',
        });
        const started = performance.now();
        const { data } = await worker.recognize(Buffer.from(image), {}, { text: true, blocks: false, tsv: true });
        const words = wordsFromTsv(data.tsv ?? '');
        const meanConfidence = words.length === 0 ? 0 : words.reduce((s, w) => s + w.confidence, 0) / words.length;
        return { text: data.text, words, meanConfidence, engine: engineName, durationMs: Math.round(performance.now() - started) };
      },
      async terminate() {
        await worker.terminate();
      },
    };
  };
}
