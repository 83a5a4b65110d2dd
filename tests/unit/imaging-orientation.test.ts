import sharp, { type OverlayOptions } from 'sharp';
import { describe, expect, it } from 'vitest';
import { inkMap, inkPoints } from '../../src-main/imaging/ink-map.js';
import { ANALYSIS_LONG_SIDE } from '../../src-main/imaging/limits.js';
import { ascenderRatio, detectOrientation, type QuarterTurn } from '../../src-main/imaging/orientation.js';
import { fontfile } from '../fixtures/ocr-corpus/text-page.js';

// Generated pages (no binary fixture): Vietnamese lines in Noto Serif at 200 dpi on half an A4
// sheet, optionally with a ruled table, a red commune seal over the signature block (as in
// tests/fixtures/ocr-corpus stamp pages) and a skew, then turned by a quarter turn. The analysis
// copy is made the way src-main/imaging/process-page.ts makes it (long side ANALYSIS_LONG_SIDE,
// greyscale, ink map), so the seal is dark ink here as it is there.

const DPI = 200;
const W = 1654;
const H = 1300;
const lines = [
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'ĐƠN ĐỀ NGHỊ CHỨNG THỰC BẢN SAO TỪ BẢN CHÍNH',
  'Kính gửi: Ủy ban nhân dân xã Tân Định',
  'Họ và tên: Nguyễn Văn Đường    Ngày sinh: 12/08/1975',
  'Nơi thường trú: ấp Bình Đường, xã Tân Định, Thành phố Hồ Chí Minh',
  'Số CCCD: 079075001234    Ngày cấp: 03/04/2021',
  'Tôi xin cam đoan những thông tin khai trên là đúng sự thật và chịu trách nhiệm.',
  'Hồ sơ gồm bản chính giấy khai sinh, sổ hộ khẩu và giấy chứng nhận quyền sử dụng đất.',
];

type Options = { table?: boolean; seal?: boolean; skewDeg?: number };

async function textRun(text: string, sizePt = 11) {
  return sharp({ text: { text, font: `Noto Serif ${sizePt}`, fontfile, dpi: DPI, wrap: 'none' } }).greyscale().negate().png().toBuffer();
}

