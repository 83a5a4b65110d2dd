import type { Dossier } from '../../src-shared/contract/schemas.js';
import type { Db } from '../db/open.js';

// PLACEHOLDER: being written (issue 2).
export function getDossier(_db: Db, _id: string): Dossier | null {
  return null;
}
