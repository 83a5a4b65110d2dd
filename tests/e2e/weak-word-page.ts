import sharp from 'sharp';
import { renderWordPage, type WordBox } from '../fixtures/ocr-corpus/word-page.js';

/** Words on the page someone marked with a highlighter, with how they are typed without diacritics. */
export const damaged = [
  { text: 'Khuông', folded: 'khuong' },
  { text: 'Thường', folded: 'thuong' },
] as const;

/**
 * Grey of the highlighter marks: 45% black over the word. Tried by hand through the import and
 * OCR pipeline (with the OCR image as red channel + median, as luminance only, and with per-page
 * contrast/speckle steps): both marked words come out misread under 15% confidence while "Văn"
 * between them stays above 90%. Thin white stripes (toner dropout) were tried first and dropped:
 * the speckle median erased the striped words altogether.
 */
const MARK_OPACITY = 0.45;

const lines = [
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'ĐƠN ĐỀ NGHỊ CHỨNG THỰC',
  'Họ và tên: Nguyễn Văn Đường',
  'Ngày sinh: 15/08/1985',
  'Nơi cư trú: xã Tân Định, Thành phố Hồ Chí Minh',
  // The two marked words apart, so the engine cannot read them as one.
  'Người làm chứng: Khuông Văn Thường',
];

/**
 * An A5 page at 150 dpi (874 × 1240 px, small so one worker reads it in seconds) of Vietnamese
 * lines in Noto Serif, where the two `damaged` words were marked with a highlighter pen that a grey
 * photocopy turned into grey blots: Tesseract misreads those words with low confidence and reads
 * the rest cleanly. Returns the PNG and the ink box of every word, the truth to match stored OCR
 * words against.
 */
export async function weakWordPage(): Promise<{ png: Buffer; boxes: WordBox[]; width: number; height: number }> {
  const width = 874;
  const height = 1240;
  const { png, boxes } = await renderWordPage(lines, { width, height, dpi: 150, sizePt: 13, left: 57, top: 90 });
  let svg = '';
  for (const d of damaged) {
    const b = boxes.find((x) => x.text === d.text)!;
    svg += `<ellipse cx="${(b.x0 + b.x1) / 2}" cy="${(b.y0 + b.y1) / 2}" rx="${(b.x1 - b.x0) / 2 + 4}" ry="${(b.y1 - b.y0) / 2 + 2}" fill="#000" fill-opacity="${MARK_OPACITY}"/>`;
  }
  const out = await sharp(png)
    .composite([{ input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${svg}</svg>`), left: 0, top: 0 }])
    .png()
    .toBuffer();
  return { png: out, boxes, width, height };
}

/**
 * The printed word an OCR word stands for: on the same line (vertical overlap), the one starting
 * nearest to where the OCR word starts (boxes scaled by `scale`). Starts, not overlap: the engine's
 * box of a misread word can run on over its neighbours (seen: one box over "Khuông Văn Thường").
 */
export function wordAt(boxes: readonly WordBox[], box: { x0: number; y0: number; x1: number; y1: number }, scale = 1): WordBox | null {
  let best: WordBox | null = null;
  for (const b of boxes) {
    if (Math.min(b.y1 * scale, box.y1) <= Math.max(b.y0 * scale, box.y0)) continue;
    if (!best || Math.abs(b.x0 * scale - box.x0) < Math.abs(best.x0 * scale - box.x0)) best = b;
  }
  return best;
}
