import sharp from 'sharp';
import { rawBytesPerLine, type PageFrame } from '../../src-shared/scan/page-frame.js';

/**
 * A page as an image file, for `tiepnhan scan --out` and diagnostics: raw SANE frames become
 * PNG (lossless), pages that arrived encoded (eSCL, demo) are written as they came.
 * The archive pipeline (deskew, crop, JPEG/G4) is imaging's job, not this.
 */
export async function pageFile(frame: PageFrame): Promise<{ extension: 'png' | 'jpg'; bytes: Uint8Array }> {
  if (frame.format === 'png') return { extension: 'png', bytes: frame.data };
  if (frame.format === 'jpeg') return { extension: 'jpg', bytes: frame.data };
  if (frame.depth === 8) {
    const image = sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: frame.channels } });
    // Without an explicit colourspace sharp writes a one-channel raw input as RGB PNG.
    const png = await (frame.channels === 1 ? image.toColourspace('b-w') : image)
      .withDensity(frame.dpi)
      .png()
      .toBuffer();
    return { extension: 'png', bytes: png };
  }
  // 1-bit SANE lineart: a set bit is black. Expand to 8-bit gray, then store as a 2-colour PNG.
  const stride = rawBytesPerLine(frame);
  const gray = Buffer.alloc(frame.width * frame.height);
  for (let y = 0; y < frame.height; y++) {
    for (let x = 0; x < frame.width; x++) {
      const bit = (frame.data[y * stride + (x >> 3)]! >> (7 - (x & 7))) & 1;
      gray[y * frame.width + x] = bit ? 0 : 255;
    }
  }
  const png = await sharp(gray, { raw: { width: frame.width, height: frame.height, channels: 1 } })
    .toColourspace('b-w')
    .withDensity(frame.dpi)
    .png({ palette: true, colours: 2 })
    .toBuffer();
  return { extension: 'png', bytes: png };
}
