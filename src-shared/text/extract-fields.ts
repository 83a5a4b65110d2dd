import { parseIdNumber, type IdNumberInfo } from '../domain/id-number.js';
import { isoDate } from './calendar-date.js';

/**
 * Fields found in OCR text for the clerk to accept: ID numbers and dates. Nothing here is
 * trusted blindly: numbers are validated structurally (src-shared/domain/id-number.ts) and
 * dates must exist on the calendar.
 */

export type FoundIdNumber = { value: string; info: IdNumberInfo; index: number };
export type FoundDate = { iso: string; text: string; index: number };

/**
 * Digit runs that OCR may break with spaces or dots ("079 085 001 234"), not glued to other
 * letters or digits. Up to 16 characters covers 12 digits with a separator between each group of 3.
 */
const digitRun = /(?<![\p{L}\p{N}])\d(?:[ .]?\d){8,11}(?![\p{L}\p{N}])/gu;

/** 12-digit CCCD numbers (and 9-digit legacy CMND numbers) in OCR text, valid ones only, in order, without repeats. */
export function extractIdNumbers(text: string): FoundIdNumber[] {
  const found: FoundIdNumber[] = [];
  const seen = new Set<string>();
  for (const m of text.normalize('NFC').matchAll(digitRun)) {
    const value = m[0].replace(/[ .]/g, '');
    if (value.length !== 12 && value.length !== 9) continue;
    const parsed = parseIdNumber(value);
    if (!parsed.ok || seen.has(value)) continue;
    seen.add(value);
    found.push({ value, info: parsed.info, index: m.index });
  }
  return found;
}

/** dd/mm/yyyy (also with '-' or '.'), and the spelled-out "ngày 12 tháng 3 năm 1985". */
const numericDate = /(?<!\d)(\d{1,2})\s?[/.-]\s?(\d{1,2})\s?[/.-]\s?(\d{4})(?!\d)/g;
const spelledDate = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})(?!\d)/giu;

/** Real calendar dates in OCR text, in order of appearance. */
export function extractDates(text: string): FoundDate[] {
  const nfc = text.normalize('NFC');
  const found: FoundDate[] = [];
  for (const re of [numericDate, spelledDate]) {
    for (const m of nfc.matchAll(re)) {
      const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
      if (iso) found.push({ iso, text: m[0], index: m.index });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}
