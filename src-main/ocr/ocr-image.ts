import sharp from 'sharp';

/**
 * The stored archive image prepared for the engine: luminance, with a 3×3 median only on pages
 * where photocopy toner specks are found (`measureOcrImage`). Each step was kept only where the
 * bench corpus (npm run bench:ocr, tests/fixtures/ocr-corpus, 40 pages, tesseract.js on each
 * variant of each stored page; CER) showed it lowers the error rate:
 * - 3×3 median on speckled photocopies: 17.96/11.23/33.87/13.09% → 15.47/8.36/13.65/8.29%
 *   (p06/p14/p22/p38). On every page, as before, it cost the low-contrast stamped page 2.94% →
 *   9.65% and the stamped pages 5.37% → 5.91% on average, and moved the others by ±0.5 point:
 *   hence only where specks are measured.
 * - red channel (red seals turn near-white) was dropped: on the five stamped pages without specks
 *   it gave 6.33% mean CER against 5.37% for luminance (better on two, worse on three); the
 *   engine's own binarisation already sets the seal's 85% red apart from black print.
 * - contrast stretch (darkest ink to 0, paper to 255) was tried on the faded pages and dropped:
 *   0.76% against 0.77% mean CER over five pages, no effect: the engine's Otsu threshold does not
 *   care about the range.
 * Deskew and orientation were done when the page was stored (src-main/imaging).
 *
 * Encoding: a binary PGM (P5) when asked (`format: 'pgm'`): Leptonica reads it with no
 * decompression and it costs nothing to make, where a PNG costs a deflate here (60–90 ms of CPU
 * for an A4 page at level 1) and an inflate in the WASM worker. The queue and `tiepnhan ocr` ask
 * for PGM; PNG (the default) is for files a person or another program opens (the bench's
 * preprocessed pages for the native CLI).
 * Preparing a page went from ~0.9 s of CPU (sharp: red channel, median, PNG) to ~0.1 s
 * (~0.3 s with the median).
 */

/**
 * Lone dark pixels (`countSpecks`) per megapixel above which a page is taken as a speckled
 * photocopy and median filtered. Measured on the 40 stored corpus pages: photocopies 2,600–2,780;
 * the stamped page with noise σ 22 611 (the noisy edge of the seal); all others 2–71 (8 pt print,
 * JPEG 40). 1,200 sits about 2× from both: the median on that stamped page cost 0.8 point of CER.
 */
const SPECKLE_PER_MP = 1200;

export type OcrImageSteps = {
  /** Darkest ink (0.5th percentile) and paper (90th percentile) grey levels; specks are darker than their middle. */
  ink: number;
  paper: number;
  /** Lone dark pixels per megapixel. */
  specklePerMp: number;
  median: boolean;
};

export type OcrImageFormat = 'pgm' | 'png';

export type OcrImage = {
  /** 8-bit grey, encoded as asked: what the engine reads. */
  image: Buffer;
  format: OcrImageFormat;
  width: number;
  height: number;
  steps: OcrImageSteps;
};

/** Grey level at quantile q of a histogram over n pixels. */
function quantile(hist: Uint32Array, n: number, q: number): number {
  let acc = 0;
  for (let v = 0; v < 256; v++) {
    acc += hist[v]!;
    if (acc >= n * q) return v;
  }
  return 255;
}

/**
 * Dark pixels below `threshold` that sit alone: the 16 pixels at distance 2 around them (the
 * 5×5 ring) are all light, so their blob fits in 3×3 and no stroke of a letter is near. A speck
 * counts 1 to 4 times (1×1 and 3×3 once, 2×2 four times). Diacritic dots and full stops at 8 pt
 * or more and 200 dpi are 4 px or wider, so they do not count.
 */
