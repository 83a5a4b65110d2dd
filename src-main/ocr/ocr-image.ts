import sharp from 'sharp';

/**
 * The stored archive image prepared for the engine: one grey channel (Tesseract binarises grey
 * itself; colour only costs time) and losslessly encoded, so what the engine sees is the
 * archive's pixels. Deskew and orientation were done when the page was stored (src-main/imaging).
 */
export async function imageForOcr(archive: Uint8Array): Promise<{ png: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(archive).greyscale().png({ compressionLevel: 1 }).toBuffer({ resolveWithObject: true });
  return { png: data, width: info.width, height: info.height };
}

/** Scans and imports without a resolution are taken as 200 dpi: the digitisation guidance's minimum (DOMAIN.md). */
export const FALLBACK_DPI = 200;
