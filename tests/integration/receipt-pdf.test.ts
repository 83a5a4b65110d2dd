import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Dossier, ReceptionPoint } from '../../src-shared/contract/schemas.js';
import { receiptQrContent } from '../../src-main/receipt/qr.js';
import { renderReceiptPdf, type ReceiptInput } from '../../src-main/receipt/receipt-pdf.js';
import { decodeQrCodes, pdfFonts, pdfInfo, pdfPlainText, pdfText, pdfWordBoxes, rasterise } from '../helpers/pdf.js';

/**
 * The receipt renderer against Dossier objects built here, read back with poppler and ZXing.
 * (The same PDF through the core is in receipt-handler.test.ts.)
 */

const fonts: ReceiptInput['fonts'] = {
  regular: readFileSync(join('assets', 'fonts', 'NotoSerif-Regular.ttf')),
  bold: readFileSync(join('assets', 'fonts', 'NotoSerif-Bold.ttf')),
};

const receptionPoint: ReceptionPoint = {
  name: 'Bộ phận một cửa UBND xã Tân Định',
  agencyCode: '000.00.53.H48',
  agencyName: 'Ủy ban nhân dân xã Tân Định',
  address: '',
  phone: '',
  returnPlace: 'Quầy số 2, Bộ phận một cửa xã Tân Định',
};

