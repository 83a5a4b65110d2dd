import { AppError } from '../../src-shared/contract/errors.js';
import type { Db } from '../db/open.js';
import { componentExists, dossierExists, getPage, type PageRow } from './page-repo.js';

/** The refusals ingest and edits share, each with the clerk's message. */

export function requireDossier(db: Db, dossierId: string): void {
  if (!dossierExists(db, dossierId)) throw new AppError('NOT_FOUND', 'Không tìm thấy hồ sơ.');
}

/** A component position, when given, must be one of the dossier's components (null = unassigned). */
export function requireComponent(db: Db, dossierId: string, position: number | null | undefined): void {
  if (position !== null && position !== undefined && !componentExists(db, dossierId, position)) {
    throw new AppError('VALIDATION', `Hồ sơ không có thành phần số ${position}.`);
  }
}

export function requireLivePage(db: Db, id: string): PageRow {
  const page = getPage(db, id);
  if (!page || page.status === 'deleted') throw new AppError('NOT_FOUND', 'Không tìm thấy trang (có thể đã bị xóa).');
  return page;
}
