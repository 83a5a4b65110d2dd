import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { inkMap, inkPoints, type Grey, type InkMap } from '../../src-main/imaging/ink-map.js';
import { ANALYSIS_LONG_SIDE } from '../../src-main/imaging/limits.js';
import { detectOrientation, type QuarterTurn } from '../../src-main/imaging/orientation.js';
import { processPage } from '../../src-main/imaging/process-page.js';
import { prng } from '../fixtures/ocr-corpus/corpus.js';
import { sentences, wrap } from '../fixtures/ocr-corpus/corpus-text.js';
import { renderTextPage } from '../fixtures/ocr-corpus/text-page.js';

// Faded pages (the OCR corpus's "low-contrast" degradation, tests/fixtures/ocr-corpus/corpus.ts:
// blur 0.6, contrast 0.42 so black prints at ~130 on paper at ~235, gaussian noise σ 6, JPEG 80),
// generated here also turned by a quarter turn, skewed and laid on a dark scanner bed, which the
// corpus does not combine. With a fixed darkness threshold (55 % of the paper) the ink map found
// 1–8 % of these pages' ink and got 7 of 40 such turns wrong; it now sets the threshold between
// this page's paper and ink levels.

const DPI = 200;
const A4 = { width: 1654, height: 2339 };
const BED = 0x20;

let cleanPage: Promise<Buffer> | undefined;
/** An upright A4 text page (header and paragraphs in 11 pt Noto Serif), rendered once. */
function clean(): Promise<Buffer> {
  cleanPage ??= (async () => {
    const lines = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'ĐƠN ĐỀ NGHỊ CHỨNG THỰC BẢN SAO TỪ BẢN CHÍNH'];
    for (const s of sentences.slice(0, 7)) lines.push(...wrap(s, 80));
    return (await renderTextPage({ lines, dpi: DPI, heightPx: A4.height, marginPx: 150 })).png;
  })();
  return cleanPage;
}

type Scan = { turn?: QuarterTurn; skewDeg?: number; faded?: boolean; bed?: number; seed?: number };

const raw = async (img: Sharp): Promise<Grey> => {
  const { data, info } = await img.toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
};
const fromGrey = (g: Grey) => sharp(g.data, { raw: { width: g.width, height: g.height, channels: 1 } });

/** Seeded gaussian noise of σ `sigma` added in place. */
function addNoise(g: Grey, sigma: number, seed: number): void {
  const rand = prng(seed);
  for (let i = 0; i < g.data.length; i++) {
    const n = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand()) * sigma;
    g.data[i] = Math.max(0, Math.min(255, Math.round(g.data[i]! + n)));
  }
}

/**
 * A scanner's grey frame of `page`: turned, optics blur, faded like the corpus's low-contrast
 * pages (or not), fed crooked, on a dark bed of `bed` pixels per side when asked (the bed is the
 * scanner's, not faded), noise, JPEG 80.
 */
async function scan(page: Buffer, o: Scan): Promise<Grey> {
  let img = sharp(page);
  if (o.turn) img = fromGrey(await raw(img.rotate(o.turn)));
  img = img.blur(0.6);
  if (o.faded) img = img.linear(0.42, 130);
  let g = await raw(img);
  // Fed crooked: onto the bed when there is one (the sheet lies crooked on it), else within the paper.
  const fill = o.bed ? BED : o.faded ? 235 : 255;
  if (o.skewDeg) g = await raw(fromGrey(g).rotate(o.skewDeg, { background: { r: fill, g: fill, b: fill } }));
  if (o.bed) g = await raw(fromGrey(g).extend({ top: o.bed, bottom: o.bed, left: o.bed, right: o.bed, background: { r: BED, g: BED, b: BED } }));
  addNoise(g, 6, o.seed ?? 7);
  return raw(sharp(await fromGrey(g).jpeg({ quality: 80 }).toBuffer()));
}

/** The analysis copy process-page.ts makes (long side ANALYSIS_LONG_SIDE) and its ink map. */
async function analyse(g: Grey): Promise<{ small: Grey; map: InkMap }> {
  const scale = Math.min(1, ANALYSIS_LONG_SIDE / Math.max(g.width, g.height));
  const small = await raw(fromGrey(g).resize(Math.round(g.width * scale), Math.round(g.height * scale), { fit: 'fill' }));
  return { small, map: inkMap(small) };
}

/** Fraction of `truth`'s ink pixels that `found` also calls ink (same geometry). */
function recall(truth: InkMap, found: InkMap): number {
  let both = 0;
  for (let i = 0; i < truth.ink.length; i++) both += truth.ink[i]! & found.ink[i]!;
  return both / truth.inkCount;
}

const undo = (turn: QuarterTurn) => ((360 - turn) % 360) as QuarterTurn;
const decoded = (g: Grey) => ({ data: Buffer.from(g.data), width: g.width, height: g.height, channels: 1 as const, bilevel: false, dpi: DPI });