function dossier(over: Partial<Dossier> = {}): Dossier {
  return {
    id: '3f2b8a9e-1c4d-4e5f-8a6b-7c8d9e0f1a2b',
    status: 'received',
    code: '000.00.53.H48-260302-0007',
    lookupCode: 'K7QM-4XTP',
    procedureCode: '1.004873',
    procedureName: 'Cấp Giấy xác nhận tình trạng hôn nhân',
    processingDays: 3,
    applicant: {
      fullName: 'Nguyễn Thị Ánh Đường',
      idNumber: '079301012345',
      dateOfBirth: '2001-05-04',
      sex: 'female',
      phone: '0903 123 456',
      email: 'anh.duong@example.vn',
      address: '12 Nguyễn Huệ, phường Sài Gòn, Thành phố Hồ Chí Minh',
    },
    components: [
      { name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân', kind: 'original', quantity: 1, received: true },
      { name: 'Giấy tờ chứng minh nơi cư trú', kind: 'certified_copy', quantity: 2, received: true },
      { name: 'Bản án ly hôn (không nộp)', kind: 'photocopy', quantity: 1, received: false },
      { name: 'Căn cước công dân', kind: 'photocopy', quantity: 1, received: true },
    ],
    setsCount: 1,
    pages: 0,
    copies: 0,
    feeAmount: 3000,
    note: '',
    // 09:05 and, three working days later, 16:00 in Vietnam (UTC+7).
    receivedAt: '2026-03-02T02:05:00.000Z',
    appointmentAt: '2026-03-05T09:00:00.000Z',
    logBook: { volume: '2026', entry: 17 },
    createdBy: '0a1b2c3d-0000-4000-8000-000000000001',
    receivedBy: '0a1b2c3d-0000-4000-8000-000000000001',
    createdAt: '2026-03-02T02:00:00.000Z',
    updatedAt: '2026-03-02T02:05:00.000Z',
    ...over,
  };
}

const render = (d: Dossier, over: Partial<ReceiptInput> = {}) =>
  renderReceiptPdf({
    dossier: d,
    receptionPoint,
    receivingOfficer: 'Trần Văn Bình',
    qrContent: d.code!,
    timeZone: 'Asia/Ho_Chi_Minh',
    fonts,
    ...over,
  });

/** Every word lies on the page, inside the side margins (34 and 30 pt) and away from the edges. */
function expectWordsInsidePage(pdf: Uint8Array): void {
  const words = pdfWordBoxes(pdf);
  expect(words.length).toBeGreaterThan(50);
  const outside = words.filter(
    (w) => w.xMin < 33.5 || w.xMax > w.pageWidth - 29.5 || w.yMin < 10 || w.yMax > w.pageHeight - 10,
  );
  expect(outside).toEqual([]);
}

describe('receipt PDF (form 01, A5)', () => {
  let pdf: Uint8Array;
  beforeAll(async () => {
    pdf = await render(dossier());
  });

  it('prints the applicant, dossier code, lookup code, procedure, dates and log book in Vietnamese', () => {
    const text = pdfText(pdf);
    const plain = pdfPlainText(pdf);
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('Bà Nguyễn Thị Ánh Đường');
    expect(text).toContain('Mã hồ sơ: 000.00.53.H48-260302-0007');
    expect(text).toContain('Mã tra cứu: K7QM-4XTP');
    expect(text).toContain('079301012345');
    expect(text).toContain('04/05/2001');
    expect(plain).toContain('12 Nguyễn Huệ, phường Sài Gòn, Thành phố Hồ Chí Minh');
    expect(text).toContain('0903 123 456');
    expect(text).toContain('anh.duong@example.vn');
    expect(plain).toContain('Cấp Giấy xác nhận tình trạng hôn nhân (mã thủ tục: 1.004873)');
    expect(text).toContain('Thời gian nhận hồ sơ: 09 giờ 05 phút, ngày 02 tháng 03 năm 2026');
    expect(text).toContain('Thời gian trả kết quả: 16 giờ 00 phút, ngày 05 tháng 03 năm 2026');
    expect(text).toContain('3 ngày làm việc');
    expect(text).toContain('Số lượng hồ sơ: 1 bộ');
    expect(text).toContain('Phí, lệ phí: 3.000 đ');
    expect(plain).toContain('Đăng ký nhận kết quả tại: Quầy số 2, Bộ phận một cửa xã Tân Định');
    expect(text).toContain('Vào Sổ theo dõi hồ sơ, Quyển số: 2026, Số thứ tự: 17');
    expect(text).toContain('ỦY BAN NHÂN DÂN XÃ TÂN ĐỊNH');
    expect(text).toMatch(/NGƯỜI NỘP HỒ SƠ\s+NGƯỜI TIẾP NHẬN HỒ SƠ/);
    expect(text).toMatch(/\(Ký và ghi rõ họ tên\)\s+\(Ký và ghi rõ họ tên\)/);
    expect(text).toMatch(/Nguyễn Thị Ánh Đường\s+Trần Văn Bình/);
  });

  it('lists only the documents received, each with its kind and quantity', () => {
    const lines = pdfText(pdf).split('\n');
    const row = (name: string) => lines.find((l) => l.includes(name)) ?? '';
    expect(row('Tờ khai cấp Giấy xác nhận tình trạng hôn nhân')).toMatch(/^\s*1\s+Tờ khai.*Bản chính\s+1\s*$/);
    expect(row('Giấy tờ chứng minh nơi cư trú')).toMatch(/^\s*2\s+Giấy tờ.*Bản sao chứng thực\s+2\s*$/);
    expect(row('Căn cước công dân')).toMatch(/^\s*3\s+Căn cước công dân\s+Bản chụp\s+1\s*$/);
    expect(lines.join('\n')).not.toContain('Bản án ly hôn');
  });

  it('is one A5 portrait page with the title and language set', async () => {
    const info = pdfInfo(pdf);
    expect(info.pages).toBe(1);
    expect(info.width).toBeCloseTo(419.53, 1);
    expect(info.height).toBeCloseTo(595.28, 1);
    expect(info.title).toContain('000.00.53.H48-260302-0007');
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect((doc.catalog.lookup(PDFName.of('Lang'), PDFString) as PDFString).decodeText()).toBe('vi-VN');
  });

  it('embeds the shipped Noto Serif fonts as subsets and no other font', () => {
    const list = pdfFonts(pdf);
    expect(list.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['NotoSerif-Bold', 'NotoSerif-Regular']);
    for (const f of list) expect(f).toMatchObject({ embedded: true, subset: true, unicode: true });
    // A subset keeps the receipt small: the two full fonts weigh about 1 MB.
    expect(pdf.length).toBeLessThan(120_000);
  });

  it('carries a QR code that decodes to the dossier code', async () => {
    expect(await decodeQrCodes(rasterise(pdf))).toEqual(['000.00.53.H48-260302-0007']);
  });

  it('keeps every word inside the page', () => {
    expectWordsInsidePage(pdf);
  });
});

describe('receipt dates and times', () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it("are local to the desk's time zone, not the machine's, across midnight", async () => {
    // 17:30 UTC on 2 March is 00:30 on 3 March in Vietnam; the machine pretends to be in New York.
    process.env.TZ = 'America/New_York';
    const d = dossier({ receivedAt: '2026-03-02T17:30:00.000Z', appointmentAt: '2026-03-06T09:00:00.000Z' });
    const vn = pdfText(await render(d));
    expect(vn).toContain('Thời gian nhận hồ sơ: 00 giờ 30 phút, ngày 03 tháng 03 năm 2026');
    expect(vn).toContain('Thời gian trả kết quả: 16 giờ 00 phút, ngày 06 tháng 03 năm 2026');
    expect(vn).toContain('Ngày 03 tháng 03 năm 2026');
    const tokyo = pdfText(await render(d, { timeZone: 'Asia/Tokyo' }));
    expect(tokyo).toContain('Thời gian nhận hồ sơ: 02 giờ 30 phút, ngày 03 tháng 03 năm 2026');
  });

  it('say "Trong ngày" for a same-day procedure and leave out a zero fee', async () => {
    const text = pdfText(await render(dossier({ processingDays: 0, feeAmount: 0, appointmentAt: '2026-03-02T09:00:00.000Z' })));
    expect(text).toContain('Thời gian giải quyết hồ sơ theo quy định: Trong ngày');
    expect(text).not.toContain('Phí, lệ phí');
  });
});

