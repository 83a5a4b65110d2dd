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
  /** Brightness of the paper (90th percentile), used to set the dark threshold. */
  paperWhite: number;
};

/** A pixel is dark when below this fraction of the paper's brightness (handles grey recycled paper). */
const DARK_FRACTION = 0.55;

export function inkMap(g: Grey): InkMap {
  const { data, width, height } = g;
  const n = width * height;
  const hist = new Uint32Array(256);
  for (let i = 0; i < n; i++) hist[data[i]!]!++;
  let acc = 0;
  let paperWhite = 255;
  for (let v = 0; v < 256; v++) {
    acc += hist[v]!;
    if (acc >= n * 0.9) {
      paperWhite = v;
      break;
    }
  }
  const threshold = Math.max(40, paperWhite * DARK_FRACTION);
  const dark = new Uint8Array(n);
  for (let i = 0; i < n; i++) dark[i] = data[i]! < threshold ? 1 : 0;

  // Flood fill from every dark edge pixel through dark pixels: that region is the bed.
  const bed = new Uint8Array(n);
  const stack = new Int32Array(n);
  let top = 0;
  const seed = (i: number) => {
    if (dark[i] && !bed[i]) {
      bed[i] = 1;
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
  return { width, height, ink, bed, inkCount, bedCount, paperWhite };
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
