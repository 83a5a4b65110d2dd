import { estimateSkew, rowProfile } from './skew.js';

/** Quarter turn, clockwise, that makes the page upright. */
export type QuarterTurn = 0 | 90 | 180 | 270;

/**
 * Text-line asymmetry of a row profile: within each text line, ink above the x-height band
 * (ascenders and, in Vietnamese, most diacritics) against ink below it (descenders, dot below).
 * Returns up / (up + down): above 0.5 for upright Latin-script text, below for upside down,
 * or null when there are too few lines to tell.
 */
export function ascenderRatio(h: Float64Array): number | null {
  let max = 0;
  for (const v of h) max = Math.max(max, v);
  if (max === 0) return null;
  const floor = max * 0.03;
  let up = 0;
  let down = 0;
  let lines = 0;
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
    while (h[coreTop]! < lineMax * 0.5) coreTop++;
    let coreBottom = end - 1;
    while (h[coreBottom]! < lineMax * 0.5) coreBottom--;
    for (let k = start; k < coreTop; k++) up += h[k]!;
    for (let k = coreBottom + 1; k < end; k++) down += h[k]!;
    lines++;
  }
  if (lines < 3 || up + down === 0) return null;
  return up / (up + down);
}

export type OrientationReport = { turn: QuarterTurn; skewDeg: number; sideways: boolean; ascender: number | null };

/**
 * Deskew angle and the quarter turn that makes the page upright, from ink points.
 * 0° against 90°: the skew search runs in both frames and the sharper row profile wins (text
 * lines give strong line/gap alternation, the same text seen sideways gives a flat profile).
 * Upright against upside down: the ascender/diacritic asymmetry above; where it is not clear
 * (ratio 0.42 or more, or fewer than 3 lines) the page is left as it is, and OCR (issue 4) can
 * still tell later.
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
