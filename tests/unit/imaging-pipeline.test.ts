import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ARCHIVE_JPEG_QUALITY } from '../../src-main/imaging/limits.js';
import { masterImage, processPage, type ProcessedPage } from '../../src-main/imaging/process-page.js';
import { a4Size, ruleAngleDeg, syntheticScan, type SyntheticPage } from '../fixtures/synthetic-page.js';

type GreyImage = { data: Buffer; width: number; height: number };

async function run(o: SyntheticPage): Promise<{ out: ProcessedPage; grey: GreyImage; input: GreyImage }> {
  const s = await syntheticScan(o);
  const inputGrey = await sharp(s.data, { raw: { width: s.width, height: s.height, channels: 3 } }).greyscale().raw().toBuffer();
  const frame = { index: 0, sheet: 0, side: 'front' as const, width: s.width, height: s.height, channels: 3 as const, depth: 8 as const, dpi: s.dpi, format: 'raw' as const, data: s.data };
  const out = await processPage({ kind: 'frame', frame });
  const { data, info } = await sharp(out.archive.data).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { out, grey: { data, width: info.width, height: info.height }, input: { data: inputGrey, width: s.width, height: s.height } };
}

describe('imaging pipeline on synthetic 200 dpi pages', () => {
  it('straightens a page fed 3° crooked (residual measured on the top rule < 0.5°)', async () => {
    for (const skewDeg of [3, -3]) {
      const { out, grey, input } = await run({ skewDeg, noise: 6 });
      // The same measurement on the input sees the skew, so it can tell a straight page from a crooked one.
      const before = ruleAngleDeg(input.data, input.width, input.height);
      expect(Math.abs(before! - skewDeg)).toBeLessThan(0.3);
      const residual = ruleAngleDeg(grey.data, grey.width, grey.height);
      console.log(`skew ${skewDeg}° (measured ${before?.toFixed(2)}°): applied ${out.skewDeg}°, residual ${residual?.toFixed(3)}°, turn ${out.turn}`);
      expect(residual).not.toBeNull();
      expect(Math.abs(residual!)).toBeLessThan(0.5);
      expect(out.turn).toBe(0);
      expect(out.blank).toBe(false);
    }
  });

  it('turns sideways and upside-down pages upright', async () => {
    for (const turn of [90, 180, 270] as const) {
      const { out, grey } = await run({ turn });
      const residual = ruleAngleDeg(grey.data, grey.width, grey.height);
      console.log(`turned ${turn}°: applied turn ${out.turn}, size ${out.width}×${out.height}, rule angle ${residual?.toFixed(3)}`);
      expect((out.turn + turn) % 360).toBe(0);
      expect(out.height).toBeGreaterThan(out.width);
      expect(residual).not.toBeNull();
      expect(Math.abs(residual!)).toBeLessThan(0.5);
    }
  });

  it('cuts away dark scanner-bed borders, also around a crooked sheet', async () => {
    const a4 = a4Size(200);
    for (const o of [{ border: 120 }, { border: 100, skewDeg: 2 }]) {
      const { out, grey } = await run({ ...o, noise: 6 });
      const residual = ruleAngleDeg(grey.data, grey.width, grey.height);
      // No dark rows or columns left at the edges.
      const edgeDark = (xs: number[], ys: number[]) => {
        let dark = 0;
        for (const y of ys) for (const x of xs) if (grey.data[y * grey.width + x]! < 100) dark++;
        return dark / (xs.length * ys.length);
      };
      const cols = Array.from({ length: grey.width }, (_, i) => i);
      const rows = Array.from({ length: grey.height }, (_, i) => i);
      const edges = [edgeDark(cols, [0, 1]), edgeDark(cols, [grey.height - 1, grey.height - 2]), edgeDark([0, 1], rows), edgeDark([grey.width - 1, grey.width - 2], rows)];
      console.log(`border ${JSON.stringify(o)}: ${out.width}×${out.height} (A4 ${a4.width}×${a4.height}), edge dark ${edges.map((e) => e.toFixed(3))}, residual ${residual?.toFixed(3)}`);
      expect(out.cropped).toBe(true);
      expect(Math.abs(out.width - a4.width)).toBeLessThan(a4.width * 0.03);
      expect(Math.abs(out.height - a4.height)).toBeLessThan(a4.height * 0.03);
      for (const e of edges) expect(e).toBeLessThan(0.02);
      expect(Math.abs(residual!)).toBeLessThan(0.5);
    }
  });

  it('flags blank sheets and keeps sparse ones', async () => {
    const blank = await run({ blank: true, noise: 20, border: 60 });
    const blank2 = await run({ blank: true, noise: 10 });
    const sparse = await run({ sparse: true, noise: 20 });
    const full = await run({ noise: 6 });
    console.log(`ink ratio: blank ${blank.out.inkRatio}, blank2 ${blank2.out.inkRatio}, sparse ${sparse.out.inkRatio}, full ${full.out.inkRatio}`);
    expect(blank.out.blank).toBe(true);
    expect(blank2.out.blank).toBe(true);
    expect(sparse.out.blank).toBe(false);
    expect(full.out.blank).toBe(false);
  });

  it('reports stored bytes per page at 200 dpi (colour, grey, black and white, master)', async () => {
    const s = await syntheticScan({ seal: true, noise: 3 });
    const grey = await sharp(s.data, { raw: { width: s.width, height: s.height, channels: 3 } }).greyscale().raw().toBuffer();
    const bw = Buffer.from(grey.map((v) => (v < 128 ? 0 : 255)));
    const colour = await processPage({ data: s.data, width: s.width, height: s.height, channels: 3, bilevel: false, dpi: 200 });
    const gray = await processPage({ data: grey, width: s.width, height: s.height, channels: 1, bilevel: false, dpi: 200 });
    const lineart = await processPage({ data: bw, width: s.width, height: s.height, channels: 1, bilevel: true, dpi: 200 });
    const master = await masterImage({ data: s.data, width: s.width, height: s.height, channels: 3, bilevel: false, dpi: 200 });
    const kb = (n: number) => `${Math.round(n / 1024)} KB`;
    console.log(
      `bytes/page, A4 text page at 200 dpi (±3 noise): colour JPEG q${ARCHIVE_JPEG_QUALITY} ${kb(colour.archive.data.length)}, ` +
        `grey JPEG ${kb(gray.archive.data.length)}, black-and-white 1-bit PNG ${kb(lineart.archive.data.length)}, ` +
        `thumbnail ${kb(colour.thumb.length)}, lossless master PNG ${kb(master.data.length)}`,
    );
    expect([colour.archive.format, gray.archive.format, lineart.archive.format]).toEqual(['jpeg', 'jpeg', 'png']);
    expect([colour.colourMode, gray.colourMode, lineart.colourMode]).toEqual(['color', 'gray', 'bw']);
    expect((await sharp(gray.archive.data).metadata()).channels).toBe(1);
    expect((await sharp(lineart.archive.data).metadata()).bitsPerSample).toBe(1);
    expect((await sharp(colour.archive.data).metadata()).density).toBe(200);
    // Bilevel pages are far smaller than any JPEG of the same page.
    expect(lineart.archive.data.length).toBeLessThan(gray.archive.data.length / 4);
  });
});
