/** What the engine gives back for one page image; boxes in pixels of that image, origin top left. */
export type OcrWord = {
  text: string;
  /** 0-100, as Tesseract reports it. */
  confidence: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** 0-based line and paragraph numbers within the page. */
  line: number;
  paragraph: number;
};

export type RecognizedPage = {
  text: string;
  words: OcrWord[];
  meanConfidence: number;
  /** Engine and model, e.g. "tesseract.js 7.0.0 vie" (stored with the text). */
  engine: string;
  /** Recognition time only. */
  durationMs: number;
};

export type RecognizeOptions = {
  /** Resolution of the image; Tesseract sizes its expectations of glyphs from it. */
  dpi: number;
};

/** One OCR engine instance (one worker thread). Built by a factory so tests can use the real one or a fake. */
export type OcrEngine = {
  recognize(image: Uint8Array, options: RecognizeOptions): Promise<RecognizedPage>;
  terminate(): Promise<void>;
};

export type OcrEngineFactory = () => Promise<OcrEngine>;
