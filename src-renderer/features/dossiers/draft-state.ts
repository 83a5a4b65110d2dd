import type { ComponentInput, Dossier, DossierDraftInput, Procedure } from '../../../src-shared/contract/schemas.js';
import { defaultComponents } from '../../../src-shared/domain/dossier-components.js';

/** The intake form's state: text inputs stay strings until sent. */
export type DraftState = {
  procedureCode: string | null;
  applicant: {
    fullName: string;
    idNumber: string;
    dateOfBirth: string;
    sex: '' | 'male' | 'female';
    phone: string;
    email: string;
    address: string;
  };
  components: ComponentInput[];
  setsCount: string;
  pages: string;
  copies: string;
  note: string;
};

export const emptyDraft: DraftState = {
  procedureCode: null,
  applicant: { fullName: '', idNumber: '', dateOfBirth: '', sex: '', phone: '', email: '', address: '' },
  components: [],
  setsCount: '1',
  pages: '',
  copies: '',
  note: '',
};

const int = (s: string, fallback: number) => {
  const n = Number(s.trim());
  return s.trim() === '' || !Number.isFinite(n) ? fallback : Math.trunc(n);
};

export function toDraftInput(s: DraftState): DossierDraftInput {
  return {
    procedureCode: s.procedureCode ?? '',
    applicant: {
      fullName: s.applicant.fullName,
      idNumber: s.applicant.idNumber,
      dateOfBirth: s.applicant.dateOfBirth || null,
      sex: s.applicant.sex || null,
      phone: s.applicant.phone,
      email: s.applicant.email,
      address: s.applicant.address,
    },
    components: s.components,
    setsCount: int(s.setsCount, 1),
    pages: int(s.pages, 0),
    copies: int(s.copies, 0),
    note: s.note,
  };
}

export function fromDossier(d: Dossier): DraftState {
  return {
    procedureCode: d.procedureCode,
    applicant: {
      fullName: d.applicant.fullName,
      idNumber: d.applicant.idNumber,
      dateOfBirth: d.applicant.dateOfBirth ?? '',
      sex: d.applicant.sex ?? '',
      phone: d.applicant.phone,
      email: d.applicant.email,
      address: d.applicant.address,
    },
    components: d.components,
    setsCount: String(d.setsCount),
    pages: d.pages ? String(d.pages) : '',
    copies: d.copies ? String(d.copies) : '',
    note: d.note,
  };
}

/** Choosing a procedure fills its components (certifications: one copy to start with). */
export function withProcedure(s: DraftState, p: Procedure): DraftState {
  const copies = p.countsPages ? s.copies || '1' : '';
  return {
    ...s,
    procedureCode: p.code,
    components: defaultComponents(p, int(copies, 0)),
    pages: p.countsPages ? s.pages : '',
    copies,
  };
}

/** For procedures priced by copies, the photocopies handed in follow the number of copies. */
export function withCopies(s: DraftState, p: Procedure | null, copies: string): DraftState {
  const n = int(copies, 0);
  if (!p?.countsPages || n < 1) return { ...s, copies };
  return {
    ...s,
    copies,
    components: s.components.map((c) => (c.kind === 'photocopy' ? { ...c, quantity: Math.min(n, 999) } : c)),
  };
}

/** Main's field paths for dossiers.update carry a `draft.` prefix; the form's do not. */
export function normaliseFieldPaths(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) out[k.replace(/^draft\./, '')] = v;
  return out;
}
