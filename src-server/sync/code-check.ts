import { parseDossierCode, sequenceRange } from '../../src-shared/domain/dossier-code.js';
import type { CodeRefusal } from '../../src-shared/sync/push-refusal.js';
import { SLOT_BLOCK_SIZE } from '../../src-shared/sync/wire.js';

/**
 * The code templates the server accepts (the desks' code_formats rows, desk migration 0002).
 * A new format in force at the desks must be added here in the same release.
 */
export const ACCEPTED_CODE_TEMPLATES = ['{unit}-{yymmdd}-{seq4}'] as const;

/** Vietnam keeps UTC+7 all year; a code's date is the desk's local receipt date. */
const VN_OFFSET_MS = 7 * 3600_000;

/** 'YYMMDD' of an instant, in Vietnam. */
export function localYymmdd(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(2, 10).replace(/-/g, '');
}

export type CodeOwner = { agencyCode: string; deskSlot: number; enrolledAt: Date };

/**
 * Why a code may not be pushed by this device, or null when it may. Rules (issue 16.1):
 *  - it fits an accepted template and its unit part is the device's reception point's code;
 *  - a code dated after the day the device enrolled lies in the device's slot
 *    (slot·1000+1 … slot·1000+999, dossier-code.ts). Codes dated on or before that day may
 *    have been issued before enrollment by the standalone desk (slot 0, 0001–9999) and are
 *    taken whatever their number: uniqueness alone guards them.
 * A code the dossier already holds at the province is not checked against the slot again
 * (the desk may have been re-enrolled into another slot since).
 */
export function codeRefusal(code: string, owner: CodeOwner, heldAlready: boolean): CodeRefusal | null {
  for (const template of ACCEPTED_CODE_TEMPLATES) {
    const parsed = parseDossierCode(template, code);
    if (!parsed) continue;
    if (parsed.unit !== owner.agencyCode) return 'code.otherUnit';
    if (heldAlready || parsed.yymmdd <= localYymmdd(owner.enrolledAt)) return null;
    const range = sequenceRange(owner.deskSlot, SLOT_BLOCK_SIZE, parsed.width);
    return range && parsed.seq >= range.first && parsed.seq <= range.last ? null : 'code.otherSlot';
  }
  return 'code.format';
}
