/**
 * Imaging constants, each with where its value came from. Measured figures are from
 * tests/unit/imaging-*.test.ts on synthetic A4 pages at 200 dpi (they print them).
 */

/**
 * Decompression-bomb guard: sharp refuses inputs with more pixels than this before decoding.
 * 100 MP is an A3 sheet at 600 dpi (7016 × 9921 = 70 MP) with room to spare; nothing a
 * desk scanner or a phone produces comes near it.
 */
export const MAX_INPUT_PIXELS = 100_000_000;

/**
 * JPEG quality of the stored archive image for colour and grey pages. 85 is a conservative
 * default: measured on a dense synthetic A4 text page at 200 dpi, colour q75/q85/q90 store
 * 374/451/515 KB without noise and 383/509/658 KB with ±3 grey levels of sensor noise. Issue 4
 * checks OCR accuracy against it; lower it only with that measurement in hand.
 */
export const ARCHIVE_JPEG_QUALITY = 85;

/** Thumbnail: 200 px wide is what the scanning desk's page strip shows (2× for HiDPI would be 400). */
export const THUMB_WIDTH = 200;
export const THUMB_JPEG_QUALITY = 70;

/**
 * Analysis copies (skew, orientation, crop, blank) are downscaled so the long side is this many
 * pixels: ~120 dpi for A4, enough to resolve diacritics for the orientation heuristic and
 * < 0.1° angular resolution over a text line, while keeping analysis well under 100 ms.
 */
export const ANALYSIS_LONG_SIDE = 1400;

/** Search range for deskew: an ADF or a clerk's hand rarely feeds a sheet more crooked than this. */
export const MAX_SKEW_DEG = 5;

/** Below this, rotating would blur the text for no visible gain. */
export const MIN_SKEW_TO_FIX_DEG = 0.15;

/**
 * A page is flagged blank when ink covers less than this fraction of the paper (after
 * removing isolated specks and a 3 % edge margin). Measured on the synthetic pages with the
 * per-page ink threshold (ink-map.ts): a blank sheet with ±20 grey levels of noise, grey (235)
 * or recycled (220, σ 12) paper, and the blank back of a printed sheet whose print shows through
 * at a tenth of its contrast give 0; one short line of 11 pt text ("Trang bổ sung số 2") gives
 * 0.0027 (0.0018 with the former fixed threshold), the same line faded like the corpus's
 * low-contrast pages 0.00054 (0.00002 with the fixed threshold: it was flagged blank); a full
 * text page 0.06. 0.0002 sits between blank and a single short line, with a 2.7× margin for
 * the faded line.
 */
export const BLANK_INK_RATIO = 0.0002;
