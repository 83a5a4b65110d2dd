import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { saveRecognition } from '../../src-main/ocr/ocr-repo.js';
import { renderWordPage, type WordBox } from '../fixtures/ocr-corpus/word-page.js';
import { makeCore, setUpDesk, type TestCore } from '../helpers/core.js';
import { outlines, pdffonts, pdfimages, pdfinfo, pdftotext, pdfWords, plainPdf, qpdfCheck, savePdf } from './export-pdf-tools.js';

let core: TestCore | undefined;
afterEach(async () => {
  await core?.cleanup();
  core = undefined;
});

const dpi = 200;

async function desk() {
  core = makeCore();
  const token = await setUpDesk(core);
  const d = await core.must(
    'dossiers.create',
    {
      procedureCode: '2.000815',
      applicant: { fullName: 'Nguyễn Văn Đường', idNumber: '079085001234' },
      components: [
        { name: 'Đơn đề nghị chứng thực', kind: 'original', quantity: 1, received: true },
        { name: 'Giấy khai sinh', kind: 'original', quantity: 1, received: true },
      ],
      pages: 3,
      copies: 1,
    },
    token,
  );
  return { c: core, token, dossierId: d.id };
}

/** Imports a generated page through the real core, then stores OCR words at the boxes it was drawn with. */
async function pageWithWords(c: TestCore, token: string, dossierId: string, componentPosition: number | null, lines: string[], withText: boolean) {
  // Five lines at least: the import's deskew needs lines to measure, and finds none on a real straight page.
  const body = [...lines, ...filler].slice(0, Math.max(lines.length, 5));
  const { png, boxes } = await renderWordPage(body, { width: 1400, height: 600, dpi, sizePt: 12, lineStep: 90 });
  const { pages } = await c.must('pages.importFiles', { dossierId, componentPosition, files: [{ name: 'trang.png', base64: png.toString('base64') }] }, token);
  const page = pages[0]!;
  // The boxes are the truth only if the import kept the image geometry (no deskew, no crop).
  expect([page.width, page.height, page.skewAngle]).toEqual([1400, 600, 0]);
  if (withText) {
    saveRecognition(
      c.db,
      { page_id: page.id, sha256: page.sha256, raw_text: body.join('\n'), text: body.join('\n'), mean_confidence: 95, engine: 'test', width: 1400, height: 600, created_at: '2026-03-02T02:00:00.000Z' },
      boxes.map((b) => ({ ...b, raw: b.text, confidence: 95, paragraph: 0 })),
    );
  }
  return { page, boxes: boxes.filter((b) => b.line < lines.length), all: boxes };
}

const filler = ['Cam đoan những nội dung trên là đúng sự thật', 'Ủy ban nhân dân xã xác nhận', 'Người làm đơn ký và ghi rõ họ tên', 'Ngày tháng năm hai nghìn hai mươi sáu'];

/** The PDF word (points, top-left origin) converted to image pixels must sit on the word's drawn box. */
function expectOnBox(w: { xMin: number; yMin: number; xMax: number; yMax: number }, box: WordBox, line: { y0: number; y1: number }) {
  const px = (pt: number) => (pt * dpi) / 72;
  const tolerance = 4;
  expect(px(w.xMin)).toBeGreaterThan(box.x0 - tolerance);
  expect(px(w.xMax)).toBeLessThan(box.x1 + tolerance);
  // Vertically the text spans its line (one baseline per line), which contains the word's ink.
  expect(px(w.yMin)).toBeGreaterThan(line.y0 - tolerance);
  expect(px(w.yMax)).toBeLessThan(line.y1 + tolerance);
  expect(px(w.yMin)).toBeLessThan(box.y0 + tolerance);
  expect(px(w.yMax)).toBeGreaterThan(box.y1 - tolerance);
  // And it covers most of the box, not a sliver of it.
  expect(px(w.xMax) - px(w.xMin)).toBeGreaterThan((box.x1 - box.x0) * 0.9);
}

