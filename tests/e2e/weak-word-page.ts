import sharp from 'sharp';
import { renderWordPage, type WordBox } from '../fixtures/ocr-corpus/word-page.js';

/** Words on the page hit by toner dropout, with the white-stripe period and width (px) that broke each one. */
export const damaged = [
  { text: 'Khuông', folded: 'khuong', period: 3, white: 1.5 },
  { text: 'Thường', folded: 'thuong', period: 5, white: 2 },
] as const;

const lines = [
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'ĐƠN ĐỀ NGHỊ CHỨNG THỰC',
  'Họ và tên: Nguyễn Văn Đường',
  'Ngày sinh: 15/08/1985',
  'Nơi cư trú: xã Tân Định, Thành phố Hồ Chí Minh',
  'Người làm chứng: Trịnh Khuông Thường',
];

/**
 * An A5 page at 150 dpi (874 × 1240 px, small so one worker reads it in seconds) of Vietnamese
 * lines in Noto Serif, where the two `damaged` words are cut by thin white horizontal stripes, as a
 * photocopier with a worn drum leaves them: Tesseract misreads those words with low confidence
 * (tried by hand: under 50 on the app's pipeline) and reads the rest cleanly. Returns the PNG and
 * the ink box of every word, the truth to match stored OCR words against.
 */
export async function weakWordPage(): Promise<{ png: Buffer; boxes: WordBox[]; width: number; height: number }> {
  const width = 874;
  const height = 1240;
  const { png, boxes } = await renderWordPage(lines, { width, height, dpi: 150, sizePt: 13, left: 57, top: 90 });
  let svg = '';
  for (const d of damaged) {
    const b = boxes.find((x) => x.text === d.text)!;
    for (let y = b.y0 - 2; y < b.y1 + 2; y += d.period) svg += `<rect x="${b.x0 - 1}" y="${y}" width="${b.x1 - b.x0 + 2}" height="${d.white}" fill="#fff"/>`;
  }
  const out = await sharp(png)
    .composite([{ input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${svg}</svg>`), left: 0, top: 0 }])
    .png()
    .toBuffer();
  return { png: out, boxes, width, height };
}

/** The rendered word whose ink box overlaps `box` most (boxes scaled by `scale`), or null when none does. */
export function wordAt(boxes: readonly WordBox[], box: { x0: number; y0: number; x1: number; y1: number }, scale = 1): WordBox | null {
  let best: WordBox | null = null;
  let bestArea = 0;
  for (const b of boxes) {
    const w = Math.min(b.x1 * scale, box.x1) - Math.max(b.x0 * scale, box.x0);
    const h = Math.min(b.y1 * scale, box.y1) - Math.max(b.y0 * scale, box.y0);
    if (w > 0 && h > 0 && w * h > bestArea) {
      best = b;
      bestArea = w * h;
    }
  }
  return best;
}
