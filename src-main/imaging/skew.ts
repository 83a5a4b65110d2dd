import { MAX_SKEW_DEG } from './limits.js';

const rad = (deg: number) => (deg * Math.PI) / 180;

/**
 * Row projection of points after turning them clockwise by `deg` (image coordinates, y down),
 * about the centre (cx, cy). Returns the histogram of rotated y, one bin per pixel.
 */
export function rowProfile(xs: Float32Array, ys: Float32Array, deg: number, cx: number, cy: number, size: number): Float64Array {
  const c = Math.cos(rad(deg));
  const s = Math.sin(rad(deg));
  const h = new Float64Array(size * 2);
  const offset = size;
  for (let i = 0; i < xs.length; i++) {
    const y = (xs[i]! - cx) * s + (ys[i]! - cy) * c;
    const b = Math.round(y) + offset;
    if (b >= 0 && b < h.length) h[b]!++;
  }
  return h;
}

function sumSquares(h: Float64Array): number {
  let s = 0;
  for (let i = 0; i < h.length; i++) s += h[i]! * h[i]!;
  return s;
}

export type SkewEstimate = { angleDeg: number; score: number };

/**
 * Skew by projection-profile variance (the classic Postl / Baird method): text lines give the
 * sharpest row profile, i.e. the largest sum of squared bin counts, when they are horizontal.
 * Searches clockwise rotations base ± MAX_SKEW_DEG, coarse 0.25° then fine 0.02°, and returns
 * the best one relative to `base` (0 when there is too little ink to tell) with its score,
 * comparable between bases 0 and 90 for the same points (that is how sideways pages are found).
 */
export function estimateSkew(xs: Float32Array, ys: Float32Array, width: number, height: number, base = 0): SkewEstimate {
  if (xs.length < 300) return { angleDeg: 0, score: 0 };
  const cx = width / 2;
  const cy = height / 2;
  const size = Math.ceil(Math.hypot(width, height) / 2) + 2;
  const score = (deg: number) => sumSquares(rowProfile(xs, ys, base + deg, cx, cy, size));
  // The coarse pass looks at every third point: plenty to find the right 0.25° step, 3× faster.
  const stride = (a: Float32Array) => a.filter((_, i) => i % 3 === 0);
  const sxs = stride(xs);
  const sys = stride(ys);
  let best = 0;
  let bestScore = -1;
  for (let d = -MAX_SKEW_DEG; d <= MAX_SKEW_DEG + 1e-9; d += 0.25) {
    const sc = sumSquares(rowProfile(sxs, sys, base + d, cx, cy, size));
    if (sc > bestScore) {
      bestScore = sc;
      best = d;
    }
  }
  const coarse = best;
  bestScore = -1;
  for (let d = coarse - 0.25; d <= coarse + 0.25 + 1e-9; d += 0.02) {
    const sc = score(d);
    if (sc > bestScore) {
      bestScore = sc;
      best = d;
    }
  }
  return { angleDeg: Math.round(best * 100) / 100, score: bestScore };
}
