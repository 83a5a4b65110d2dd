import type { Holiday } from '../../src-shared/contract/schemas.js';
import type { WorkCalendar } from '../../src-shared/domain/working-days.js';
import type { Db } from '../db/open.js';

/** The calendar exceptions of one year, by date. */
export function listHolidays(db: Db, year: number): Holiday[] {
  return db
    .prepare("SELECT date, name, kind FROM holidays WHERE date >= ? AND date < ? ORDER BY date")
    .all(`${year}-01-01`, `${year + 1}-01-01`) as Holiday[];
}

/** Replaces one year's exceptions. Call inside a transaction (with the audit entry). */
export function replaceHolidays(db: Db, year: number, holidays: readonly Holiday[]): void {
  db.prepare('DELETE FROM holidays WHERE date >= ? AND date < ?').run(`${year}-01-01`, `${year + 1}-01-01`);
  const insert = db.prepare('INSERT INTO holidays (date, name, kind) VALUES (?, ?, ?)');
  for (const h of holidays) insert.run(h.date, h.name, h.kind);
}

/**
 * The exceptions from a date on, for working-day arithmetic. Reads a bounded window:
 * a processing time is at most 365 days (the contract's limit), plus holidays in between.
 */
export function loadCalendar(db: Db, fromDate: string): WorkCalendar {
  const rows = db
    .prepare("SELECT date, kind FROM holidays WHERE date >= ? AND date < date(?, '+800 days')")
    .all(fromDate, fromDate) as { date: string; kind: 'holiday' | 'working' }[];
  return new Map(rows.map((r) => [r.date, r.kind]));
}
