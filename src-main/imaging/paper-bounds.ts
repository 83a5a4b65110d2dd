import type { InkMap } from './ink-map.js';

export type Box = { left: number; top: number; width: number; height: number };

/** Longest run of indices where `ok(i)` holds. */
function longestRun(n: number, ok: (i: number) => boolean): [number, number] | null {
  let best: [number, number] | null = null;
  let start = -1;
  for (let i = 0; i <= n; i++) {
    if (i < n && ok(i)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (!best || i - start > best[1] - best[0]) best = [start, i];
      start = -1;
    }
  }
  return best;
}

/**
 * The sheet inside the scanner bed, on an analysis copy whose sheet edges are already
 * axis-aligned (after deskew). A row belongs to the sheet when most of it is not bed; same for
 * columns within those rows. Returns null when there is no bed to remove (the scanner or the
 * file already cut the image to the paper).
 *
 * `inset` shaves a few pixels more: sheet edges cast a grey shadow on the bed.
 */
export function paperBounds(m: InkMap, inset = 2): Box | null {
  const { width, height, bed } = m;
  if (m.bedCount < width * height * 0.005) return null;
  const rowBed = new Uint32Array(height);
  for (let y = 0; y < height; y++) {
    let c = 0;
    for (let x = 0; x < width; x++) c += bed[y * width + x]!;
    rowBed[y] = c;
  }
  const rows = longestRun(height, (y) => rowBed[y]! < width * 0.5);
  if (!rows) return null;
  const colBed = new Uint32Array(width);
  for (let y = rows[0]; y < rows[1]; y++) for (let x = 0; x < width; x++) colBed[x]! += bed[y * width + x]!;
  const span = rows[1] - rows[0];
  const cols = longestRun(width, (x) => colBed[x]! < span * 0.5);
  if (!cols) return null;
  const left = Math.min(width - 1, cols[0] + inset);
  const top = Math.min(height - 1, rows[0] + inset);
  const box = {
    left,
    top,
    width: Math.max(1, cols[1] - inset - left),
    height: Math.max(1, rows[1] - inset - top),
  };
  // A "sheet" smaller than a tenth of the image is not a sheet: keep everything rather than guess.
  if (box.width * box.height < width * height * 0.1) return null;
  return box;
}

/**
 * Ink coverage of the paper, ignoring a 3 % margin on each side (edge shadows, punch holes,
 * staples) and the bed. Compared with BLANK_INK_RATIO to flag blank pages.
 */
export function inkCoverage(m: InkMap, box: Box | null): number {
  const b = box ?? { left: 0, top: 0, width: m.width, height: m.height };
  const mx = Math.round(b.width * 0.03);
  const my = Math.round(b.height * 0.03);
  let ink = 0;
  let paper = 0;
  for (let y = b.top + my; y < b.top + b.height - my; y++) {
    for (let x = b.left + mx; x < b.left + b.width - mx; x++) {
      const i = y * m.width + x;
      if (m.bed[i]) continue;
      paper++;
      ink += m.ink[i]!;
    }
  }
  return paper > 0 ? ink / paper : 0;
}
