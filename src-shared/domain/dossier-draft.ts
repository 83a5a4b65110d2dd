import type { z } from 'zod';
import type { ComponentInput, Dossier, DossierDraftInput, Procedure } from '../contract/schemas.js';
import { defaultComponents, missingRequiredComponents } from './dossier-components.js';
import { computeFee } from './fee.js';

/** A validated draft as the client sent it (zod output). */
export type DraftInput = z.output<typeof DossierDraftInput>;

/** What a draft holds once main has resolved the procedure and computed the fee. */
export type DraftValues = {
  procedureCode: string;
  procedureName: string;
  processingDays: number;
  applicant: Dossier['applicant'];
  components: ComponentInput[];
  setsCount: number;
  pages: number;
  copies: number;
  feeAmount: number;
  note: string;
};

/**
 * Turns client input into the values stored: name and processing time from the catalog,
 * default components when none were sent, pages/copies only where the procedure counts
 * them, and the fee computed here — never taken from the client.
 */
export function draftValues(procedure: Procedure, input: DraftInput): DraftValues {
  const pages = procedure.countsPages ? input.pages : 0;
  const copies = procedure.countsPages ? input.copies : 0;
  return {
    procedureCode: procedure.code,
    procedureName: procedure.name,
    processingDays: procedure.processingDays,
    applicant: {
      fullName: input.applicant.fullName,
      idNumber: input.applicant.idNumber,
      dateOfBirth: input.applicant.dateOfBirth ?? null,
      sex: input.applicant.sex ?? null,
      phone: input.applicant.phone,
      email: input.applicant.email,
      address: input.applicant.address,
    },
    components: input.components.length > 0 ? input.components : defaultComponents(procedure, copies),
    setsCount: input.setsCount,
    pages,
    copies,
    feeAmount: computeFee(procedure.fee, pages, copies),
    note: input.note,
  };
}

/** Field → message key for what stops a draft from being received; empty when it may be. */
export function receiveIssues(procedure: Procedure, draft: Pick<Dossier, 'components' | 'pages' | 'copies'>): { fields: Record<string, string>; missing: string[] } {
  const fields: Record<string, string> = {};
  if (procedure.countsPages) {
    if (draft.pages < 1) fields.pages = 'required';
    if (draft.copies < 1) fields.copies = 'required';
  }
  const missing = missingRequiredComponents(procedure, draft.components);
  if (missing.length > 0) fields.components = 'components.missingRequired';
  return { fields, missing };
}

/** Names of the stored fields that differ between two drafts (for the audit log: what, not the values). */
export function changedFields(before: DraftValues, after: DraftValues): string[] {
  const flat = (v: DraftValues): Record<string, string> => {
    const { applicant, ...rest } = v;
    const out: Record<string, string> = {};
    for (const [k, x] of Object.entries(rest)) out[k] = JSON.stringify(x);
    for (const [k, x] of Object.entries(applicant)) out[`applicant.${k}`] = JSON.stringify(x);
    return out;
  };
  const a = flat(before);
  const b = flat(after);
  return Object.keys(b).filter((k) => a[k] !== b[k]);
}
