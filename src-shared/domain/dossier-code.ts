/**
 * Dossier codes (mã số hồ sơ) — Circular 01/2018/TT-VPCP Art. 19:
 * `V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX`, i.e. the receiving unit's code under
 * QCVN 102:2016/BTTTT, the local receipt date, and the 4-digit sequence of the day.
 *
 * The format is dated data (code_formats table), written as a template with tokens:
 *   {unit}    the unit code (settings.receptionPoint.agencyCode), e.g. 000.00.53.H48
 *   {yymmdd}  the local receipt date
 *   {seqN}    the sequence, zero-filled to N digits (N = 1…9), e.g. {seq4}
 * so a later form (Circular 04/2025 [reported]) is a new row, not new code.
 *
 * Offline uniqueness: the desk-slot scheme. The unit's daily sequence space is cut into
 * blocks of `slotBlockSize` numbers; the desk enrolled in slot s issues only
 * s·block+1 … (s+1)·block−1 (slot 0, block 10000 → 0001–9999, the whole space of an
 * unenrolled desk; block 1000, slot 3 → 3001–3999). Two desks of one unit with different
 * slots therefore cannot produce the same code even when neither can reach the other.
 * Within a desk, the last number issued per (unit, local day) is kept in code_sequences,
 * only ever increased, in the same transaction that writes the dossier; a restart reads
 * it back, and a clock moved back to an earlier day continues that day's counter, so no
 * number is reused. UNIQUE(dossiers.code) is the last line of defence: a number whose
 * code already exists is skipped. When the range is used up the desk refuses with
 * CODE_RANGE_EXHAUSTED rather than step into another desk's range.
 *
 * Enrolment: IT gives each desk of a unit its own slot (settings.deskSlot) and the same
 * block size (settings.slotBlockSize); with 4-digit codes and block 1000 that is up to 9
 * desks (slots 1–9; slot 0 keeps 0001–0999) of 999 dossiers a day each. Moving a desk to a
 * higher slot takes effect at once (its counter jumps to the new range); moving it to a
 * lower slot on a day it has already issued numbers exhausts that day for it, because the
 * counter is never decremented — from the next day the new range applies.
 */

export type SequenceRange = { first: number; last: number };

const token = /\{(unit|yymmdd|seq([1-9]))\}/g;

/** Digits the template gives the sequence; throws when the template has no {seqN}. */
export function sequenceWidth(template: string): number {
  const m = /\{seq([1-9])\}/.exec(template);
  if (!m) throw new Error(`Dossier code template has no {seqN} token: ${template}`);
  return Number(m[1]);
}

/**
 * The numbers this desk may issue in a day: slot·block+1 … (slot+1)·block−1, cut to what
 * the template's sequence width can print. `null` when the slot lies wholly outside it.
 */
export function sequenceRange(slot: number, blockSize: number, width: number): SequenceRange | null {
  const max = 10 ** width - 1;
  const first = slot * blockSize + 1;
  const last = Math.min((slot + 1) * blockSize - 1, max);
  return first > last ? null : { first, last };
}

/** The next number to issue after `lastIssued` (null = none yet today), or null when the range is used up. */
export function nextSequence(lastIssued: number | null, range: SequenceRange): number | null {
  const next = lastIssued === null || lastIssued < range.first ? range.first : lastIssued + 1;
  return next > range.last ? null : next;
}

/** Fills a template. `localDate` is the receipt date 'YYYY-MM-DD' in the desk's zone. */
export function formatDossierCode(template: string, unitCode: string, localDate: string, seq: number): string {
  const width = sequenceWidth(template);
  if (!Number.isInteger(seq) || seq < 1 || seq >= 10 ** width) throw new RangeError(`Sequence ${seq} does not fit ${width} digits`);
  const yymmdd = localDate.slice(2, 4) + localDate.slice(5, 7) + localDate.slice(8, 10);
  return template.replace(token, (_all, name: string) => {
    if (name === 'unit') return unitCode;
    if (name === 'yymmdd') return yymmdd;
    return String(seq).padStart(width, '0');
  });
}

export type ParsedDossierCode = { unit: string; yymmdd: string; seq: number; width: number };

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Reads a code back into its parts by the template that made it; null when it does not fit.
 * The unit is whatever stands where {unit} is (the caller compares it with the unit it expects).
 */
export function parseDossierCode(template: string, code: string): ParsedDossierCode | null {
  const width = sequenceWidth(template);
  const order: string[] = [];
  let pattern = '';
  let last = 0;
  for (const m of template.matchAll(token)) {
    pattern += escapeRegExp(template.slice(last, m.index));
    last = m.index + m[0].length;
    const name = m[1]!.startsWith('seq') ? 'seq' : m[1]!;
    order.push(name);
    pattern += name === 'unit' ? '(.+?)' : name === 'yymmdd' ? '(\\d{6})' : `(\\d{${width}})`;
  }
  pattern += escapeRegExp(template.slice(last));
  const m = new RegExp(`^${pattern}$`).exec(code);
  if (!m) return null;
  const part = (name: string) => m[order.indexOf(name) + 1] ?? '';
  return { unit: part('unit'), yymmdd: part('yymmdd'), seq: Number(part('seq')), width };
}
