import type { Holiday } from '../contract/schemas.js';
import { addDays } from './local-time.js';

/** Field → message key for a year's holiday list: every date real and in that year, each date once. */
export function holidayYearIssues(year: number, holidays: readonly Holiday[]): Record<string, string> {
  const fields: Record<string, string> = {};
  const seen = new Set<string>();
  holidays.forEach((h, i) => {
    if (!h.date.startsWith(`${year}-`) || addDays(h.date, 0) !== h.date) fields[`holidays.${i}.date`] = 'date.format';
    else if (seen.has(h.date)) fields[`holidays.${i}.date`] = 'holiday.duplicate';
    seen.add(h.date);
  });
  return fields;
}