describe('receipt QR content', () => {
  it('is the dossier code without a template, else the template with both codes URL-encoded', async () => {
    expect(receiptQrContent(null, '000.00.53.H48-260302-0007', 'K7QM-4XTP')).toBe('000.00.53.H48-260302-0007');
    expect(receiptQrContent('https://dvc.example.vn/tra-cuu?ma={code}&k={lookup}', 'A B/C&D', 'K7QM-4XTP')).toBe(
      'https://dvc.example.vn/tra-cuu?ma=A%20B%2FC%26D&k=K7QM-4XTP',
    );
    const url = receiptQrContent('https://dvc.example.vn/tra-cuu/{code}?k={lookup}', '000.00.53.H48-260302-0007', 'K7QM-4XTP');
    expect(url).toBe('https://dvc.example.vn/tra-cuu/000.00.53.H48-260302-0007?k=K7QM-4XTP');
    expect(await decodeQrCodes(rasterise(await render(dossier(), { qrContent: url })))).toEqual([url]);
  });
});

describe('receipt with hostile or very long text', () => {
  const long = (seed: string, length: number) => seed.repeat(Math.ceil(length / seed.length)).slice(0, length).trim();

  it('renders markup literally and wraps 200-character names and 500-character addresses inside the margins', async () => {
    const script = '<script>alert("x")</script> Lê Thị Hồng';
    const longName = long('Nguyễn Thị Ánh Đường Trường Giang ', 200);
    const unbroken = 'Ư'.repeat(200);
    const address = long('Số 123/45/6 đường Nguyễn Thị Minh Khai, phường Bến Thành, ', 500);
    const d = dossier({
      applicant: { ...dossier().applicant, fullName: script, address, email: `${'a'.repeat(60)}@${'b'.repeat(60)}.example.vn` },
      procedureName: long('Thủ tục có tên rất dài để thử ngắt dòng ', 300),
      components: [
        { name: longName, kind: 'certified_copy', quantity: 999, received: true },
        { name: unbroken, kind: 'photocopy', quantity: 1, received: true },
        { name: "Robert'); DROP TABLE dossiers;--", kind: 'original', quantity: 1, received: true },
      ],
      logBook: { volume: long('Quyển ', 80), entry: 123456 },
    });
    const pdf = await render(d, {
      receptionPoint: { ...receptionPoint, name: long('Trung tâm Phục vụ hành chính công ', 200), agencyName: long('Ủy ban nhân dân ', 200), returnPlace: address },
      receivingOfficer: longName,
    });
    const plain = pdfPlainText(pdf);
    expect(pdfText(pdf)).toContain('<script>alert("x")</script> Lê Thị Hồng');
    expect(plain).toContain("Robert'); DROP TABLE dossiers;--");
    // Wrapped text reads back whole once line breaks are ignored.
    const squeeze = (s: string) => s.replace(/\s+/g, '');
    expect(squeeze(plain)).toContain(squeeze(longName));
    expect(squeeze(plain)).toContain(squeeze(address));
    // pdftotext reads a table row across its cells, so count the broken word's pieces by their boxes.
    const pieces = pdfWordBoxes(pdf).filter((w) => /^Ư+$/u.test(w.text));
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.reduce((n, w) => n + w.text.length, 0)).toBe(200);
    expectWordsInsidePage(pdf);
    const info = pdfInfo(pdf);
    expect([info.width, info.height].map(Math.round)).toEqual([420, 595]);
  });

  it('prints decomposed (NFD) input as NFC and line breaks inside a field as spaces', async () => {
    const name = 'Nguyễn Thị Ánh Đường';
    const pdf = await render(dossier({ applicant: { ...dossier().applicant, fullName: name.normalize('NFD'), address: '12 Nguyễn Huệ\nphường Sài Gòn\t\tTP HCM' } }));
    const text = pdfText(pdf);
    expect(text).toContain(`Bà ${name.normalize('NFC')}`);
    expect(text).toContain('Địa chỉ: 12 Nguyễn Huệ phường Sài Gòn TP HCM');
  });

  it('flows a long document list onto further A5 pages, header repeated, signatures kept together', async () => {
    const components = Array.from({ length: 45 }, (_, i) => ({
      name: `Giấy tờ số ${i + 1}: bản sao giấy khai sinh của thành viên trong hộ gia đình`,
      kind: 'certified_copy' as const,
      quantity: i + 1,
      received: true,
    }));
    const pdf = await render(dossier({ components }));
    const info = pdfInfo(pdf);
    expect(info.pages).toBeGreaterThanOrEqual(2);
    expectWordsInsidePage(pdf);
    const words = pdfWordBoxes(pdf);
    for (let page = 1; page <= info.pages; page += 1) {
      const onPage = words.filter((w) => w.page === page);
      expect(onPage[0]?.pageWidth).toBeCloseTo(419.53, 1);
      expect(onPage.some((w) => w.text === `${page}/${info.pages}`)).toBe(true);
    }
    const text = pdfText(pdf);
    for (const c of components) expect(text).toContain(`Giấy tờ số ${c.quantity}:`);
    // The table header is repeated on every page the table reaches.
    expect(text.match(/Tên giấy tờ/g)?.length).toBeGreaterThanOrEqual(2);
    const lastPage = words.filter((w) => w.page === info.pages).map((w) => w.text);
    expect(lastPage).toContain('NỘP');
    expect(lastPage).toContain('Bình');
  });
});

describe('receipt refusals', () => {
  it('refuses an unknown time zone in the settings rather than guess', async () => {
    await expect(render(dossier(), { timeZone: 'Asia/Sai_Gon_Moi' })).rejects.toMatchObject({
      code: 'VALIDATION',
      problem: { key: 'receipt.badTimeZone', params: { timeZone: 'Asia/Sai_Gon_Moi' } },
      message: 'Múi giờ trong phần Cài đặt không hợp lệ: Asia/Sai_Gon_Moi',
    });
  });

  it('refuses a draft that has no code yet', async () => {
    await expect(render(dossier({ status: 'draft', code: null, receivedAt: null, appointmentAt: null, logBook: null }), { qrContent: 'x' })).rejects.toMatchObject({
      code: 'VALIDATION',
      problem: { key: 'receipt.notReceived' },
    });
  });
});
