import type { DecodedPage } from '../imaging/decode.js';
import { imageErrors } from '../imaging/image-errors.js';
import { MAX_INPUT_PIXELS } from '../imaging/limits.js';

/** PDF pages are rendered at 200 dpi: the digitisation guidance's figure for ordinary papers (DOMAIN.md). */
export const PDF_RENDER_DPI = 200;

type Mupdf = typeof import('mupdf');
let loaded: Promise<Mupdf> | null = null;
/** mupdf is WebAssembly and takes a moment to start: loaded on the first PDF only. */
const mupdf = () => (loaded ??= import('mupdf'));

/**
 * Scale of the check pass: 1/10 of a point per pixel (7.2 dpi) still parses and draws every
 * object of the page (content stream, fonts, images), so a page that cannot be drawn fails
 * here, at about 1/800 of the pixels of the real render.
 */
const CHECK_SCALE = 0.1;

export type PdfDocument = {
  pageCount: number;
  render(index: number): DecodedPage;
  /** Draws the page small and throws what `render` would throw (damage, too many pixels). */
  check(index: number): void;
  close(): void;
};

/** Opens a PDF, refusing encrypted, empty or damaged ones with a clear message. */
export async function openPdf(data: Uint8Array, name?: string): Promise<PdfDocument> {
  const m = await mupdf();
  let doc: InstanceType<Mupdf['Document']>;
  let pageCount: number;
  try {
    doc = m.Document.openDocument(data, 'application/pdf');
    if (doc.needsPassword()) {
      doc.destroy();
      throw imageErrors.pdfLocked(name);
    }
    pageCount = doc.countPages();
  } catch (error) {
    if (error instanceof Error && error.name === 'AppError') throw error;
    throw imageErrors.corrupt(name);
  }
  if (pageCount < 1) {
    doc.destroy();
    throw imageErrors.noPages(name);
  }
  const scale = PDF_RENDER_DPI / 72;
  /** Loads page `index`, refusing it when its real render would pass the pixel limit. */
  const loadPage = (index: number) => {
    const page = doc.loadPage(index);
    const [x0, y0, x1, y1] = page.getBounds();
    const pixels = (x1 - x0) * scale * ((y1 - y0) * scale);
    if (pixels > MAX_INPUT_PIXELS) {
      page.destroy();
      throw imageErrors.tooLarge(name, pixels);
    }
    return page;
  };
  const refuse = (error: unknown): never => {
    if (error instanceof Error && error.name === 'AppError') throw error;
    throw imageErrors.corrupt(name);
  };
  return {
    pageCount,
    render(index) {
      try {
        const page = loadPage(index);
        try {
          const pix = page.toPixmap(m.Matrix.scale(scale, scale), m.ColorSpace.DeviceRGB, false, true);
          const width = pix.getWidth();
          const height = pix.getHeight();
          const stride = pix.getStride();
          const src = pix.getPixels();
          // Copied out of the WebAssembly heap, so the pixmap is freed at once.
          const data = Buffer.alloc(width * height * 3);
          for (let y = 0; y < height; y++) data.set(src.subarray(y * stride, y * stride + width * 3), y * width * 3);
          pix.destroy();
          return { data, width, height, channels: 3, bilevel: false, dpi: PDF_RENDER_DPI };
        } finally {
          page.destroy();
        }
      } catch (error) {
        return refuse(error);
      }
    },
    check(index) {
      try {
        const page = loadPage(index);
        try {
          page.toPixmap(m.Matrix.scale(CHECK_SCALE, CHECK_SCALE), m.ColorSpace.DeviceGray, false, true).destroy();
        } finally {
          page.destroy();
        }
      } catch (error) {
        refuse(error);
      }
    },
    close: () => doc.destroy(),
  };
}
