import sharp, { type Sharp } from 'sharp';
import { decodePage, type DecodedPage, type PageInput } from './decode.js';
import { inkMap, inkPoints, type Grey } from './ink-map.js';
import { ANALYSIS_LONG_SIDE, ARCHIVE_JPEG_QUALITY, BLANK_INK_RATIO, MIN_SKEW_TO_FIX_DEG, THUMB_JPEG_QUALITY, THUMB_WIDTH } from './limits.js';
import { detectOrientation, type QuarterTurn } from './orientation.js';
import { inkCoverage, paperBounds, type Box } from './paper-bounds.js';
import { estimateSkew } from './skew.js';

export type ColourMode = 'color' | 'gray' | 'bw';
export type ImageFormat = 'jpeg' | 'png';

export type ProcessOptions = {
  /**
   * Upright turn decided by the clerk (clockwise, relative to the source as received);
   * skips orientation detection. Deskew and crop still run.
   */
  turn?: QuarterTurn;
};

export type ProcessedPage = {
  archive: { data: Buffer; format: ImageFormat };
  thumb: Buffer;
  width: number;
  height: number;
  dpi: number | null;
  colourMode: ColourMode;
  blank: boolean;
  /** Ink fraction of the paper, the figure the blank flag is decided from. */
  inkRatio: number;
  /** Quarter turn applied (clockwise), auto-detected or the clerk's. */
  turn: QuarterTurn;
  /** Clockwise deskew rotation applied, degrees (0 when below MIN_SKEW_TO_FIX_DEG). */
  skewDeg: number;
  /** Whether scanner-bed borders were cut away. */
  cropped: boolean;
};

const toGrey = async (img: Sharp): Promise<Grey> => {
  const { data, info } = await img.toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
};

const rawInput = (d: { width: number; height: number; channels: 1 | 3 }) => ({ raw: { width: d.width, height: d.height, channels: d.channels } });

/** Size of the canvas sharp produces when rotating w×h by `deg` (it expands to hold the corners). */
function rotatedSize(w: number, h: number, deg: number): { w: number; h: number } {
  const r = (deg * Math.PI) / 180;
  const c = Math.abs(Math.cos(r));
  const s = Math.abs(Math.sin(r));
  return { w: Math.round(w * c + h * s), h: Math.round(w * s + h * c) };
}

/**
 * One page through the whole pipeline: decode (refusing bad input), analyse a downscaled copy
 * (bed, skew, orientation, blank), then one rotation and one crop of the full-resolution
 * image, and the encodings that are stored. The lossless master is not made here: see
 * `masterImage`, it is the source as received.
 */
