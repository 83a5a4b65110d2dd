import QRCode from 'qrcode';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readCccdQr } from '../../src-main/ocr/cccd-qr-reader.js';
import { parseCccdQr } from '../../src-shared/text/cccd-qr.js';

const sample = '079185001234|023456789|Nguyễn Thị Hồng Nhung|12031985|Nữ|12 Lê Lợi, ấp Bình Đường, xã Tân Định, TP. Hồ Chí Minh|01072021';

describe('CCCD QR parsing', () => {
  it('parses the seven fields into applicant data', () => {
    expect(parseCccdQr(sample)).toEqual({
      ok: true,
      data: {
        idNumber: '079185001234',
        oldIdNumber: '023456789',
        fullName: 'Nguyễn Thị Hồng Nhung',
        dateOfBirth: '1985-03-12',
        sex: 'female',
        address: '12 Lê Lợi, ấp Bình Đường, xã Tân Định, TP. Hồ Chí Minh',
        issueDate: '2021-07-01',
      },
    });
  });

  it('accepts an empty old ID and a male holder', () => {
    const r = parseCccdQr('001090012345||Trần Văn Nam|01011990|Nam|Hà Nội|15082022');
    expect(r).toMatchObject({ ok: true, data: { oldIdNumber: null, sex: 'male', dateOfBirth: '1990-01-01' } });
  });

  it('refuses codes that are not a coherent card', () => {
    const swap = (i: number, v: string) => sample.split('|').map((f, k) => (k === i ? v : f)).join('|');
    expect(parseCccdQr('079185001234|Nguyễn')).toEqual({ ok: false, issue: 'qr.fieldCount' });
    expect(parseCccdQr(swap(0, '999185001234'))).toEqual({ ok: false, issue: 'qr.idNumber' });
    expect(parseCccdQr(swap(1, '12'))).toEqual({ ok: false, issue: 'qr.oldIdNumber' });
    expect(parseCccdQr(swap(2, ''))).toEqual({ ok: false, issue: 'qr.fullName' });
    // The ID says born 1985: a 1986 birth date does not match it; 31/02 does not exist.
    expect(parseCccdQr(swap(3, '12031986'))).toEqual({ ok: false, issue: 'qr.dateOfBirth' });
    expect(parseCccdQr(swap(3, '31021985'))).toEqual({ ok: false, issue: 'qr.dateOfBirth' });
    expect(parseCccdQr(swap(4, 'Nam'))).toEqual({ ok: false, issue: 'qr.sex' });
    expect(parseCccdQr(swap(6, '01011980'))).toEqual({ ok: false, issue: 'qr.issueDate' });
  });
});

describe('reading the QR code from a card scan', () => {
  it('decodes a generated QR code on a page image and parses it', async () => {
    const qr = await QRCode.toBuffer(sample, { errorCorrectionLevel: 'M', margin: 2, scale: 4 });
    const page = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#f4f1ea' } })
      .composite([{ input: qr, left: 600, top: 80 }])
      .jpeg({ quality: 85 })
      .toBuffer();
    const r = await readCccdQr(page);
    expect(r).toMatchObject({ found: true, raw: sample, parsed: { ok: true, data: { fullName: 'Nguyễn Thị Hồng Nhung', idNumber: '079185001234' } } });
  });

  it('says when there is no QR code, and reports an unparseable one', async () => {
    const blank = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#ffffff' } }).png().toBuffer();
    expect(await readCccdQr(blank)).toEqual({ found: false });
    const other = await QRCode.toBuffer('https://dichvucong.gov.vn/tra-cuu?ma=ABC123', { margin: 2, scale: 4 });
    expect(await readCccdQr(other)).toMatchObject({ found: true, parsed: { ok: false, issue: 'qr.fieldCount' } });
  });
});
