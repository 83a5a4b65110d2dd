import { fold } from '../../src-shared/text/fold.js';
import type { Db } from '../db/open.js';

/**
 * The second guard of the support bundle (the first: nothing logs personal data). Every string
 * going into the bundle loses what looks like an ID number (9 or 12 digits), a phone number or an
 * e-mail address, and every applicant name and address this desk holds, matched word for word
 * (case, diacritics and Unicode normalization aside).
 */
const patterns: [RegExp, string][] = [
  [/[\p{L}0-9._%+-]+@[\p{L}0-9.-]+\.[\p{L}]{2,}/gu, '[email]'],
  // Vietnamese phones: +84 or 0, then 9–10 digits, with spaces, dots or dashes between groups.
  [/(?<![\p{N}\p{L}])(?:\+84|0)(?:[ .-]?\d){8,10}(?![\p{N}\p{L}])/gu, '[số điện thoại]'],
  // CCCD (12 digits) and the old CMND (9 digits), standing alone.
  [/(?<![\p{N}\p{L}])(?:\d{12}|\d{9})(?![\p{N}\p{L}])/gu, '[số định danh]'],
];

// Folded (case and diacritics off, đ to d): "Pham Thi Thu Huong" is the same name as "Phạm Thị Thu Hương".
const norm = (s: string) => fold(s.normalize('NFC'));
const words = /[\p{L}\p{M}\p{N}]+/gu;

export type Scrubber = (text: string) => string;

/** A scrubber that knows this desk's applicants (their names and addresses), or patterns only without a database. */
export function createScrubber(db: Db | null): Scrubber {
  const known = new Set<string>();
  const lengths = new Set<number>();
  if (db) {
    const rows = db.prepare("SELECT applicant_name AS name, applicant_address AS address FROM dossiers").all() as { name: string; address: string }[];
    for (const r of rows) {
      for (const value of [r.name, r.address]) {
        const w = norm(value).match(words);
        if (!w || w.length === 0) continue;
        known.add(w.join(' '));
        lengths.add(w.length);
      }
    }
  }
  const byLength = [...lengths].sort((a, b) => b - a);
  const names = (text: string): string => {
    if (known.size === 0) return text;
    const spans = [...text.matchAll(words)].map((m) => ({ start: m.index, end: m.index + m[0].length, w: norm(m[0]) }));
    const cut: { start: number; end: number }[] = [];
    for (let i = 0; i < spans.length; i++) {
      for (const n of byLength) {
        if (i + n > spans.length) continue;
        if (!known.has(spans.slice(i, i + n).map((s) => s.w).join(' '))) continue;
        cut.push({ start: spans[i]!.start, end: spans[i + n - 1]!.end });
        i += n - 1;
        break;
      }
    }
    let out = text;
    for (const c of cut.reverse()) out = `${out.slice(0, c.start)}[người nộp]${out.slice(c.end)}`;
    return out;
  };
  return (text) => names(patterns.reduce((t, [re, mark]) => t.replace(re, mark), text));
}

/** Scrubs every string inside a JSON value (numbers, ids as numbers, stay as they are). */
export function scrubJson(value: unknown, scrub: Scrubber): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, scrub));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubJson(v, scrub)]));
  return value;
}

/** One log line: a JSON line scrubbed value by value, anything else as text. */
export function scrubLogLine(line: string, scrub: Scrubber): string {
  if (!line.trim()) return line;
  try {
    return JSON.stringify(scrubJson(JSON.parse(line), scrub));
  } catch {
    return scrub(line);
  }
}
