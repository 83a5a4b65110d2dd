/**
 * Where a stored page image goes on its PDF page, in points (1/72 inch), origin bottom left.
 *
 * The page takes the image's real size from its resolution when that size is one paper comes
 * in: at least 2 inches on its long side (a receipt slip, half an ID card) and no larger than A3
 * in either orientation (with 3 % for scanner overscan). Otherwise the resolution is not to be
 * believed (a phone photo or screenshot saying 72 or 96 dpi made a 972 × 1224 image a
 * 13.5 × 17 inch page, issue 15): the page is A4, turned like the image, with the image
 * fitted inside and centred.
 */
export type PageLayout = { pageWidth: number; pageHeight: number; scale: number; offsetX: number; offsetY: number };

const pointsPerInch = 72;
/** ISO 216 in points: A4 210 × 297 mm, A3 297 × 420 mm. */
const a4 = { short: (210 / 25.4) * pointsPerInch, long: (297 / 25.4) * pointsPerInch };
const a3 = { short: (297 / 25.4) * pointsPerInch, long: (420 / 25.4) * pointsPerInch };
const overscan = 1.03;
const minLongSide = 2 * pointsPerInch;

export function pageLayout(width: number, height: number, dpi: number): PageLayout {
  const scale = pointsPerInch / dpi;
  const w = width * scale;
  const h = height * scale;
  const long = Math.max(w, h);
  const short = Math.min(w, h);
  if (long >= minLongSide && long <= a3.long * overscan && short <= a3.short * overscan) {
    return { pageWidth: w, pageHeight: h, scale, offsetX: 0, offsetY: 0 };
  }
  const landscape = width > height;
  const pageWidth = landscape ? a4.long : a4.short;
  const pageHeight = landscape ? a4.short : a4.long;
  const fit = Math.min(pageWidth / width, pageHeight / height);
  return { pageWidth, pageHeight, scale: fit, offsetX: (pageWidth - width * fit) / 2, offsetY: (pageHeight - height * fit) / 2 };
}
