import { estimateSkew, rowProfile } from './skew.js';

/** Quarter turn, clockwise, that makes the page upright. */
export type QuarterTurn = 0 | 90 | 180 | 270;

/** One text line found in a row profile: rows [start, end), ink above and below its x-height band. */
export type ProfileLine = { start: number; end: number; up: number; down: number };

/** Rows at or below this fraction of the profile's peak separate text lines. */
const GAP_FRACTION = 0.03;
/** The x-height band of a line: its rows with at least this fraction of the line's peak. */
const CORE_FRACTION = 0.5;
/**
 * A run of rows taller than this many times the median line is not one text line: a red seal
 * lying over the signature block and the lines above it fills the gaps between them (p10 of the
 * corpus: one 201-row run where text lines are 13 to 19 rows), and so does a photo, a logo or
 * a table whose text touches its rules. Its "core" is its tallest line and everything under
 * it counts as descender, so it must not vote. 1.8 keeps the 12–13 pt headings of a page
 * whose body is 8 pt (19 rows against 13).
 */
const MAX_LINE_HEIGHT_FACTOR = 1.8;

/** Splits a row profile into text lines (runs of rows above the gap level, at least 4 rows). */
export function profileLines(h: Float64Array): ProfileLine[] {
  let max = 0;
  for (const v of h) max = Math.max(max, v);
  if (max === 0) return [];
  const floor = max * GAP_FRACTION;
  const lines: ProfileLine[] = [];
  let i = 0;
  while (i < h.length) {
    if (h[i]! <= floor) {
      i++;
      continue;
    }
    const start = i;
    while (i < h.length && h[i]! > floor) i++;
    const end = i; // exclusive
    if (end - start < 4) continue;
    let lineMax = 0;
    for (let k = start; k < end; k++) lineMax = Math.max(lineMax, h[k]!);
    let coreTop = start;
    while (h[coreTop]! < lineMax * CORE_FRACTION) coreTop++;
    let coreBottom = end - 1;
    while (h[coreBottom]! < lineMax * CORE_FRACTION) coreBottom--;
    let up = 0;
    let down = 0;
    for (let k = start; k < coreTop; k++) up += h[k]!;
    for (let k = coreBottom + 1; k < end; k++) down += h[k]!;
    lines.push({ start, end, up, down });
  }
  return lines;
}

/**
 * Text-line asymmetry of a row profile: within each text line, ink above the x-height band
 * (ascenders and, in Vietnamese, most diacritics) against ink below it (descenders, dot below).
 * The page's ratio is up / (up + down) summed over its text lines: above 0.5 for upright
 * Latin-script text, below for upside down, null when fewer than 3 lines count.
 *
 * Runs much taller than the median line are not lines and are left out (MAX_LINE_HEIGHT_FACTOR):
 * the earlier version summed over every run, so the one 201-row run of a seal over the
 * signature block (6,362 ink points "below" against about 2,000 above for all real lines
 * together) turned the stamped pages of the corpus upside down (p10 skew, p25 office, p30
 * speckle, p15 rot90; p40 rot180 left upside down).
 */
export function ascenderRatio(h: Float64Array): number | null {
  const lines = profileLines(h);
  if (lines.length === 0) return null;
  const heights = lines.map((l) => l.end - l.start).sort((a, b) => a - b);
  const median = heights[Math.floor(heights.length / 2)]!;
  let up = 0;
  let down = 0;
  let counted = 0;
  for (const l of lines) {
    if (l.end - l.start > median * MAX_LINE_HEIGHT_FACTOR) continue;
    up += l.up;
    down += l.down;
    counted++;
  }
  return counted < 3 || up + down === 0 ? null : up / (up + down);
}

export type OrientationReport = { turn: QuarterTurn; skewDeg: number; sideways: boolean; ascender: number | null };

/**
 * Deskew angle and the quarter turn that makes the page upright, from ink points.
 * 0° against 90°: the skew search runs in both frames and the sharper row profile wins (text
 * lines give strong line/gap alternation, the same text seen sideways gives a flat profile).
 * Upright against upside down: the ascender/diacritic asymmetry above; where it is not clear
 * (ratio 0.42 or more, or fewer than 3 lines) the page is left as it is, and OCR (issue 4) can
 * still tell later. Measured on the 40-page bench corpus (tests/fixtures/ocr-corpus): all 40
 * pages get the right turn; upright pages 0.64–0.97, upside-down ones 0.07–0.28.
 */
export function detectOrientation(xs: Float32Array, ys: Float32Array, width: number, height: number): OrientationReport {
  const upright = estimateSkew(xs, ys, width, height, 0);
  const side = estimateSkew(xs, ys, width, height, 90);
  const sideways = side.score > upright.score * 1.1;
  const chosen = sideways ? side : upright;
  const base = sideways ? 90 : 0;
  const size = Math.ceil(Math.hypot(width, height) / 2) + 2;
  const ascender = xs.length < 300 ? null : ascenderRatio(rowProfile(xs, ys, base + chosen.angleDeg, width / 2, height / 2, size));
  const flipped = ascender !== null && ascender < 0.42;
  const turn = ((base + (flipped ? 180 : 0)) % 360) as QuarterTurn;
  return { turn, skewDeg: chosen.angleDeg, sideways, ascender };
}