export function countSpecks(grey: Uint8Array, width: number, height: number, threshold: number): number {
  let specks = 0;
  for (let y = 2; y < height - 2; y++) {
    const row = y * width;
    for (let x = 2; x < width - 2; x++) {
      const i = row + x;
      if (grey[i]! >= threshold) continue;
      let alone = true;
      for (let d = -2; d <= 2 && alone; d++) {
        if (grey[i - 2 * width + d]! < threshold || grey[i + 2 * width + d]! < threshold) alone = false;
      }
      for (let d = -1; d <= 1 && alone; d++) {
        if (grey[i + d * width - 2]! < threshold || grey[i + d * width + 2]! < threshold) alone = false;
      }
      if (alone) specks++;
    }
  }
  return specks;
}

/** Exact 3×3 median (edges kept), by sorted column triples: about 40 ms for an A4 page at 200 dpi. */
export function median3x3(src: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(src);
  const lo = new Uint8Array(width);
  const mid = new Uint8Array(width);
  const hi = new Uint8Array(width);
  for (let y = 1; y < height - 1; y++) {
    const above = (y - 1) * width;
    const row = y * width;
    const below = (y + 1) * width;
    for (let x = 0; x < width; x++) {
      let a = src[above + x]!;
      let b = src[row + x]!;
      let c = src[below + x]!;
      let t: number;
      if (a > b) {
        t = a;
        a = b;
        b = t;
      }
      if (b > c) {
        t = b;
        b = c;
        c = t;
      }
      if (a > b) {
        t = a;
        a = b;
        b = t;
      }
      lo[x] = a;
      mid[x] = b;
      hi[x] = c;
    }
    for (let x = 1; x < width - 1; x++) {
      const maxLo = Math.max(lo[x - 1]!, lo[x]!, lo[x + 1]!);
      const minHi = Math.min(hi[x - 1]!, hi[x]!, hi[x + 1]!);
      const p = mid[x - 1]!;
      const q = mid[x]!;
      const r = mid[x + 1]!;
      // The median of the three column medians (with maxLo and minHi) is the median of the nine pixels.
      const m3 = Math.max(Math.min(p, q), Math.min(Math.max(p, q), r));
      out[row + x] = Math.max(Math.min(maxLo, m3), Math.min(Math.max(maxLo, m3), minHi));
    }
  }
  return out;
}

/** Decides the steps for one page from its pixels (interleaved, 1 or 3 channels) and returns its luminance. */
export function measureOcrImage(pixels: Uint8Array, width: number, height: number, channels: number): { grey: Uint8Array; steps: OcrImageSteps } {
  const n = width * height;
  let grey: Uint8Array;
  if (channels === 1) grey = pixels;
  else {
    grey = new Uint8Array(n);
    // Rec. 601 luma in fixed point, as libvips's b-w conversion of sRGB.
    for (let i = 0; i < n; i++) grey[i] = (77 * pixels[i * channels]! + 150 * pixels[i * channels + 1]! + 29 * pixels[i * channels + 2]! + 128) >> 8;
  }
  const hist = new Uint32Array(256);
  for (let i = 0; i < n; i++) hist[grey[i]!]!++;
  const ink = quantile(hist, n, 0.005);
  const paper = quantile(hist, n, 0.9);
  const specklePerMp = (countSpecks(grey, width, height, (ink + paper) / 2) / n) * 1e6;
  return { grey, steps: { ink, paper, specklePerMp: Math.round(specklePerMp), median: specklePerMp > SPECKLE_PER_MP } };
}

export async function imageForOcr(archive: Uint8Array, options: { format?: OcrImageFormat } = {}): Promise<OcrImage> {
  const format = options.format ?? 'png';
  const { data, info } = await sharp(archive).raw().toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const { grey, steps } = measureOcrImage(data, width, height, info.channels);
  const pixels = steps.median ? median3x3(grey, width, height) : grey;
  const image =
    format === 'pgm'
      ? Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1'), pixels])
      : await sharp(pixels, { raw: { width, height, channels: 1 } }).png({ compressionLevel: 1 }).toBuffer();
  return { image, format, width, height, steps };
}

/** Scans and imports without a resolution are taken as 200 dpi: the digitisation guidance's minimum (DOMAIN.md). */
export const FALLBACK_DPI = 200;
