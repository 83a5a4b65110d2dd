import { AppError } from '../../src-shared/contract/errors.js';
import type { DocumentKind } from '../../src-shared/contract/schemas.js';
import { isValidTimeZone, toLocal } from '../../src-shared/domain/local-time.js';

/**
 * How values are written on the receipt (form 01 of Circular 01/2018/TT-VPCP).
 * Dates and times are always computed in the desk's configured time zone, never the machine's.
 */

export type LocalDateTime = { year: string; month: string; day: string; hour: string; minute: string };

/** Wall-clock parts of an instant in `timeZone`, zero-padded (hour 00–23). */
export function localParts(instant: string | Date, timeZone: string): LocalDateTime {
  // An unknown zone in the settings: a clear refusal rather than a receipt in the wrong zone.
  if (!isValidTimeZone(timeZone)) throw new AppError('VALIDATION', { key: 'receipt.badTimeZone', params: { timeZone } });
  const { date, time } = toLocal(new Date(instant), timeZone);
  const [year = '', month = '', day = ''] = date.split('-');
  const [hour = '', minute = ''] = time.split(':');
  return { year, month, day, hour, minute };
}

/** "ngày 02 tháng 03 năm 2026", as the official forms write dates. */
export function formatDateVi(instant: string | Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  return `ngày ${p.day} tháng ${p.month} năm ${p.year}`;
}

/** "09 giờ 05 phút, ngày 02 tháng 03 năm 2026" (form 01, items 4 and 5). */
export function formatDateTimeVi(instant: string | Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  return `${p.hour} giờ ${p.minute} phút, ngày ${p.day} tháng ${p.month} năm ${p.year}`;
}

const vnd = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/** 6000 → "6.000 đ" (Vietnamese digit grouping with dots). */
export function formatMoneyVnd(amount: number): string {
  return `${vnd.format(amount)} đ`;
}

/** 0 → "Trong ngày"; n → "n ngày làm việc". */
export function formatProcessingTime(days: number): string {
  return days === 0 ? 'Trong ngày' : `${days} ngày làm việc`;
}

export const documentKindLabel: Record<DocumentKind, string> = {
  original: 'Bản chính',
  certified_copy: 'Bản sao chứng thực',
  photocopy: 'Bản chụp',
};

/** "Ông" / "Bà" by the recorded sex, "Ông/Bà" when it is not known. */
export function honorific(sex: 'male' | 'female' | null): string {
  return sex === 'male' ? 'Ông' : sex === 'female' ? 'Bà' : 'Ông/Bà';
}

/**
 * Text as drawn: NFC (so every Vietnamese letter is one precomposed glyph of the font),
 * and every run of whitespace (tabs and line breaks pass the schema) made one space.
 */
export function cleanText(s: string): string {
  return s.normalize('NFC').replace(/\s+/gu, ' ').trim();
}
