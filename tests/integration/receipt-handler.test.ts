import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src-shared/contract/commands.js';
import { makeCore, setUpDesk, type TestCore } from '../helpers/core.js';
import { decodeQrCodes, pdfInfo, pdfText, rasterise } from '../helpers/pdf.js';

/** 'receipt.pdf' through the real core: real SQLite, real dossier commands. */

let core: TestCore;
afterEach(() => core?.cleanup());

// 079 = Hồ Chí Minh City, 3 = born in the 2000s and female, 01 = 2001.
const draftInput: CommandInput<'dossiers.create'> = {
  procedureCode: '2.000815',
  applicant: {
    fullName: 'Nguyễn Thị Ánh Đường',
    idNumber: '079301012345',
    dateOfBirth: '2001-05-04',
    sex: 'female',
    phone: '0903 123 456',
    address: '12 Nguyễn Huệ, phường Sài Gòn',
  },
  components: [],
  pages: 3,
  copies: 2,
};
const auditRows = (c: TestCore) => (c.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
const bytesOf = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

describe('receipt.pdf', () => {
  it('answers NOT_FOUND for an unknown dossier', async () => {
    core = makeCore();
    const token = await setUpDesk(core);
    const r = await core.call('receipt.pdf', { id: randomUUID() }, token);
    expect(r.ok ? null : r.error.code).toBe('NOT_FOUND');
  });

  it('requires a session', async () => {
    core = makeCore();
    await setUpDesk(core);
    const r = await core.call('receipt.pdf', { id: randomUUID() }, null);
    expect(r.ok ? null : r.error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a draft with a Vietnamese message, then prints the received dossier without touching the audit log', async () => {
    // 15:30 in Vietnam: after the 15:00 cut-off, so the appointment moves to the next working day.
    core = makeCore('2026-03-02T15:30:00+07:00');
    const token = await setUpDesk(core);
    const draft = await core.must('dossiers.create', draftInput, token);
    const refused = await core.call('receipt.pdf', { id: draft.id }, token);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ code: 'VALIDATION', problem: { key: 'receipt.notReceived' }, message: expect.stringContaining('Hồ sơ chưa được tiếp nhận') });

    const d = await core.must('dossiers.receive', { id: draft.id }, token);
    const before = auditRows(core);
    const { fileName, pdfBase64 } = await core.must('receipt.pdf', { id: d.id }, token);
    expect(auditRows(core)).toBe(before);
    expect(fileName).toBe(`bien-nhan-${d.code}.pdf`);

    const pdf = bytesOf(pdfBase64);
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const info = pdfInfo(pdf);
    expect([info.width, info.height]).toEqual([419.53, 595.28]);
    const text = pdfText(pdf);
    expect(text).toContain('Bà Nguyễn Thị Ánh Đường');
    expect(text).toContain(`Mã hồ sơ: ${d.code}`);
    expect(text).toContain(`Mã tra cứu: ${d.lookupCode}`);
    expect(text).toContain('Thời gian nhận hồ sơ: 15 giờ 30 phút, ngày 02 tháng 03 năm 2026');
    // Printed from the stored appointment, in the desk's zone (UTC+7).
    const appt = new Date(new Date(d.appointmentAt!).getTime() + 7 * 3600_000).toISOString();
    const [, y, m, day, hh, mm] = appt.match(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/)!;
    expect(text).toContain(`Thời gian trả kết quả: ${hh} giờ ${mm} phút, ngày ${day} tháng ${m} năm ${y}`);
    expect(`${y}-${m}-${day}`).not.toBe('2026-03-02');
    expect(text).toContain(`Quyển số: ${d.logBook!.volume}, Số thứ tự: ${d.logBook!.entry}`);
    expect(text).toContain('UBND XÃ TÂN ĐỊNH');
    expect(text).toContain('Bộ phận một cửa xã Tân Định');
    // The receiving officer is the signed-in admin, by the name in the users table.
    expect(text).toMatch(/Nguyễn Thị Ánh Đường\s+Quản Trị Viên/);
    expect(await decodeQrCodes(rasterise(pdf))).toEqual([d.code]);
  });

  it('encodes the tracking URL from the settings template in the QR code', async () => {
    core = makeCore();
    const token = await setUpDesk(core);
    await core.must('settings.update', { trackingUrlTemplate: 'https://dichvucong.example.vn/tra-cuu?ma={code}&k={lookup}' }, token);
    const d = await core.must('dossiers.receive', { id: (await core.must('dossiers.create', draftInput, token)).id }, token);
    const { pdfBase64 } = await core.must('receipt.pdf', { id: d.id }, token);
    const expected = `https://dichvucong.example.vn/tra-cuu?ma=${encodeURIComponent(d.code!)}&k=${encodeURIComponent(d.lookupCode!)}`;
    expect(await decodeQrCodes(rasterise(bytesOf(pdfBase64)))).toEqual([expected]);
  });
});
