import sharp, { type Metadata, type SharpOptions } from 'sharp';
import { rawBytesPerLine, type PageFrame } from '../../src-shared/scan/page-frame.js';
import { imageErrors } from './image-errors.js';
import { MAX_INPUT_PIXELS } from './limits.js';

/** An encoded image file (JPEG, PNG or one page of a TIFF), as imported or sent by eSCL. */
export type EncodedImage = { kind: 'encoded'; data: Uint8Array; name?: string; page?: number; dpi?: number };

/** What the imaging pipeline accepts: a scanner frame or an encoded image. */
export type PageInput = { kind: 'frame'; frame: PageFrame } | EncodedImage;

/** A fully decoded page: 8-bit pixels, 1 (grey) or 3 (RGB) channels, rows top to bottom. */
export type DecodedPage = {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 3;
  /** Only black and white (a 1-bit source): stored as a 1-bit PNG. */
  bilevel: boolean;
  dpi: number | null;
};

export const acceptedFormats = ['jpeg', 'png', 'tiff'] as const;

/** Base sharp options for untrusted input: pixel limit, fail on corrupt data, EXIF orientation applied. */
export const inputOptions = (page?: number): SharpOptions => ({
  limitInputPixels: MAX_INPUT_PIXELS,
  failOn: 'error',
  autoOrient: true,
  ...(page !== undefined ? { page } : {}),
});

/** Turns a sharp/libvips failure into a clear refusal. */
export function classifySharpError(error: unknown, name?: string): Error {
  const msg = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(msg)) return imageErrors.tooLarge(name);
  if (/unsupported image format|Input file is missing|bad seek/i.test(msg)) return imageErrors.notAnImage(name);
  return imageErrors.corrupt(name);
}

const MIN_SIDE = 16;

async function decodeEncoded(input: EncodedImage): Promise<DecodedPage> {
  let meta: Metadata;
  try {
    meta = await sharp(input.data, inputOptions(input.page)).metadata();
  } catch (error) {
    throw classifySharpError(error, input.name);
  }
  if (!(acceptedFormats as readonly string[]).includes(meta.format ?? '')) throw imageErrors.notAnImage(input.name);
  const pixels = (meta.width ?? 0) * (meta.pageHeight ?? meta.height ?? 0);
  if (pixels > MAX_INPUT_PIXELS) throw imageErrors.tooLarge(input.name, pixels);
  if ((meta.width ?? 0) < MIN_SIDE || (meta.height ?? 0) < MIN_SIDE) throw imageErrors.tooSmall(input.name);
  const grey = meta.space === 'b-w' || meta.space === 'grey16' || (meta.channels ?? 3) <= 2;
  const bilevel = meta.bitsPerSample === 1;
  try {
    let img = sharp(input.data, inputOptions(input.page));
    if (meta.hasAlpha) img = img.flatten({ background: '#ffffff' });
    img = grey || bilevel ? img.toColourspace('b-w') : img.toColourspace('srgb');
    const { data, info } = await img.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    const channels = info.channels === 1 ? 1 : 3;
    if (info.channels !== channels) throw new Error(`unexpected channel count ${info.channels}`);
    const dpi = input.dpi ?? (meta.density && meta.density >= 50 && meta.density <= 2400 ? Math.round(meta.density) : null);
    return { data, width: info.width, height: info.height, channels, bilevel, dpi };
  } catch (error) {
    if (error instanceof Error && error.name === 'AppError') throw error;
    throw classifySharpError(error, input.name);
  }
}

/** Unpacks a SANE-style raw frame (see PageFrame) to 8-bit pixels. */
function decodeRaw(frame: PageFrame): DecodedPage {
  const { width, height, channels, depth } = frame;
  if (width < MIN_SIDE || height < MIN_SIDE) throw imageErrors.tooSmall();
  if (width * height > MAX_INPUT_PIXELS) throw imageErrors.tooLarge(undefined, width * height);
  const line = rawBytesPerLine(frame);
  if (frame.data.length < line * height || (depth === 1 && channels !== 1)) throw imageErrors.badFrame();
  if (depth === 8) {
    const data = Buffer.from(frame.data.buffer, frame.data.byteOffset, line * height);
    return { data, width, height, channels, bilevel: false, dpi: frame.dpi };
  }
  // 1-bit lineart: MSB first, and as in SANE a set bit is black.
  const out = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * line;
    for (let x = 0; x < width; x++) {
      const bit = (frame.data[row + (x >> 3)]! >> (7 - (x & 7))) & 1;
      out[y * width + x] = bit ? 0 : 255;
    }
  }
  return { data: out, width, height, channels: 1, bilevel: true, dpi: frame.dpi };
}

/** Decodes any accepted input fully (so truncation is caught here), or refuses it clearly. */
export async function decodePage(input: PageInput): Promise<DecodedPage> {
  if (input.kind === 'encoded') return decodeEncoded(input);
  const f = input.frame;
  if (f.format === 'raw') return decodeRaw(f);
  return decodeEncoded({ kind: 'encoded', data: f.data, dpi: f.dpi });
}
