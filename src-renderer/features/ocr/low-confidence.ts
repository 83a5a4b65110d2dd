import type { PageText } from '../../../src-shared/contract/ocr-commands.js';

/**
 * Words Tesseract rates under this confidence (0-100) are highlighted for review. 80 is the
 * starting value the OCR brief suggested, not a figure measured on our corpus (bench:ocr reports
 * CER, not confidence calibration): tune it here if clerks find too many or too few words flagged.
 */
export const LOW_CONFIDENCE = 80;

export type OcrWordView = PageText['words'][number];

export const isLow = (w: OcrWordView) => w.confidence < LOW_CONFIDENCE && !w.corrected;

/** Low-confidence words not yet corrected, lowest confidence first (the order the clerk steps through). */
export function reviewOrder(words: readonly OcrWordView[]): OcrWordView[] {
  return words.filter(isLow).sort((a, b) => a.confidence - b.confidence || a.index - b.index);
}

/**
 * The next word to review after `current` (index of a word), or the previous one with `back`;
 * wraps around. `current` need not be in the list any more (it was just corrected): stepping
 * then continues from where it stood in confidence order.
 */
export function stepReview(words: readonly OcrWordView[], current: OcrWordView | null, back: boolean): OcrWordView | null {
  const order = reviewOrder(words);
  if (order.length === 0) return null;
  if (!current) return back ? order[order.length - 1]! : order[0]!;
  const key = (w: OcrWordView) => [w.confidence, w.index] as const;
  const [c, i] = key(current);
  const after = (w: OcrWordView) => w.confidence > c || (w.confidence === c && w.index > i);
  const before = (w: OcrWordView) => w.confidence < c || (w.confidence === c && w.index < i);
  if (back) return [...order].reverse().find(before) ?? order[order.length - 1]!;
  return order.find(after) ?? order[0]!;
}

/**
 * The word after `current` in review order, without wrapping: what Enter moves on to. Null at
 * the end of the list, so a clerk who leaves the last weak words as read reaches an end instead
 * of going round again.
 */
export function nextInReview(words: readonly OcrWordView[], current: OcrWordView): OcrWordView | null {
  const next = stepReview(words, current, false);
  if (!next) return null;
  const wrapped = next.confidence < current.confidence || (next.confidence === current.confidence && next.index <= current.index);
  return wrapped ? null : next;
}

/**
 * Words in reading order, broken into lines: a word starts a new line when it begins left of the
 * previous word and below its middle (the contract carries boxes, not Tesseract's line numbers).
 */
export function readingLines(words: readonly OcrWordView[]): OcrWordView[][] {
  const lines: OcrWordView[][] = [];
  let prev: OcrWordView | null = null;
  for (const w of [...words].sort((a, b) => a.index - b.index)) {
    const newLine = !prev || (w.box.x0 < prev.box.x0 && w.box.y0 > (prev.box.y0 + prev.box.y1) / 2);
    if (newLine) lines.push([w]);
    else lines[lines.length - 1]!.push(w);
    prev = w;
  }
  return lines;
}
