import { FeeSchedule, Procedure, ProcedureComponent } from '../../src-shared/contract/schemas.js';
import type { Db } from '../db/open.js';

type Row = {
  code: string; name: string; category: Procedure['category']; processing_days: number;
  counts_pages: number; components: string; fee: string;
};

const toProcedure = (r: Row): Procedure => ({
  code: r.code,
  name: r.name,
  category: r.category,
  processingDays: r.processing_days,
  // The JSON columns are checked on the way out: a bad seed or hand edit fails loudly here.
  components: ProcedureComponent.array().parse(JSON.parse(r.components)),
  fee: FeeSchedule.parse(JSON.parse(r.fee)),
  countsPages: r.counts_pages === 1,
});

// The row in force on a local date: valid_from ≤ date < valid_to, the latest valid_from winning.
const inForce = `
  SELECT p.code, p.name, p.category, p.processing_days, p.counts_pages, p.components, p.fee
    FROM procedures p
   WHERE p.valid_from <= @date AND (p.valid_to IS NULL OR p.valid_to > @date)
     AND p.valid_from = (SELECT MAX(q.valid_from) FROM procedures q
                          WHERE q.code = p.code AND q.valid_from <= @date AND (q.valid_to IS NULL OR q.valid_to > @date))`;

/** Procedures in force on a local date ('YYYY-MM-DD'), by code. */
export function listProcedures(db: Db, date: string): Procedure[] {
  return (db.prepare(`${inForce} ORDER BY p.code`).all({ date }) as Row[]).map(toProcedure);
}

/** One procedure in force on a local date, or null. */
export function findProcedure(db: Db, code: string, date: string): Procedure | null {
  const row = db.prepare(`${inForce} AND p.code = @code`).get({ date, code }) as Row | undefined;
  return row ? toProcedure(row) : null;
}