describe('ink map on faded pages', () => {
  it('finds most of the ink the same page has when not faded', async () => {
    const page = await clean();
    for (const o of [{}, { turn: 90 as const, skewDeg: 3 }]) {
      const sharpScan = await analyse(await scan(page, o));
      const faded = await analyse(await scan(page, { ...o, faded: true }));
      const r = recall(sharpScan.map, faded.map);
      console.log(
        `${JSON.stringify(o)}: ink ${faded.map.inkCount} faded vs ${sharpScan.map.inkCount} unfaded, recall ${r.toFixed(2)}, ` +
          `paper ${faded.map.paperWhite}, threshold ${faded.map.threshold.toFixed(1)} (unfaded ${sharpScan.map.threshold.toFixed(1)})`,
      );
      expect(r).toBeGreaterThan(0.8);
      // Not by calling everything ink: no more than the unfaded page has, give or take the blur.
      expect(faded.map.inkCount).toBeLessThan(sharpScan.map.inkCount * 1.3);
      expect(faded.map.threshold).toBeGreaterThan(faded.map.paperWhite - 80);
      expect(faded.map.threshold).toBeLessThan(faded.map.paperWhite - 30);
    }
  });

  it('turns faded pages upright from 90, 180 and 270 and finds their skew', async () => {
    const page = await clean();
    const cases: [QuarterTurn, number][] = [[0, 3], [90, 0], [270, 0], [90, 3], [180, -3], [270, -2]];
    for (const [turn, skewDeg] of cases) {
      const { small, map } = await analyse(await scan(page, { turn, skewDeg, faded: true, seed: turn + skewDeg }));
      const { xs, ys } = inkPoints(map);
      const r = detectOrientation(xs, ys, small.width, small.height);
      console.log(`faded, turned ${turn}, skew ${skewDeg}°: turn ${r.turn}, skew ${r.skewDeg}°, ascender ${r.ascender?.toFixed(2)}, ink ${map.inkCount}`);
      expect({ turn, skewDeg, found: r.turn }).toEqual({ turn, skewDeg, found: undo(turn) });
      // The page was turned clockwise by skewDeg, so straightening it is the opposite turn.
      expect(Math.abs(r.skewDeg + skewDeg)).toBeLessThan(0.3);
    }
  });

  it('straightens, turns and crops a faded page fed sideways and crooked onto a dark bed', async () => {
    const g = await scan(await clean(), { turn: 90, skewDeg: 3, faded: true, bed: 100 });
    const out = await processPage(decoded(g));
    console.log(`faded on bed: turn ${out.turn}, skew ${out.skewDeg}°, ${out.width}×${out.height}, cropped ${out.cropped}, ink ratio ${out.inkRatio.toFixed(4)}`);
    expect(out.turn).toBe(270);
    expect(Math.abs(out.skewDeg + 3)).toBeLessThan(0.3);
    expect(out.cropped).toBe(true);
    expect(out.blank).toBe(false);
    // The sheet, turned upright, without the bed.
    expect(Math.abs(out.width - A4.width)).toBeLessThan(A4.width * 0.03);
    expect(Math.abs(out.height - A4.height)).toBeLessThan(A4.height * 0.03);
  });
});

describe('blank pages stay blank with a threshold set per page', () => {
  /** A sheet of `paper` grey, its noise σ, optionally with the mirrored page showing through at `showThrough` of its contrast. */
  async function sheet(paper: number, sigma: number, showThrough = 0, bed = 0): Promise<Grey> {
    const back = await raw(sharp(await clean()).flop().blur(2));
    const g = { ...back, data: new Uint8Array(back.data.length) };
    for (let i = 0; i < g.data.length; i++) g.data[i] = Math.round(paper - (255 - back.data[i]!) * showThrough);
    addNoise(g, sigma, 11);
    let img = fromGrey(g);
    if (bed) img = fromGrey(await raw(img.extend({ top: bed, bottom: bed, left: bed, right: bed, background: { r: BED, g: BED, b: BED } })));
    return raw(sharp(await img.jpeg({ quality: 80 }).toBuffer()));
  }

  it('flags grey, noisy and show-through blank sheets, with and without a bed, and keeps a faded short line', async () => {
    const cases: [string, Grey, boolean][] = [
      ['grey faded paper 235, σ 6', await sheet(235, 6), true],
      ['recycled paper 220, σ 12', await sheet(220, 12), true],
      // The blank back of a printed sheet: the print shows through at a tenth of its contrast.
      ['show-through 10 %', await sheet(250, 6, 0.1), true],
      ['show-through 10 % on a bed', await sheet(250, 6, 0.1, 80), true],
    ];
    // One faded short line on an otherwise blank sheet is a page.
    const line = await renderTextPage({ lines: ['Trang bổ sung số 2'], dpi: DPI, widthPx: A4.width, heightPx: A4.height, marginPx: 300 });
    cases.push(['one faded line', await scan(line.png, { faded: true }), false]);
    for (const [name, g, blank] of cases) {
      const out = await processPage(decoded(g));
      const { map } = await analyse(g);
      console.log(`${name}: ink ratio ${out.inkRatio.toFixed(5)}, blank ${out.blank}, paper ${map.paperWhite}, threshold ${map.threshold.toFixed(1)}`);
      expect({ name, blank: out.blank }).toEqual({ name, blank });
    }
  });
});
