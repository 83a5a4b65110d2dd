import type { CommandInput } from '../../../src-shared/contract/commands.js';
import type { ReviewReason } from '../../../src-shared/contract/schemas.js';

/** The reviewer's verdict on one page: right, or wrong for a reason (with a note). */
export type Mark = { ok: true } | { ok: false; reason: ReviewReason; note: string };
export type Marks = Record<string, Mark>;

export const reasonKeys: ReviewReason[] = ['blurred', 'cut_off', 'missing_page', 'wrong_component', 'upside_down', 'classified'];

/** The findings to send back: one per page marked wrong, in page order, then the dossier's own. */
export function findingsOf(pageIds: readonly string[], marks: Marks, dossierLevel: { reason: ReviewReason; note: string } | null): CommandInput<'review.sendBack'>['findings'] {
  const out: CommandInput<'review.sendBack'>['findings'] = [];
  for (const id of pageIds) {
    const m = marks[id];
    if (m && !m.ok) out.push({ pageId: id, reason: m.reason, note: m.note.trim() });
  }
  if (dossierLevel) out.push({ pageId: null, reason: dossierLevel.reason, note: dossierLevel.note.trim() });
  return out;
}

/** Approving needs every live page checked and found right, and nothing wrong with the dossier. */
export const mayApprove = (pageIds: readonly string[], marks: Marks, dossierLevel: unknown) =>
  pageIds.length > 0 && dossierLevel === null && pageIds.every((id) => marks[id]?.ok === true);

/** The next page not yet checked after `current`, wrapping round; null when all are. */
export function nextUnmarked(pageIds: readonly string[], marks: Marks, current: string | null): string | null {
  const start = current ? pageIds.indexOf(current) : -1;
  for (let i = 1; i <= pageIds.length; i++) {
    const id = pageIds[(start + i) % pageIds.length]!;
    if (!marks[id]) return id;
  }
  return null;
}

/**
 * A review in progress survives a reload or a slip of the mouse: kept per dossier and round in
 * the window's session storage (never on disk, gone with the window), until a decision is sent.
 */
export const draftKey = (dossierId: string, round: number) => `tiepnhan-review-${dossierId}-${round}`;

export type ReviewDraft = { marks: Marks; dossierLevel: { reason: ReviewReason; note: string } | null; note: string };

export function loadDraft(key: string): ReviewDraft | null {
  try {
    const raw = sessionStorage.getItem(key);
    return raw ? (JSON.parse(raw) as ReviewDraft) : null;
  } catch {
    return null;
  }
}

export function saveDraft(key: string, draft: ReviewDraft | null): void {
  try {
    if (draft) sessionStorage.setItem(key, JSON.stringify(draft));
    else sessionStorage.removeItem(key);
  } catch {
    // Storage refused (private mode, quota): the review still works, it just is not kept.
  }
}
