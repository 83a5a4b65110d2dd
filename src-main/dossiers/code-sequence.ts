import { AppError } from '../../src-shared/contract/errors.js';
import { formatDossierCode, nextSequence, sequenceRange, sequenceWidth } from '../../src-shared/domain/dossier-code.js';
import type { Db } from '../db/open.js';
import { codeExists } from './dossier-repo.js';

// The scheme (desk slots, per-day counters never decremented) is documented in
// src-shared/domain/dossier-code.ts.

/** The code template in force on a local date, from the dated code_formats table. */
export function codeTemplate(db: Db, localDate: string): string {
  const r = db.prepare('SELECT template FROM code_formats WHERE valid_from <= ? ORDER BY valid_from DESC LIMIT 1').get(localDate) as
    | { template: string }
    | undefined;
  if (!r) throw new AppError('INTERNAL', { key: 'dossiers.noCodeFormat', params: { date: localDate } });
  return r.template;
}

export type CodeRequest = { unitCode: string; localDate: string; deskSlot: number; slotBlockSize: number };

/**
 * Issues the next dossier code of the day for this desk and records it in code_sequences.
 * Must run inside the (immediate) transaction that writes the dossier, so a failed write
 * also rolls the counter back and a committed code is never issued again.
 */
export function issueDossierCode(db: Db, req: CodeRequest): { code: string; seq: number } {
  const template = codeTemplate(db, req.localDate);
  const range = sequenceRange(req.deskSlot, req.slotBlockSize, sequenceWidth(template));
  const exhausted = () =>
    new AppError(
      'CODE_RANGE_EXHAUSTED',
      range
        ? { key: 'dossiers.codeRangeExhausted', params: { date: req.localDate, first: range.first, last: range.last } }
        : { key: 'dossiers.slotOutsideFormat', params: { date: req.localDate } },
    );
  if (!range) throw exhausted();
  const row = db.prepare('SELECT last_seq FROM code_sequences WHERE unit_code = ? AND day = ?').get(req.unitCode, req.localDate) as
    | { last_seq: number }
    | undefined;
  let seq = nextSequence(row?.last_seq ?? null, range);
  let code: string | null = null;
  while (seq !== null) {
    const candidate = formatDossierCode(template, req.unitCode, req.localDate, seq);
    // Skip a number whose code exists already (e.g. a database restored from another desk's copy).
    if (!codeExists(db, candidate)) {
      code = candidate;
      break;
    }
    seq = nextSequence(seq, range);
  }
  if (seq === null || code === null) throw exhausted();
  db.prepare(
    `INSERT INTO code_sequences (unit_code, day, last_seq) VALUES (?, ?, ?)
     ON CONFLICT (unit_code, day) DO UPDATE SET last_seq = MAX(last_seq, excluded.last_seq)`,
  ).run(req.unitCode, req.localDate, seq);
  return { code, seq };
}