export async function processPage(input: PageInput | DecodedPage, options: ProcessOptions = {}): Promise<ProcessedPage> {
  const page = 'kind' in input ? await decodePage(input) : input;
  const { width, height } = page;
  const scale = Math.min(1, ANALYSIS_LONG_SIDE / Math.max(width, height));
  const aw = Math.max(1, Math.round(width * scale));
  const ah = Math.max(1, Math.round(height * scale));
  const small = await toGrey(sharp(page.data, rawInput(page)).resize(aw, ah, { fit: 'fill' }));
  const map = inkMap(small);
  const { xs, ys } = inkPoints(map);
  let skewDeg: number;
  let turn: QuarterTurn;
  if (options.turn === undefined) {
    ({ skewDeg, turn } = detectOrientation(xs, ys, small.width, small.height));
  } else {
    turn = options.turn;
    skewDeg = estimateSkew(xs, ys, small.width, small.height, turn % 180).angleDeg;
  }
  if (Math.abs(skewDeg) < MIN_SKEW_TO_FIX_DEG) skewDeg = 0;
  const angle = skewDeg + turn;
  const hasBed = map.bedCount >= small.width * small.height * 0.005;
  const paper = map.paperWhite;
  // With a bed, rotate onto black so the bed and the fill crop away together; without one, onto
  // paper colour so the corners the rotation uncovers look like paper.
  const background = hasBed ? { r: 0, g: 0, b: 0 } : { r: paper, g: paper, b: paper };

  // Crop box, found on the rotated analysis copy and scaled up to full resolution.
  let after = map;
  let box: Box | null = null;
  if (angle !== 0) {
    after = inkMap(await toGrey(sharp(small.data, rawInput({ ...small, channels: 1 })).rotate(angle, { background })));
  }
  const full = rotatedSize(width, height, angle);
  if (hasBed) {
    const smallBox = paperBounds(after);
    if (smallBox) {
      const sx = full.w / after.width;
      const sy = full.h / after.height;
      const left = Math.min(full.w - 1, Math.ceil(smallBox.left * sx));
      const top = Math.min(full.h - 1, Math.ceil(smallBox.top * sy));
      box = {
        left,
        top,
        width: Math.max(1, Math.min(full.w - left, Math.floor(smallBox.width * sx))),
        height: Math.max(1, Math.min(full.h - top, Math.floor(smallBox.height * sy))),
      };
    }
  } else if (skewDeg !== 0) {
    // Keep the page's own size: cut the expanded canvas back around the centre.
    const turned = turn % 180 === 0 ? { w: width, h: height } : { w: height, h: width };
    box = {
      left: Math.max(0, Math.round((full.w - turned.w) / 2)),
      top: Math.max(0, Math.round((full.h - turned.h) / 2)),
      width: Math.min(turned.w, full.w),
      height: Math.min(turned.h, full.h),
    };
  }
  const coverageBox =
    box && hasBed
      ? {
          left: Math.round(box.left / (full.w / after.width)),
          top: Math.round(box.top / (full.h / after.height)),
          width: Math.round(box.width / (full.w / after.width)),
          height: Math.round(box.height / (full.h / after.height)),
        }
      : null;
  const inkRatio = inkCoverage(after, coverageBox);

  let img = sharp(page.data, rawInput(page));
  if (angle !== 0) img = img.rotate(angle, { background });
  if (box) img = img.extract(box);
  if (page.bilevel) img = img.threshold(128);
  const out = await img.raw().toBuffer({ resolveWithObject: true });
  const outChannels: 1 | 3 = out.info.channels === 1 ? 1 : 3;
  const processed = () => sharp(out.data, rawInput({ width: out.info.width, height: out.info.height, channels: outChannels }));
  const colourMode: ColourMode = page.bilevel ? 'bw' : page.channels === 1 ? 'gray' : 'color';
  const withDpi = (s: Sharp) => (page.dpi ? s.withDensity(page.dpi) : s);

  const archive =
    colourMode === 'bw'
      ? { data: await withDpi(processed().toColourspace('b-w').png({ palette: true, colours: 2, compressionLevel: 9 })).toBuffer(), format: 'png' as const }
      : {
          data: await withDpi(colourMode === 'gray' ? processed().toColourspace('b-w') : processed())
            .jpeg({ quality: ARCHIVE_JPEG_QUALITY })
            .toBuffer(),
          format: 'jpeg' as const,
        };
  const thumb = await processed().resize({ width: THUMB_WIDTH }).jpeg({ quality: THUMB_JPEG_QUALITY }).toBuffer();
  return {
    archive,
    thumb,
    width: out.info.width,
    height: out.info.height,
    dpi: page.dpi,
    colourMode,
    blank: inkRatio < BLANK_INK_RATIO,
    inkRatio,
    turn,
    skewDeg,
    cropped: hasBed && box !== null,
  };
}

/**
 * The lossless master kept until the clerk confirms the page: the source as received, so a
 * re-processing (the clerk's rotation, a better crop) starts from the scanner's own pixels.
 * A whole JPEG or PNG file (an import, an eSCL page) is kept byte for byte as `original`;
 * raw frames, TIFF pages and rendered PDF pages become PNG.
 */
export async function masterImage(decoded: DecodedPage, original?: { data: Uint8Array; format: ImageFormat }): Promise<{ data: Buffer; format: ImageFormat }> {
  if (original) return { data: Buffer.from(original.data), format: original.format };
  let img = sharp(decoded.data, rawInput(decoded));
  if (decoded.dpi) img = img.withDensity(decoded.dpi);
  // Level 6: ~5.4 MB and ~0.5 s for a noisy 200 dpi colour A4 page here; level 1 is 3× faster but 1.5× bigger.
  const data = decoded.bilevel ? await img.png({ palette: true, colours: 2 }).toBuffer() : await img.png({ compressionLevel: 6 }).toBuffer();
  return { data, format: 'png' };
}

/**
 * Turns an already stored archive image by a quarter turn, for pages whose master is gone
 * (confirmed). PNG stays lossless; a JPEG takes one more generation at the archive quality.
 */
export async function turnStoredImage(data: Uint8Array, format: ImageFormat, turn: QuarterTurn, dpi: number | null): Promise<{ archive: { data: Buffer; format: ImageFormat }; thumb: Buffer; width: number; height: number }> {
  const { data: raw, info } = await sharp(data, { limitInputPixels: false }).rotate(turn).raw().toBuffer({ resolveWithObject: true });
  const channels: 1 | 3 = info.channels === 1 ? 1 : 3;
  const img = () => sharp(raw, rawInput({ width: info.width, height: info.height, channels }));
  const withDpi = (s: Sharp) => (dpi ? s.withDensity(dpi) : s);
  const archive =
    format === 'png'
      ? { data: await withDpi(img().png({ palette: true, colours: 2, compressionLevel: 9 })).toBuffer(), format }
      : { data: await withDpi(img()).jpeg({ quality: ARCHIVE_JPEG_QUALITY }).toBuffer(), format };
  const thumb = await img().resize({ width: THUMB_WIDTH }).jpeg({ quality: THUMB_JPEG_QUALITY }).toBuffer();
  return { archive, thumb, width: info.width, height: info.height };
}
