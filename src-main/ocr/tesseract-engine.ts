import { createWorker, OEM, PSM, type Block } from 'tesseract.js';
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
  /** Worker script; tests swap in a wrapper that cuts networking off inside the worker thread. */
  workerPath?: string;
};

function wordsOf(blocks: Block[] | null): OcrWord[] {
  const words: OcrWord[] = [];
  let line = 0;
  let paragraph = 0;
  for (const block of blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const l of para.lines) {
        for (const w of l.words) {
          if (!w.text.trim()) continue;
          words.push({ text: w.text, confidence: w.confidence, x0: w.bbox.x0, y0: w.bbox.y0, x1: w.bbox.x1, y1: w.bbox.y1, line, paragraph });
        }
        line += 1;
      }
      paragraph += 1;
    }
  }
  return words;
}

export function tesseractEngineFactory(options: TesseractOptions = {}): OcrEngineFactory {
  const code = options.language ?? 'vie';
  const data = languageData(code);
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
        const { data } = await worker.recognize(Buffer.from(image), {}, { text: true, blocks: true });
        const words = wordsOf(data.blocks);
        const meanConfidence = words.length === 0 ? 0 : words.reduce((s, w) => s + w.confidence, 0) / words.length;
        return { text: data.text, words, meanConfidence, engine: engineName, durationMs: Math.round(performance.now() - started) };
      },
      async terminate() {
        await worker.terminate();
      },
    };
  };
}
