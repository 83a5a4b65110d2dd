import { ScanError } from '../../src-shared/scan/scan-errors.js';

/**
 * Width, height and channels of an encoded page, read from its header without decoding:
 * pages from eSCL and the demo scanner arrive as PNG/JPEG, and the page frame must say
 * their size. Decoding belongs to imaging (sharp); this only reads a few header bytes.
 */
export type ImageInfo = { width: number; height: number; channels: 1 | 3; dpi: number | null };

/** PNG: IHDR and pHYs chunks (PNG spec, sections 11.2.2 and 11.3.5.3). */
export function pngInfo(png: Uint8Array): ImageInfo {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  if (png.length < 33 || signature.some((b, i) => png[i] !== b)) throw new ScanError('INVALID', 'not a PNG file');
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const colorType = png[25]!;
  // Gray and gray+alpha are one channel; palette, RGB and RGBA decode to colour.
  const channels = colorType === 0 || colorType === 4 ? 1 : 3;
  let dpi: number | null = null;
  for (let at = 8; at + 12 <= png.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(png[at + 4]!, png[at + 5]!, png[at + 6]!, png[at + 7]!);
    // Unit 1 = pixels per metre.
    if (type === 'pHYs' && png[at + 16] === 1) dpi = Math.round(view.getUint32(at + 8) * 0.0254);
    if (type === 'IDAT' || type === 'IEND') break;
    at += 12 + length;
  }
  return { width, height, channels, dpi };
}

/** JPEG: the first SOFn segment (ITU T.81, B.2.2), and the JFIF density when it is in dots per inch. */
export function jpegInfo(jpeg: Uint8Array): ImageInfo {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new ScanError('INVALID', 'not a JPEG file');
  const view = new DataView(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength);
  let dpi: number | null = null;
  for (let at = 2; at + 4 <= jpeg.length; ) {
    if (jpeg[at] !== 0xff) throw new ScanError('INVALID', 'corrupt JPEG marker');
    const marker = jpeg[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const length = view.getUint16(at + 2);
    // APP0 "JFIF\0", units byte 1 = dots per inch.
    if (marker === 0xe0 && length >= 14 && jpeg[at + 4] === 0x4a && jpeg[at + 11] === 1) dpi = view.getUint16(at + 12);
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof && at + 10 <= jpeg.length) {
      const height = view.getUint16(at + 5);
      const width = view.getUint16(at + 7);
      const components = jpeg[at + 9]!;
      return { width, height, channels: components === 1 ? 1 : 3, dpi };
    }
    at += 2 + length;
  }
  throw new ScanError('INVALID', 'JPEG without a frame header');
}
