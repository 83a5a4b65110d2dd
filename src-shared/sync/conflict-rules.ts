import type { ProvincePart, SyncDossier } from './wire.js';

/**
 * Who owns what in a synced dossier, in one place (used by the server on push; the desk
 * uses the same rules to explain a conflict to the clerk):
 *
 *  - The desk owns the intake part (code, fields, pages, _deleted) until the province has
 *    taken the dossier in hand, i.e. has any status other than `supplement_requested`
 *    (a supplement request hands the dossier back to the desk to add papers).
 *  - The province owns `province` (processing status and note); whatever a desk sends
 *    there is ignored.
 *  - A push whose intake equals what the server has is a no-op (a re-sent batch changes
 *    nothing and gets no new seq), whatever state the desk assumed.
 *  - Otherwise the desk must have built on the server's current intake (the assumed state's
 *    intake equals the master's); if not, it is a conflict and the master is returned.
 *
 * `updatedAt` is the desk's clock and takes no part in these comparisons.
 */

export type IntakeState = Pick<SyncDossier, 'code' | 'fields' | 'pages' | '_deleted'>;

export type PushDecision =
  | { kind: 'insert' }
  | { kind: 'update' }
  | { kind: 'noop' }
  | { kind: 'conflict'; reason: ConflictReason };

export type ConflictReason = 'province_locked' | 'stale_assumed_state';

export function intakeOf(doc: IntakeState): IntakeState {
  return { code: doc.code, fields: doc.fields, pages: doc.pages, _deleted: doc._deleted };
}

/** Canonical JSON (object keys sorted) of the intake part: equal intake ⇔ equal key. */
export function intakeKey(doc: IntakeState): string {
  return canonicalJson(intakeOf(doc));
}

/** True once the province has taken the dossier in hand: intake changes from the desk are refused. */
export function intakeLocked(province: ProvincePart | null | undefined): boolean {
  return province != null && province.status !== 'supplement_requested';
}

export function decidePush(
  master: (IntakeState & { province: ProvincePart | null }) | null,
  next: IntakeState,
  assumed: IntakeState | null | undefined,
): PushDecision {
  if (master === null) return { kind: 'insert' };
  if (intakeKey(next) === intakeKey(master)) return { kind: 'noop' };
  if (intakeLocked(master.province)) return { kind: 'conflict', reason: 'province_locked' };
  if (assumed == null || intakeKey(assumed) !== intakeKey(master)) return { kind: 'conflict', reason: 'stale_assumed_state' };
  return { kind: 'update' };
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}
