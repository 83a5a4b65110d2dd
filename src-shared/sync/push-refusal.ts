import { z } from 'zod';

/**
 * A push batch with dossiers the server may not accept as they are (issue 16.1) is refused
 * whole, before anything is written, with this HTTP status and the usual error envelope:
 * `{ ok: false, error: { code: 'VALIDATION', message, fields: { <dossier id>: <reason> } } }`.
 * The desk keeps those dossiers (and shows the reason on them) and pushes the rest again.
 */
export const PUSH_REFUSED_STATUS = 422;

export const CodeRefusal = z.enum([
  /** Not `<unit>-YYMMDD-XXXX` (Circular 01/2018 Art. 19). */
  'code.format',
  /** Its unit part is not this desk's reception point. */
  'code.otherUnit',
  /** Its number lies outside this desk's slot. */
  'code.otherSlot',
  /** Another dossier at the province already holds this code. */
  'code.taken',
]);
export type CodeRefusal = z.infer<typeof CodeRefusal>;

/** The fields of a refusal envelope: dossier id → reason. */
export const PushRefusalFields = z.record(z.string(), CodeRefusal);
