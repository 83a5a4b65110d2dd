import { afterEach, describe, expect, it } from 'vitest';
import { renderWordPage } from '../fixtures/ocr-corpus/word-page.js';
import { makeCore, setUpDesk, type TestCore } from '../helpers/core.js';
import { pdftotext, pdfWords, savePdf } from './export-pdf-tools.js';

let core: TestCore | undefined;
afterEach(async () => {
  await core?.cleanup();
  core = undefined;
});

describe('searchable PDF of a page OCRed by the real queue', () => {
  it('imports a generated page, lets one tesseract.js worker read it, and exports its Vietnamese words where they are printed', async () => {
    core = makeCore(undefined, undefined, { ocrWorkers: 1 });
    const c = core;
    const token = await setUpDesk(c);
    const d = await c.must(
      'dossiers.create',
      { procedureCode: '2.000815', applicant: { fullName: 'Nguyễn Văn Đường', idNumber: '079085001234' }, components: [{ name: 'Đơn đề nghị', kind: 'original', quantity: 1, received: true }], pages: 1, copies: 1 },
      token,
    );
    const dpi = 200;
    const lines = ['Họ và tên: Nguyễn Văn Đường', 'Số định danh cá nhân: 079085001234', 'Địa chỉ: xã Tân Định, huyện Châu Thành', 'Cam đoan những nội dung trên là đúng sự thật', 'Người làm đơn ký và ghi rõ họ tên'];
    const { png, boxes } = await renderWordPage(lines, { width: 1500, height: 600, dpi, lineStep: 90 });
    const { pages } = await c.must('pages.importFiles', { dossierId: d.id, componentPosition: 1, files: [{ name: 'don.png', base64: png.toString('base64') }] }, token);
    expect(pages[0]!.skewAngle).toBe(0);

    // Before OCR has run, the export says the page has no text layer.
    const early = await c.must('export.componentPdf', { dossierId: d.id, componentPosition: 1 }, token);
    expect(early.pagesWithoutText).toEqual([1]);

    const deadline = Date.now() + 90_000;
    for (;;) {
      const s = await c.must('ocr.status', { dossierId: d.id }, token);
      if (s.counts.done === 1) break;
      expect(s.counts.failed).toBe(0);
      if (Date.now() > deadline) throw new Error('OCR did not finish in 90 s');
      await new Promise((r) => setTimeout(r, 200));
    }

    const out = await c.must('export.componentPdf', { dossierId: d.id, componentPosition: 1 }, token);
    expect(out.pagesWithoutText).toEqual([]);
    const file = savePdf(c.dir, out.fileName, out.pdfBase64);
    expect(pdftotext(file).normalize('NFC')).toContain('Nguyễn Văn Đường');
    // Where the PDF says "Đường" is, the page image has "Đường" printed.
    const truth = boxes.find((b) => b.text === 'Đường')!;
    const found = pdfWords(file).find((w) => w.text.normalize('NFC') === 'Đường')!;
    const px = (pt: number) => (pt * dpi) / 72;
    const cx = px((found.xMin + found.xMax) / 2);
    const cy = px((found.yMin + found.yMax) / 2);
    expect(cx).toBeGreaterThan(truth.x0);
    expect(cx).toBeLessThan(truth.x1);
    expect(cy).toBeGreaterThan(truth.y0 - 6);
    expect(cy).toBeLessThan(truth.y1 + 6);
    expect(px(found.xMax - found.xMin)).toBeGreaterThan((truth.x1 - truth.x0) * 0.8);
  }, 120_000);
});
