import { deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { syntheticFile, syntheticScan } from '../fixtures/synthetic-page.js';
import { auditActions, pageCount, pagesDesk, type PagesDesk } from '../fixtures/pages-setup.js';

let desk: PagesDesk;
afterEach(() => desk?.core.cleanup());

const storedFiles = async (d: PagesDesk) => (await d.store.list()).files.length;

/** A real decompression bomb: a 12 000 × 12 000 1-bit PNG of zeros, ~20 KB on disk, 144 MP decoded. */
function pngBomb(side = 12_000): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const v of b) c = crcTable[(c ^ v) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((Math.ceil(side / 8) + 1) * side); // filter byte 0 + zero pixels per row
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

describe('importing files as pages', () => {
  it('imports a 3-page PDF as 3 pages rendered at 200 dpi, in order, audited', async () => {
    desk = await pagesDesk();
    const pdf = await PDFDocument.create();
    for (const turn of [0, 0, 0] as const) {
      const png = await syntheticFile('png', { dpi: 100, turn });
      const img = await pdf.embedPng(png);
      // A5 pages keep the test quick: 420 × 595 pt.
      const page = pdf.addPage([420, 595]);
      page.drawImage(img, { x: 0, y: 0, width: 420, height: 595 });
    }
    const bytes = await pdf.save();
    const progress: string[] = [];
    const rows = (await desk.pages.importFiles({
      dossierId: desk.dossierId,
      files: [{ name: 'ho-so.pdf', data: bytes }],
      userId: desk.ctx.user!.id,
      onProgress: (p) => progress.push(`${p.phase} ${p.done}/${p.total}`),
    })).pages;
    expect(rows.map((r) => r.position)).toEqual([1, 2, 3]);
    // Every page is read once before any is stored, then each is stored and reported.
    expect(progress).toEqual(['checking 0/3', 'checking 1/3', 'checking 2/3', 'checking 3/3', 'storing 1/3', 'storing 2/3', 'storing 3/3']);
    for (const r of rows) {
      expect(r.dpi).toBe(200);
      // 420 pt at 200 dpi = 1167 px, before any crop.
      expect(Math.abs(r.width - 1167)).toBeLessThan(40);
      expect(r.source).toBe('import');
      expect(r.source_name).toBe('ho-so.pdf');
      expect(r.blank).toBe(0);
      expect(await desk.store.exists(r.sha256, r.archive_format)).toBe(true);
      expect(await desk.store.exists(r.master_sha256!, r.master_format!)).toBe(true);
    }
    // One commit, and one audit entry, per page.
    expect(auditActions(desk)).toEqual(['pages.import', 'pages.import', 'pages.import']);
    const batch = desk.pages.getBatch(rows[0]!.batch_id!)!;
    expect(batch).toMatchObject({ status: 'done', expected_pages: 3, received_pages: 3 });
  });

  it('imports every page of a multi-page TIFF, and JPEG and PNG files, through the handler', async () => {
    desk = await pagesDesk();
    const a = await syntheticScan({ dpi: 100 });
    const b = await syntheticScan({ dpi: 100, blank: true });
    const tiff = await sharp(Buffer.concat([a.data, b.data, a.data]), { raw: { width: a.width, height: a.height * 3, channels: 3, pageHeight: a.height } })
      .tiff({ compression: 'lzw' })
      .toBuffer();
    expect((await sharp(tiff).metadata()).pages).toBe(3);
    const jpeg = await syntheticFile('jpeg', { dpi: 100 });
    const png = await syntheticFile('png', { dpi: 100, skewDeg: 2 });
    const out = await desk.handlers['pages.importFiles'](
      {
        dossierId: desk.dossierId,
        componentPosition: null,
        insertAt: null,
        files: [
          { name: 'ba-trang.tif', base64: tiff.toString('base64') },
          { name: 'anh.jpg', base64: jpeg.toString('base64') },
          { name: 'anh.png', base64: png.toString('base64') },
        ],
      },
      desk.ctx,
    );
    const pages = await out;
    expect(pages.pages.map((p) => [p.sourceName, p.position, p.blank])).toEqual([
      ['ba-trang.tif', 1, false],
      ['ba-trang.tif', 2, true],
      ['ba-trang.tif', 3, false],
      ['anh.jpg', 4, false],
      ['anh.png', 5, false],
    ]);
    // Whole JPEG and PNG files are their own lossless master, byte for byte.
    const jpgRow = desk.pages.get(pages.pages[3]!.id)!;
    expect((await desk.store.read(jpgRow.master_sha256!, jpgRow.master_format!)).equals(jpeg)).toBe(true);
    expect(Math.abs(pages.pages[4]!.skewAngle + 2)).toBeLessThan(0.3);
  });

  it('refuses non-images, truncated and corrupt files, wrong types and decompression bombs, storing nothing', async () => {
    desk = await pagesDesk();
    const good = await syntheticFile('jpeg', { dpi: 100 });
    const png = await syntheticFile('png', { dpi: 100 });
    const corrupt = Buffer.from(png);
    corrupt.fill(0x55, 200, 4000); // damaged compressed data inside IDAT
    const cases: [string, Uint8Array, RegExp][] = [
      ['ghi-chu.txt', Buffer.from('Đây không phải là ảnh.\n'), /không phải ảnh hoặc PDF/],
      ['bi-cat.jpg', good.subarray(0, Math.floor(good.length / 2)), /bị hỏng hoặc không đầy đủ/],
      ['hong.png', corrupt, /bị hỏng hoặc không đầy đủ/],
      ['bom.png', pngBomb(), /quá lớn/],
      ['anh.gif', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), /không phải ảnh hoặc PDF/],
      ['sai.pdf', Buffer.from('%PDF-1.7\n1 0 obj garbage'), /bị hỏng|không có trang/],
    ];
    for (const [name, data, message] of cases) {
      // The bad file comes after a good one: the good one must not be stored either.
      const attempt = desk.pages.importFiles({ dossierId: desk.dossierId, files: [{ name: 'tot.jpg', data: good }, { name, data }], userId: null });
      await expect(attempt, name).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(message) });
      await expect(attempt).rejects.toThrow(name);
      expect(pageCount(desk), name).toBe(0);
      expect(await storedFiles(desk), name).toBe(0);
    }
    expect(auditActions(desk)).toEqual([]);
  });
});
