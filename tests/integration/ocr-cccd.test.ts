import QRCode from 'qrcode';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, setUpDesk, type TestCore } from '../helpers/core.js';

/** The brief's sample card: ID, old ID, full name, DOB, sex, address, issue date. */
const sample = '079190012345|280123456|Nguyễn Thị Ánh Đường|12051990|Nữ|Ấp 3, xã Tân Định, TP. Hồ Chí Minh|01012022';

let core: TestCore | undefined;
afterEach(async () => {
  await core?.cleanup();
  core = undefined;
});

async function desk() {
  core = makeCore();
  const token = await setUpDesk(core);
  return { c: core, token };
}

/** A card-sized scan (85.6 × 54 mm at 300 dpi ≈ 1011 × 638) with the QR code top right, as on the card's front. */
async function cardImage(text: string | null, format: 'jpeg' | 'png' = 'jpeg'): Promise<Buffer> {
  const composite = text ? [{ input: await QRCode.toBuffer(text, { errorCorrectionLevel: 'M', margin: 2, scale: 4 }), left: 700, top: 60 }] : [];
  const card = sharp({ create: { width: 1011, height: 638, channels: 3, background: '#e9eef2' } }).composite([
    { input: Buffer.from('<svg width="1011" height="638"><rect x="40" y="200" width="500" height="30" fill="#333"/><rect x="40" y="260" width="420" height="24" fill="#555"/></svg>'), left: 0, top: 0 },
    ...composite,
  ]);
  return format === 'jpeg' ? card.jpeg({ quality: 85 }).toBuffer() : card.png().toBuffer();
}

const expected = {
  idNumber: '079190012345',
  oldIdNumber: '280123456',
  fullName: 'Nguyễn Thị Ánh Đường',
  dateOfBirth: '1990-05-12',
  sex: 'female',
  address: 'Ấp 3, xã Tân Định, TP. Hồ Chí Minh',
  issueDate: '2022-01-01',
};

describe('ocr.readCccdQr', () => {
  it('reads the applicant fields from a picked card image', async () => {
    const { c, token } = await desk();
    const r = await c.must('ocr.readCccdQr', { base64: (await cardImage(sample)).toString('base64') }, token);
    expect(r.raw).toBe(sample);
    expect(r.fields).toEqual(expected);
  });

  it('reads them from a page already scanned into a dossier', async () => {
    const { c, token } = await desk();
    const d = await c.must(
      'dossiers.create',
      { procedureCode: '2.000815', applicant: { fullName: 'Trần Văn Bình', idNumber: '079085001234' }, components: [{ name: 'CCCD', kind: 'photocopy', quantity: 1, received: true }], pages: 1, copies: 1 },
      token,
    );
    const { pages } = await c.must('pages.importFiles', { dossierId: d.id, files: [{ name: 'cccd.png', base64: (await cardImage(sample, 'png')).toString('base64') }] }, token);
    const r = await c.must('ocr.readCccdQr', { pageId: pages[0]!.id }, token);
    expect(r.fields).toEqual(expected);
    // A deleted page is not offered.
    await c.must('pages.delete', { id: pages[0]!.id }, token);
    const gone = await c.call('ocr.readCccdQr', { pageId: pages[0]!.id }, token);
    expect(gone.ok ? null : gone.error.code).toBe('NOT_FOUND');
  });

  it('says clearly, in Vietnamese, when there is no QR code, a QR code that is not a card, or no image', async () => {
    const { c, token } = await desk();
    const none = await c.call('ocr.readCccdQr', { base64: (await cardImage(null)).toString('base64') }, token);
    expect(none.ok).toBe(false);
    if (!none.ok) {
      expect(none.error.code).toBe('VALIDATION');
      expect(none.error.message).toMatch(/Không tìm thấy mã QR CCCD/);
    }
    const other = await c.call('ocr.readCccdQr', { base64: (await cardImage('https://dichvucong.gov.vn/tra-cuu?ma=ABC123')).toString('base64') }, token);
    expect(other.ok ? null : other.error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/không phải mã QR trên thẻ CCCD/) });
    // Sex that contradicts the ID number (digit 4 = 1: a woman born in the 1900s).
    const wrong = await c.call('ocr.readCccdQr', { base64: (await cardImage(sample.replace('|Nữ|', '|Nam|'))).toString('base64') }, token);
    expect(wrong.ok ? null : wrong.error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/Giới tính/) });
    const junk = await c.call('ocr.readCccdQr', { base64: Buffer.from('đây không phải ảnh').toString('base64') }, token);
    expect(junk.ok ? null : junk.error.code).toBe('VALIDATION');
    // Nothing is stored by reading a card.
    expect((c.db.prepare('SELECT COUNT(*) AS n FROM pages').get() as { n: number }).n).toBe(0);
  });
});
