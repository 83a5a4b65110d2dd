import { describe, expect, it } from 'vitest';
import { pageLayout } from '../../src-main/export/page-layout.js';

describe('PDF page layout of a stored image', () => {
  it('keeps the real size of paper-sized pages, ID card to A3', () => {
    expect(pageLayout(1654, 2339, 200)).toMatchObject({ scale: 0.36, offsetX: 0, offsetY: 0 });
    expect(pageLayout(1654, 2339, 200).pageWidth).toBeCloseTo(595.44, 2);
    // An ID card scanned at 300 dpi: 3.37 × 2.13 in.
    expect(pageLayout(1011, 638, 300)).toMatchObject({ pageWidth: 242.64, pageHeight: 153.12 });
    // A3 at 300 dpi.
    expect(pageLayout(3508, 4961, 300).pageHeight).toBeCloseTo(1190.6, 1);
  });

  it('puts an image whose resolution gives no paper size on A4, turned like it, fitted and centred', () => {
    const portrait = pageLayout(972, 1224, 72);
    expect([portrait.pageWidth, portrait.pageHeight].map(Math.round)).toEqual([595, 842]);
    expect(portrait.offsetX).toBe(0);
    expect(portrait.offsetY).toBeCloseTo((portrait.pageHeight - 1224 * portrait.scale) / 2, 6);
    expect(portrait.offsetY).toBeGreaterThan(40);
    const landscape = pageLayout(4032, 3024, 72);
    expect([landscape.pageWidth, landscape.pageHeight].map(Math.round)).toEqual([842, 595]);
    expect(4032 * landscape.scale).toBeLessThanOrEqual(landscape.pageWidth + 1e-9);
    // Far too small for any paper: a 100 × 140 px image at 300 dpi.
    expect(Math.round(pageLayout(100, 140, 300).pageHeight)).toBe(842);
  });
});
