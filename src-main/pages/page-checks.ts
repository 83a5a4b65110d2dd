import { AppError } from '../../src-shared/contract/errors.js';
import type { Db } from '../db/open.js';
import { componentExists, dossierExists, getPage, type PageRow } from './page-repo.js';

/** The refusals ingest and edits share, each with the clerk's message. */

export function requireDossier(db: Db, dossierId: string): void {
  if (!dossierExists(db, dossierId)) throw new AppError('NOT_FOUND', 'dossiers.notFound');
}

/** A component position, when given, must be one of the dossier's components (null = unassigned). */
export function requireComponent(db: Db, dossierId: string, position: number | null | undefined): void {
  if (position !== null && position !== undefined && !componentExists(db, dossierId, position)) {
    throw new AppError('VALIDATION', { key: 'pages.noComponent', params: { position } });
  }
}

export function requireLivePage(db: Db, id: string): PageRow {
  const page = getPage(db, id);
  if (!page || page.status === 'deleted') throw new AppError('NOT_FOUND', 'pages.pageNotFound');
  return page;
}
