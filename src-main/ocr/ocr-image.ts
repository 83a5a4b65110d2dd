import sharp from 'sharp';

/**
 * The stored archive image prepared for the engine, losslessly encoded:
 * - one channel, the red one: black print stays black, while red seals and red stamps (colour is
 *   kept where there are seals, DOMAIN.md) become near-white and stop covering the text under
 *   them. Grey images are unchanged. Measured (native CLI on single pages, so noisy): stamped
 *   low-contrast page 5.3% → 4.9% CER; the full bench run had that page at 2.9% before and 9.7% after
 *   red + median together: not yet settled, re-measure on a corpus with more stamped pages.
 * - a 3×3 median: removes the isolated toner specks of photocopies: speckle page 41.9% → 33.7% CER
 *   (native CLI on our image), 18.0% → 15.5% through our pipeline; office, JPEG 40 and 8 pt pages
 *   unchanged (0.60%, 0.00%).
 * Deskew and orientation were done when the page was stored (src-main/imaging).
 */
export async function imageForOcr(archive: Uint8Array): Promise<{ png: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(archive).extractChannel(0).median(3).png({ compressionLevel: 1 }).toBuffer({ resolveWithObject: true });
  return { png: data, width: info.width, height: info.height };
}

/** Scans and imports without a resolution are taken as 200 dpi: the digitisation guidance's minimum (DOMAIN.md). */
export const FALLBACK_DPI = 200;
