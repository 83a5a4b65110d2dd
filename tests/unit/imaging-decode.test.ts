import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { PageFrame } from '../../src-shared/scan/page-frame.js';
import { decodePage } from '../../src-main/imaging/decode.js';
import { estimateSkew } from '../../src-main/imaging/skew.js';
import { detectFileType } from '../../src-main/import/file-type.js';

const frame = (over: Partial<PageFrame>): PageFrame => ({ index: 0, sheet: 0, side: 'front', width: 32, height: 16, channels: 1, depth: 8, dpi: 200, format: 'raw', data: new Uint8Array(32 * 16), ...over });

describe('decoding pages', () => {
  it('unpacks SANE lineart with a set bit as black, MSB first', async () => {
    const data = new Uint8Array(4 * 16); // 32 px wide = 4 bytes per row
    data[0] = 0b1000_0001; // row 0: pixels 0 and 7 black
    const page = await decodePage({ kind: 'frame', frame: frame({ depth: 1, data }) });
    expect(page).toMatchObject({ channels: 1, bilevel: true, width: 32, height: 16 });
    expect([...page.data.subarray(0, 9)]).toEqual([0, 255, 255, 255, 255, 255, 255, 0, 255]);
  });

  it('refuses a frame shorter than its declared size and a too-small image', async () => {
    await expect(decodePage({ kind: 'frame', frame: frame({ data: new Uint8Array(100) }) })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/không khớp/) });
    const tiny = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } }).png().toBuffer();
    await expect(decodePage({ kind: 'encoded', data: tiny, name: 'nho.png' })).rejects.toThrow(/quá nhỏ/);
  });

  it('knows file types by content, not by name', () => {
    expect(detectFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'x.pdf')).toBe('jpeg');
    expect(detectFileType(Buffer.from('II*\0abc', 'latin1'))).toBe('tiff');
    expect(detectFileType(Buffer.from('\n%PDF-1.4', 'latin1'))).toBe('pdf');
    expect(() => detectFileType(Buffer.from('PK\x03\x04', 'latin1'), 'hoso.docx')).toThrow(/«hoso.docx».*không phải ảnh/);
  });

  it('estimates the skew of synthetic lines within 0.1° over the search range', () => {
    for (const deg of [-4.5, -1.3, 0, 0.7, 3]) {
      // Ten "text lines" of points, turned counter-clockwise by deg: the fix is a clockwise turn of deg.
      const xs: number[] = [];
      const ys: number[] = [];
      const r = (-deg * Math.PI) / 180;
      for (let line = 0; line < 10; line++) {
        for (let x = 100; x < 900; x += 2) {
          for (let t = 0; t < 4; t++) {
            const y = 150 + line * 40 + t;
            xs.push(500 + (x - 500) * Math.cos(r) - (y - 500) * Math.sin(r));
            ys.push(500 + (x - 500) * Math.sin(r) + (y - 500) * Math.cos(r));
          }
        }
      }
      const got = estimateSkew(Float32Array.from(xs), Float32Array.from(ys), 1000, 1000).angleDeg;
      expect(Math.abs(got - deg), `${deg}° → ${got}°`).toBeLessThan(0.1);
    }
  });
});
