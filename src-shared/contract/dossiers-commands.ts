import { z } from 'zod';
import { anyone, define } from './define.js';
import { Dossier, DossierDraftInput, Id } from './schemas.js';

/** Dossier drafts and receiving. */
export const dossiersCommands = {
  'dossiers.create': define(anyone, DossierDraftInput, Dossier),
  'dossiers.update': define(anyone, z.object({ id: Id, draft: DossierDraftInput }), Dossier),
  /** Finalises a draft: issues the dossier code, lookup code, appointment and log-book entry. */
  'dossiers.receive': define(anyone, z.object({ id: Id }), Dossier),
  'dossiers.get': define(anyone, z.object({ id: Id }), Dossier),
} as const;
