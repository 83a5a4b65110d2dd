/**
 * One page as it leaves a scanner, before any imaging (deskew, crop, compression).
 * This is the seam between scanner access (src-main/scan) and the page store (src-main/imaging).
 * No Node types here: bytes are a Uint8Array (a Node Buffer is one).
 */
export type PageSide = 'front' | 'back';

/**
 * `raw` is a SANE-style frame: rows top to bottom, no padding beyond the byte boundary of each row.
 * - depth 8: `width * channels` bytes per row (channels 3 = interleaved R,G,B).
 * - depth 1: `ceil(width / 8)` bytes per row, most significant bit first, and, as in SANE,
 *   a set bit is BLACK (the opposite of PNG's 1-bit grayscale).
 * `png` and `jpeg` are complete encoded files (eSCL, WIA, the demo scanner); width, height and
 * channels still describe the image inside.
 */
export type PageFormat = 'raw' | 'png' | 'jpeg';

export type PageFrame = {
  /** 0-based position in the batch: the order the pages came out of the scanner. */
  index: number;
  /** 0-based sheet number: equal to index in simplex, floor(index / 2) in duplex. */
  sheet: number;
  side: PageSide;
  width: number;
  height: number;
  channels: 1 | 3;
  depth: 1 | 8;
  dpi: number;
  format: PageFormat;
  data: Uint8Array;
};

/** Bytes per row of a raw frame (see PageFormat). */
export function rawBytesPerLine(frame: Pick<PageFrame, 'width' | 'channels' | 'depth'>): number {
  return frame.depth === 1 ? Math.ceil((frame.width * frame.channels) / 8) : frame.width * frame.channels;
}

/** Side and sheet of the page at `index`: duplex scanners deliver front, back, front, back, ... */
export function pagePosition(index: number, duplex: boolean): { sheet: number; side: PageSide } {
  return duplex ? { sheet: Math.floor(index / 2), side: index % 2 === 0 ? 'front' : 'back' } : { sheet: index, side: 'front' };
}
