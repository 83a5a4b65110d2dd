import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { countSpecks, imageForOcr, measureOcrImage, median3x3 } from '../../src-main/ocr/ocr-image.js';
import { wordsFromTsv } from '../../src-main/ocr/tesseract-engine.js';
import { prng } from '../fixtures/ocr-corpus/corpus.js';

const W = 400;
const H = 300;

/** A grey page: paper `paper`, ten "text lines" of ink `ink` (bars 12 px tall), optional specks. */
function page(o: { paper?: number; ink?: number; specks?: number; seed?: number } = {}): Uint8Array {
  const paper = o.paper ?? 250;
  const ink = o.ink ?? 20;
  const g = new Uint8Array(W * H).fill(paper);
  for (let l = 0; l < 10; l++) for (let y = 20 + l * 26; y < 32 + l * 26; y++) for (let x = 30; x < 370; x++) if ((x >> 3) % 3 !== 0) g[y * W + x] = ink;
  const rand = prng(o.seed ?? 7);
  for (let k = 0; k < (o.specks ?? 0); k++) {
    const x = 3 + Math.floor(rand() * (W - 6));
    const y = 3 + Math.floor(rand() * (H - 6));
    g[y * W + x] = 10;
  }
  return g;
}

describe('median3x3', () => {
  it('is the exact median of each 3×3 neighbourhood and keeps the edges', () => {
    const rand = prng(3);
    const w = 37;
    const h = 23;
    const src = Uint8Array.from({ length: w * h }, () => Math.floor(rand() * 256));
    const out = median3x3(src, w, h);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        if (y === 0 || x === 0 || y === h - 1 || x === w - 1) {
          expect(out[y * w + x]).toBe(src[y * w + x]);
          continue;
        }
        const v: number[] = [];
        for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) v.push(src[(y + dy) * w + x + dx]!);
        v.sort((a, b) => a - b);
        expect(out[y * w + x]).toBe(v[4]);
      }
  });
});

describe('countSpecks', () => {
  it('counts lone dark pixels on the paper and not the strokes of text', () => {
    expect(countSpecks(page(), W, H, 135)).toBe(0);
    const specked = countSpecks(page({ specks: 200 }), W, H, 135);
    // Specks landing on or next to the bars are not alone; most land on paper.
    expect(specked).toBeGreaterThan(100);
    expect(specked).toBeLessThanOrEqual(200);
  });
});

describe('measureOcrImage', () => {
  it('leaves an office page and a faded one alone', () => {
    expect(measureOcrImage(page(), W, H, 1).steps).toMatchObject({ median: false, ink: 20, paper: 250 });
    expect(measureOcrImage(page({ paper: 235, ink: 130 }), W, H, 1).steps).toMatchObject({ median: false, ink: 130, paper: 235 });
  });
  it('median filters a speckled photocopy only', () => {
    // About the corpus photocopies' count of lone dark pixels (those on or beside the bars are not alone).
    const { steps } = measureOcrImage(page({ specks: Math.round(W * H * 0.004) }), W, H, 1);
    expect(steps.median).toBe(true);
    expect(steps.specklePerMp).toBeGreaterThan(2000);
    expect(measureOcrImage(page({ specks: Math.round(W * H * 0.0005) }), W, H, 1).steps.median).toBe(false);
    expect(measureOcrImage(page({ specks: 3 }), W, H, 1).steps.median).toBe(false);
  });
  it('reads a colour page as its luminance', () => {
    const grey = page();
    const rgb = new Uint8Array(W * H * 3);
    for (let i = 0; i < W * H; i++) rgb.set([grey[i]!, grey[i]!, grey[i]!], i * 3);
    rgb.set([208, 53, 77], (150 * W + 110) * 3);
    const { grey: luma } = measureOcrImage(rgb, W, H, 3);
    expect(luma[0]).toBe(250);
    expect(luma[25 * W + 40]).toBe(20);
    // The corpus seal red: 0.299·208 + 0.587·53 + 0.114·77 ≈ 102.
    expect(Math.abs(luma[150 * W + 110]! - 102)).toBeLessThanOrEqual(1);
  });
});

describe('imageForOcr', () => {
  it('hands the engine an 8-bit PGM of the page', async () => {
    const jpeg = await sharp(Buffer.from(page()), { raw: { width: W, height: H, channels: 1 } }).jpeg({ quality: 90 }).toBuffer();
    const r = await imageForOcr(jpeg, { format: 'pgm' });
    expect(r.image.subarray(0, 15).toString('latin1')).toBe(`P5\n${W} ${H}\n255\n`);
    expect(r.image.length).toBe(15 + W * H);
    // Pixels after the header, row by row: paper at the top left, ink inside the first bar.
    expect(r.image[15]!).toBeGreaterThan(240);
    expect(r.image[15 + 25 * W + 40]!).toBeLessThan(40);
    expect(r.steps.median).toBe(false);
    // The default stays PNG, the same pixels.
    const png = await imageForOcr(jpeg);
    const data = await sharp(png.image).extractChannel(0).raw().toBuffer();
    expect(data.length).toBe(W * H);
    expect(Buffer.compare(data, r.image.subarray(15))).toBe(0);
  });
});

describe('wordsFromTsv', () => {
  it('reads word rows with boxes and confidences and numbers lines and paragraphs through the page', () => {
    const tsv = [
      '1\t1\t0\t0\t0\t0\t0\t0\t400\t300\t-1\t',
      '5\t1\t1\t1\t1\t1\t10\t20\t50\t15\t96.5\tỦy',
      '5\t1\t1\t1\t1\t2\t65\t20\t40\t15\t91\tban',
      '5\t1\t1\t1\t2\t1\t10\t40\t30\t15\t88\txã',
      '5\t1\t2\t1\t1\t1\t0\t0\t400\t2\t95\t ',
      '5\t1\t3\t1\t1\t1\t10\t80\t60\t15\t42.25\tĐịnh',
    ].join('\n');
    expect(wordsFromTsv(tsv)).toEqual([
      { text: 'Ủy', confidence: 96.5, x0: 10, y0: 20, x1: 60, y1: 35, line: 0, paragraph: 0 },
      { text: 'ban', confidence: 91, x0: 65, y0: 20, x1: 105, y1: 35, line: 0, paragraph: 0 },
      { text: 'xã', confidence: 88, x0: 10, y0: 40, x1: 40, y1: 55, line: 1, paragraph: 0 },
      { text: 'Định', confidence: 42.25, x0: 10, y0: 80, x1: 70, y1: 95, line: 2, paragraph: 1 },
    ]);
  });
});
