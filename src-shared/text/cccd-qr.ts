import { parseIdNumber } from '../domain/id-number.js';
import { isoDate } from './calendar-date.js';

/**
 * The QR code on the chip-based CCCD card (DOMAIN.md, "Identity numbers" [check against real
 * cards]): `ID|old ID|full name|DOB ddmmyyyy|sex|address|issue date ddmmyyyy`. The old ID
 * (9-digit CMND) may be empty.
 */
export type CccdQrData = {
  idNumber: string;
  oldIdNumber: string | null;
  fullName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  sex: 'male' | 'female';
  address: string;
  /** YYYY-MM-DD */
  issueDate: string;
};

export type CccdQrIssue = 'qr.fieldCount' | 'qr.idNumber' | 'qr.oldIdNumber' | 'qr.fullName' | 'qr.dateOfBirth' | 'qr.sex' | 'qr.issueDate';

const ddmmyyyy = (s: string) => (/^\d{8}$/.test(s) ? isoDate(Number(s.slice(0, 2)), Number(s.slice(2, 4)), Number(s.slice(4))) : null);

/** Sex as printed on the card; "Nu" covers readers that drop diacritics. */
const sexes: Readonly<Record<string, 'male' | 'female'>> = { nam: 'male', nữ: 'female', nu: 'female' };

export function parseCccdQr(raw: string): { ok: true; data: CccdQrData } | { ok: false; issue: CccdQrIssue } {
  const fields = raw.normalize('NFC').trim().split('|').map((f) => f.trim());
  if (fields.length !== 7) return { ok: false, issue: 'qr.fieldCount' };
  const [idNumber, oldId, fullName, dob, sexText, address, issued] = fields as [string, string, string, string, string, string, string];
  const id = parseIdNumber(idNumber);
  if (!id.ok || id.info.kind !== 'cccd') return { ok: false, issue: 'qr.idNumber' };
  if (oldId !== '' && !/^\d{9}$/.test(oldId)) return { ok: false, issue: 'qr.oldIdNumber' };
  if (fullName === '') return { ok: false, issue: 'qr.fullName' };
  const dateOfBirth = ddmmyyyy(dob);
  if (!dateOfBirth || Number(dateOfBirth.slice(0, 4)) !== id.info.birthYear) return { ok: false, issue: 'qr.dateOfBirth' };
  const sex = sexes[sexText.toLowerCase()];
  if (!sex || sex !== id.info.sex) return { ok: false, issue: 'qr.sex' };
  const issueDate = ddmmyyyy(issued);
  if (!issueDate || issueDate < dateOfBirth) return { ok: false, issue: 'qr.issueDate' };
  return { ok: true, data: { idNumber, oldIdNumber: oldId === '' ? null : oldId, fullName, dateOfBirth, sex, address, issueDate } };
}