async function page(o: Options): Promise<Buffer> {
  const items: OverlayOptions[] = [];
  let y = 120;
  for (const l of lines) {
    items.push({ input: await textRun(l), left: 150, top: y });
    y += 50;
  }
  const svg: string[] = [];
  if (o.table) {
    // Three ruled rows: rules 3 px, text 6 px under each rule (tables touch their rules in scans).
    const top = y + 10;
    for (let r = 0; r < 3; r++) items.push({ input: await textRun(`${r + 1}   Bản sao giấy khai sinh   Bản chính   01`), left: 170, top: top + r * 60 + 8 });
    for (let r = 0; r <= 3; r++) svg.push(`<line x1="150" y1="${top + r * 60}" x2="1500" y2="${top + r * 60}" stroke="black" stroke-width="3"/>`);
    for (const x of [150, 260, 1000, 1300, 1500]) svg.push(`<line x1="${x}" y1="${top}" x2="${x}" y2="${top + 180}" stroke="black" stroke-width="3"/>`);
    y = top + 200;
  }
  const signTop = y + 20;
  for (const [k, l] of ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', '', '', 'Nguyễn Văn Đường'].entries()) if (l) items.push({ input: await textRun(l), left: 1000, top: signTop + k * 50 });
  if (o.seal) {
    const r = 150;
    const cx = 1080;
    const cy = signTop + 45;
    svg.push(
      `<g fill="none" stroke="#c8102e" stroke-opacity="0.85"><circle cx="${cx}" cy="${cy}" r="${r}" stroke-width="7"/><circle cx="${cx}" cy="${cy}" r="${r - 16}" stroke-width="3"/>` +
        `<circle cx="${cx}" cy="${cy}" r="${Math.round(r * 0.55)}" stroke-width="3"/></g>` +
        `<text x="${cx}" y="${cy + 17}" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="50" fill="#c8102e" fill-opacity="0.85">★</text>`,
    );
  }
  if (svg.length) items.push({ input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${svg.join('')}</svg>`), left: 0, top: 0, blend: 'multiply' });
  let img = sharp(await sharp({ create: { width: W, height: H, channels: 3, background: '#ffffff' } }).composite(items).png().toBuffer());
  if (o.skewDeg) img = sharp(await img.rotate(o.skewDeg, { background: '#ffffff' }).png().toBuffer());
  return img.blur(0.6).png().toBuffer();
}

/** The source as a scanner would deliver it, turned clockwise by `turn`, analysed as process-page does. */
async function analyse(png: Buffer, turn: QuarterTurn) {
  const turned = await sharp(png).rotate(turn).png().toBuffer();
  const meta = await sharp(turned).metadata();
  const scale = Math.min(1, ANALYSIS_LONG_SIDE / Math.max(meta.width!, meta.height!));
  const { data, info } = await sharp(turned)
    .resize(Math.round(meta.width! * scale), Math.round(meta.height! * scale), { fit: 'fill' })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { xs, ys } = inkPoints(inkMap({ data, width: info.width, height: info.height }));
  return detectOrientation(xs, ys, info.width, info.height);
}

const undo = (turn: QuarterTurn) => ((360 - turn) % 360) as QuarterTurn;

describe('detectOrientation', () => {
  const cases: [string, Options][] = [
    ['plain', {}],
    ['ruled table', { table: true }],
    ['red seal over the signature, skewed −3°', { seal: true, skewDeg: -3, table: true }],
    ['red seal, skewed +2.5°', { seal: true, skewDeg: 2.5 }],
  ];
  for (const [name, o] of cases) {
    it(`turns a ${name} page upright from 0, 90, 180 and 270`, async () => {
      const png = await page(o);
      for (const turn of [0, 90, 180, 270] as const) {
        const r = await analyse(png, turn);
        expect({ turn, found: r.turn, ascender: r.ascender }).toEqual({ turn, found: undo(turn), ascender: r.ascender });
        expect(r.sideways).toBe(turn % 180 !== 0);
        // Deskew is found in the turned frame too: the page's skew, within the fine step.
        expect(Math.abs(r.skewDeg - -(o.skewDeg ?? 0))).toBeLessThan(0.2);
        // A clear call, not a coin toss near the 0.42 flip threshold.
        // Measured in the frame turned by 90 when sideways, so a page turned 270 reads upright there.
        if (turn === 0 || turn === 270) expect(r.ascender).toBeGreaterThan(0.55);
        else expect(r.ascender).toBeLessThan(0.35);
      }
    }, 30_000);
  }
});

describe('ascenderRatio', () => {
  // Synthetic row profiles: a text line is 3 rows of ascender ink, 8 rows of x-height band, 1 row
  // of descender ink, 6 empty rows between lines.
  const profile = (n: number, extra?: (h: Float64Array) => void) => {
    const h = new Float64Array(20 + n * 18 + 300);
    for (let l = 0; l < n; l++) {
      const top = 10 + l * 18;
      for (let k = 0; k < 3; k++) h[top + k] = 20;
      for (let k = 3; k < 11; k++) h[top + k] = 100;
      h[top + 11] = 15;
    }
    extra?.(h);
    return h;
  };
  it('is above one half for upright lines and below for the same lines upside down', () => {
    const up = ascenderRatio(profile(6))!;
    expect(up).toBeCloseTo(60 / 75, 5);
    expect(ascenderRatio(profile(6).reverse())).toBeCloseTo(15 / 75, 5);
  });
  it('gives no answer for fewer than three lines', () => {
    expect(ascenderRatio(profile(2))).toBeNull();
    expect(ascenderRatio(new Float64Array(100))).toBeNull();
  });
  it('does not let a tall block (a seal over several lines) vote', () => {
    // A run 200 rows tall whose first rows are its densest: as a "line" it is all descender.
    const seal = (h: Float64Array) => {
      const s = 20 + 6 * 18 + 20;
      for (let k = 0; k < 10; k++) h[s + k] = 120;
      for (let k = 10; k < 200; k++) h[s + k] = 50;
    };
    expect(ascenderRatio(profile(6, seal))).toBeCloseTo(60 / 75, 5);
  });
});