describe('searchable PDF export', () => {
  it('exports the whole dossier: images at real size, invisible Vietnamese text on the words, a bookmark per component, PDF/A-2b metadata', async () => {
    const { c, token, dossierId } = await desk();
    const first = await pageWithWords(c, token, dossierId, 1, ['Họ và tên: Nguyễn Văn Đường', 'Số định danh cá nhân: 079085001234', 'Địa chỉ: xã Tân Định, huyện Châu Thành'], true);
    const second = await pageWithWords(c, token, dossierId, 2, ['Giấy khai sinh của Trần Thị Ánh Tuyết', 'Ngày sinh: mười lăm tháng tư năm hai nghìn'], true);
    await pageWithWords(c, token, dossierId, null, ['Trang chưa nhận dạng chữ'], false);

    const out = await c.must('export.dossierPdf', { dossierId }, token);
    expect(out.pageCount).toBe(3);
    // The third page has no OCR text yet: exported as the image alone, and said so.
    expect(out.pagesWithoutText).toEqual([3]);
    expect(out.fileName).toMatch(/^ho-so-nhap-[0-9a-f]{8}\.pdf$/);
    const file = savePdf(c.dir, out.fileName, out.pdfBase64);

    const text = pdftotext(file).normalize('NFC');
    expect(text).toContain('Nguyễn Văn Đường');
    expect(text).toContain('Số định danh cá nhân: 079085001234');
    expect(text).toContain('Trần Thị Ánh Tuyết');
    expect(text).not.toContain('nhận dạng');
    expect(text).toContain('Cam đoan những nội dung trên là đúng sự thật');

    const words = pdfWords(file);
    for (const [pageNo, p] of [[1, first], [2, second]] as const) {
      for (const box of p.boxes) {
        const found = words.filter((w) => w.page === pageNo && w.text.normalize('NFC') === box.text);
        expect(found.length, `${box.text} on page ${pageNo}`).toBeGreaterThan(0);
        const nearest = found.reduce((a, b) => (Math.abs(b.xMin - (box.x0 * 72) / dpi) < Math.abs(a.xMin - (box.x0 * 72) / dpi) ? b : a));
        const inLine = p.all.filter((b) => b.line === box.line);
        expectOnBox(nearest, box, { y0: Math.min(...inLine.map((b) => b.y0)), y1: Math.max(...inLine.map((b) => b.y1)) });
      }
    }
    // Pages measure what the images measured: 1400 × 600 px at 200 dpi = 504 × 216 pt.
    expect(words[0]!.pageWidth).toBeCloseTo(504, 1);
    expect(words[0]!.pageHeight).toBeCloseTo(216, 1);
    expect(pdfinfo(file)).toMatch(/Page size:\s+504 x 216 pts/);
    const images = pdfimages(file).trim().split('\n').slice(2);
    expect(images).toHaveLength(3);
    for (const line of images) expect(line.trim().split(/\s+/).slice(3, 5)).toEqual(['1400', '600']);

    expect(outlines(file)).toEqual([
      { title: '1. Đơn đề nghị chứng thực', page: 1 },
      { title: '2. Giấy khai sinh', page: 2 },
      { title: 'Trang chưa gán thành phần', page: 3 },
    ]);

    // Embedded font with Vietnamese glyphs, as a tagged subset.
    const fonts = pdffonts(file).trim().split('\n').slice(2);
    expect(fonts).toHaveLength(1);
    expect(fonts[0]).toMatch(/^[A-Z]{6}\+NotoSerif-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);

    const meta = pdfinfo(file, '-meta');
    expect(meta).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(meta).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(meta).toContain('Nguyễn Văn Đường');
    expect(meta).toContain('<xmp:CreateDate>2026-03-02T02:00:00Z</xmp:CreateDate>');
    expect(pdfinfo(file)).toMatch(/CreationDate:\s+Mon Mar\s+2 02:00:00 2026 UTC/);
    expect(qpdfCheck(file)).toContain('No syntax or stream encoding errors');
    const raw = plainPdf(file);
    expect(raw).toMatch(/\/OutputIntents\s*\[/);
    expect(raw).toMatch(/\/S\s*\/GTS_PDFA1/);
    expect(raw).toMatch(/\/OutputConditionIdentifier\s*\(sRGB IEC61966-2.1\)/);
    // The invisible text layer: render mode 3.
    expect(raw).toMatch(/\b3 Tr\b/);
    // The trailer (here the cross-reference stream's dictionary, never compressed) carries the document ID.
    expect(Buffer.from(out.pdfBase64, 'base64').toString('latin1')).toMatch(/\/ID\s*\[\s*<([0-9A-F]{32})>\s*<\1>\s*\]/);

    // Same content, same document id; the export changed nothing.
    const again = await c.must('export.dossierPdf', { dossierId }, token);
    expect(again.pdfBase64).toBe(out.pdfBase64);
  });

  it('exports one component in page order; a page rotated after OCR loses its stale text layer and is flagged', async () => {
    const { c, token, dossierId } = await desk();
    await pageWithWords(c, token, dossierId, 2, ['Trang thứ nhất Đường'], true);
    const second = await pageWithWords(c, token, dossierId, 2, ['Trang thứ hai Nguyễn'], true);
    await pageWithWords(c, token, dossierId, 1, ['Không thuộc thành phần này'], true);

    const out = await c.must('export.componentPdf', { dossierId, componentPosition: 2 }, token);
    expect(out.pageCount).toBe(2);
    expect(out.pagesWithoutText).toEqual([]);
    expect(out.fileName).toMatch(/-tp2\.pdf$/);
    const file = savePdf(c.dir, 'a.pdf', out.pdfBase64);
    const pages = pdftotext(file).normalize('NFC').split('\f');
    expect(pages[0]).toContain('Trang thứ nhất Đường');
    expect(pages[1]).toContain('Trang thứ hai Nguyễn');
    expect(pages.join('')).not.toContain('Không thuộc');
    expect(outlines(file)).toEqual([{ title: 'Giấy khai sinh', page: 1 }]);

    await c.must('pages.rotate', { id: second.page.id, turn: 90 }, token);
    const rotated = await c.must('export.componentPdf', { dossierId, componentPosition: 2 }, token);
    expect(rotated.pagesWithoutText).toEqual([second.page.position]);
    const file2 = savePdf(c.dir, 'b.pdf', rotated.pdfBase64);
    const text2 = pdftotext(file2).normalize('NFC');
    expect(text2).toContain('Trang thứ nhất');
    expect(text2).not.toContain('thứ hai');
    // The rotated page is portrait now: 600 × 1400 px.
    expect(pdfinfo(file2, '-f', '2', '-l', '2')).toMatch(/Page\s+2 size:\s+216 x 504 pts/);
  });

  it('refuses what it cannot export with clear errors', async () => {
    const { c, token, dossierId } = await desk();
    const empty = await c.call('export.dossierPdf', { dossierId }, token);
    expect(empty).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'Hồ sơ chưa có trang nào để xuất.' } });
    const noPages = await c.call('export.componentPdf', { dossierId, componentPosition: 1 }, token);
    expect(noPages).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const noComponent = await c.call('export.componentPdf', { dossierId, componentPosition: 9 }, token);
    expect(noComponent).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const noDossier = await c.call('export.dossierPdf', { dossierId: '00000000-0000-4000-8000-000000000000' }, token);
    expect(noDossier).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await c.call('export.dossierPdf', { dossierId }, null)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('gives each page its real size from its resolution, and A4 when that resolution is not believable', async () => {
    const { c, token, dossierId } = await desk();
    // What a phone or a screenshot tool writes: 72 or 96 dpi, which would make these 13.5 × 17 in and 16.7 × 12.5 in pages.
    const inked = (width: number, height: number, density: number) =>
      sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
        .composite([{ input: { create: { width: Math.round(width * 0.6), height: 14, channels: 3, background: '#202020' } }, top: Math.round(height * 0.2), left: Math.round(width * 0.1) }])
        .withDensity(density)
        .png()
        .toBuffer();
    const files = [
      { name: 'anh-dien-thoai.png', data: await inked(972, 1224, 72) },
      { name: 'chup-man-hinh.png', data: await inked(1600, 1200, 96) },
      { name: 'quet-a5.png', data: await inked(1169, 1654, 200) },
    ];
    const { pages } = await c.must('pages.importFiles', { dossierId, files: files.map((f) => ({ name: f.name, base64: f.data.toString('base64') })) }, token);
    expect(pages.map((p) => p.dpi)).toEqual([72, 96, 200]);
    const pdf = await c.must('export.dossierPdf', { dossierId }, token);
    const file = savePdf(c.dir, 'kich-thuoc.pdf', pdf.pdfBase64);
    const sizes = [...pdfinfo(file, '-f', '1', '-l', '3').matchAll(/Page\s+\d size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
    // A4 portrait and A4 landscape (595 × 842 pt), then the A5 scan at its real 420 × 595 pt.
    expect(sizes).toEqual([
      [595, 842],
      [842, 595],
      [421, 595],
    ]);
  });
});
