import type { DecodedPage } from '../imaging/decode.js';
import { imageErrors } from '../imaging/image-errors.js';
import { MAX_INPUT_PIXELS } from '../imaging/limits.js';

/** PDF pages are rendered at 200 dpi: the digitisation guidance's figure for ordinary papers (DOMAIN.md). */
export const PDF_RENDER_DPI = 200;

type Mupdf = typeof import('mupdf');
let loaded: Promise<Mupdf> | null = null;
/** mupdf is WebAssembly and takes a moment to start: loaded on the first PDF only. */
const mupdf = () => (loaded ??= import('mupdf'));

export type PdfDocument = { pageCount: number; render(index: number): DecodedPage; close(): void };

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
  return {
    pageCount,
    render(index) {
      try {
        const page = doc.loadPage(index);
        const [x0, y0, x1, y1] = page.getBounds();
        const pixels = (x1 - x0) * scale * ((y1 - y0) * scale);
        if (pixels > MAX_INPUT_PIXELS) throw imageErrors.tooLarge(name, pixels);
        const pix = page.toPixmap(m.Matrix.scale(scale, scale), m.ColorSpace.DeviceRGB, false, true);
        const width = pix.getWidth();
        const height = pix.getHeight();
        const stride = pix.getStride();
        const src = pix.getPixels();
        const data = Buffer.alloc(width * height * 3);
        for (let y = 0; y < height; y++) data.set(src.subarray(y * stride, y * stride + width * 3), y * width * 3);
        pix.destroy();
        page.destroy();
        return { data, width, height, channels: 3, bilevel: false, dpi: PDF_RENDER_DPI };
      } catch (error) {
        if (error instanceof Error && error.name === 'AppError') throw error;
        throw imageErrors.corrupt(name);
      }
    },
    close: () => doc.destroy(),
  };
}
