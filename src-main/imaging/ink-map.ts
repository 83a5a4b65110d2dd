/** A greyscale bitmap, one byte per pixel, rows top to bottom. */
export type Grey = { data: Uint8Array; width: number; height: number };

/**
 * Which pixels are ink and which are scanner bed, on a downscaled grey copy.
 * `bed` is dark area connected to the image edge (the scanner's lid or ADF backing, or the
 * black fill left by a rotation); `ink` is dark area on the paper.
 */
export type InkMap = {
  width: number;
  height: number;
  ink: Uint8Array;
  bed: Uint8Array;
  inkCount: number;
  bedCount: number;
  /** Brightness of the paper: 90th percentile of the pixels that are not bed. */
  paperWhite: number;
  /** A pixel darker than this (strictly below) is dark: ink, or bed when connected to the edge. */
  threshold: number;
};

/**
 * Where the scanner bed starts: below this fraction of the paper's brightness. The bed (lid,
 * ADF backing, rotation fill) is near black whatever the print, so a fixed fraction finds it;
 * it was the ink threshold too until faded pages showed that print can be much lighter (below).
 */
const BED_FRACTION = 0.55;

/**
 * The ink level is this dark percentile of the paper's pixels (bed excluded). Ink covers 3–4 %
 * of the analysis copy of a text page in the bench corpus (tests/fixtures/ocr-corpus); its
 * 0.5 % percentile is a stroke core there: 12–28 on office scans, 138–150 on the faded
 * ("low-contrast") ones, whose paper is at 241.
 */
const INK_PERCENTILE = 0.005;

/**
 * Floor between paper and threshold, so that a page without ink stays without ink: at least
 * MIN_INK_CONTRAST grey levels, and at least NOISE_SIGMAS times the paper's noise. On a blank
 * synthetic sheet with ±20 levels of noise the analysis copy's darkest 0.1 % is 14 levels under
 * the paper (90th percentile) and its estimated sigma 3; the faded corpus pages' stroke cores are
 * about 100 under it. 4 sigma of Gaussian noise is 3 pixels in 100,000, and a dark pixel must
 * also have a dark neighbour to count as ink.
 */
const MIN_INK_CONTRAST = 48;
const NOISE_SIGMAS = 4;

/** Value at fraction `q` of a histogram holding `n` pixels. */
function percentile(hist: Uint32Array, n: number, q: number): number {
  let acc = 0;
  for (let v = 0; v < 256; v++) {
    acc += hist[v]!;
    if (acc > n * q) return v;
  }
  return 255;
}

/** Pixels connected to the image edge through pixels below `threshold` (4-connectivity). */
function edgeConnected(g: Grey, threshold: number): Uint8Array {
  const { data, width, height } = g;
  const n = width * height;
  const out = new Uint8Array(n);
  const stack = new Int32Array(n);
  let top = 0;
  const seed = (i: number) => {
    if (data[i]! < threshold && !out[i]) {
      out[i] = 1;
      stack[top++] = i;
    }
  };
  for (let x = 0; x < width; x++) {
    seed(x);
    seed((height - 1) * width + x);
  }
  for (let y = 0; y < height; y++) {
    seed(y * width);
    seed(y * width + width - 1);
  }
  while (top > 0) {
    const i = stack[--top]!;
    const x = i % width;
    if (x > 0) seed(i - 1);
    if (x < width - 1) seed(i + 1);
    if (i >= width) seed(i - width);
    if (i < n - width) seed(i + width);
  }
  return out;
}

/**
 * The dark threshold of this page, set between its paper and its ink: halfway from the paper
 * level to the ink level, but never closer to the paper than the noise floor (so noise and
 * paper texture stay paper) and never darker than the fixed BED_FRACTION threshold that served
 * all pages before (so ordinary scans find at least the ink they always did). A fixed threshold
 * found 3–8 % of the ink on the corpus's faded pages (paper 241, strokes 130–200), too little
 * to turn a faded page that is also sideways or skewed.
 */
function pageThreshold(g: Grey): { threshold: number; paper: number; bedThreshold: number } {
  const { data } = g;
  const n = data.length;
  const all = new Uint32Array(256);
  for (let i = 0; i < n; i++) all[data[i]!]!++;
  const bedThreshold = Math.max(40, percentile(all, n, 0.9) * BED_FRACTION);
  // The paper's own histogram: the bed would otherwise be the "ink level".
  const bed = edgeConnected(g, bedThreshold);
  const hist = new Uint32Array(256);
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (bed[i]) continue;
    hist[data[i]!]!++;
    m++;
  }
  if (m === 0) return { threshold: bedThreshold, paper: percentile(all, n, 0.9), bedThreshold };
  const paper = percentile(hist, m, 0.9);
  const inkLevel = percentile(hist, m, INK_PERCENTILE);
  // Paper noise: for Gaussian noise the 90th percentile is 1.28 sigma above the median (ink,
  // a few % of the pixels, moves the median by a fraction of a sigma).
  const sigma = (paper - percentile(hist, m, 0.5)) / 1.2816;
  const floor = paper - Math.max(MIN_INK_CONTRAST, NOISE_SIGMAS * sigma);
  const threshold = Math.max(bedThreshold, Math.min((paper + inkLevel) / 2, floor));
  return { threshold, paper, bedThreshold };
}

export function inkMap(g: Grey): InkMap {
  const { data, width, height } = g;
  const n = width * height;
  const { threshold, paper } = pageThreshold(g);
  const dark = new Uint8Array(n);
  for (let i = 0; i < n; i++) dark[i] = data[i]! < threshold ? 1 : 0;

  // Dark area connected to the edge is the bed; at this page's threshold, so the grey shadow
  // along a sheet's edge (and a grey lid) is bed too rather than a long line of "ink".
  const bed = edgeConnected(g, threshold);

  // Ink: dark, not bed, and not an isolated speck (needs at least one dark 4-neighbour).
  const ink = new Uint8Array(n);
  let inkCount = 0;
  let bedCount = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (bed[i]) {
        bedCount++;
        continue;
      }
      if (!dark[i]) continue;
      const neighbour = (x > 0 && dark[i - 1]) || (x < width - 1 && dark[i + 1]) || (y > 0 && dark[i - width]) || (y < height - 1 && dark[i + width]);
      if (neighbour) {
        ink[i] = 1;
        inkCount++;
      }
    }
  }
  return { width, height, ink, bed, inkCount, bedCount, paperWhite: paper, threshold };
}

/** Ink pixel coordinates, subsampled to at most `max` points (every k-th) to bound the work. */
export function inkPoints(m: InkMap, max = 250_000): { xs: Float32Array; ys: Float32Array } {
  const step = Math.max(1, Math.ceil(m.inkCount / max));
  const count = Math.floor(m.inkCount / step) + 1;
  const xs = new Float32Array(count);
  const ys = new Float32Array(count);
  let k = 0;
  let seen = 0;
  for (let i = 0; i < m.ink.length; i++) {
    if (!m.ink[i]) continue;
    if (seen++ % step !== 0) continue;
    xs[k] = i % m.width;
    ys[k] = Math.floor(i / m.width);
    k++;
  }
  return { xs: xs.subarray(0, k), ys: ys.subarray(0, k) };
}
