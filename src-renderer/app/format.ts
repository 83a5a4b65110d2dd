import { toLocal } from '../../src-shared/domain/local-time.js';

/** Dates shown to the clerk: dd/mm/yyyy (and HH:mm) in the desk's time zone. */
const defaultZone = 'Asia/Ho_Chi_Minh';

export function formatDateTime(iso: string | null | undefined, timeZone = defaultZone): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = partsOf(d, timeZone);
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

export function formatDate(iso: string | null | undefined, timeZone = defaultZone): string {
  if (!iso) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
    const [y, m, d] = iso.split('-');
    return `${d}/${m}/${y}`;
  }
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = partsOf(d, timeZone);
  return `${parts.day}/${parts.month}/${parts.year}`;
}

function partsOf(d: Date, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const { date, time } = toLocal(d, timeZone);
  const [year = '', month = '', day = ''] = date.split('-');
  const [hour = '', minute = ''] = time.split(':');
  return { year, month, day, hour, minute };
}

/** Vietnamese đồng, e.g. 12.000 ₫. */
export function formatVnd(amount: number): string {
  return new Intl.NumberFormat('vi-VN').format(amount) + ' ₫';
}

/** Lowercase without diacritics, for forgiving search ("chung thuc" finds "Chứng thực"). */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();
}
