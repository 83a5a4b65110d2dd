import type { Db } from '../db/open.js';
import type { StoredFormat } from '../pages/page-store.js';

/** SQL the PDF export reads. Plain functions taking the db first; reading only. */

export type ExportDossier = { id: string; code: string | null; applicant_name: string; procedure_name: string };
export type ExportComponent = { position: number; name: string };
export type ExportPage = {
  id: string;
  position: number;
  component_position: number | null;
  sha256: string;
  archive_format: StoredFormat;
  width: number;
  height: number;
  dpi: number | null;
};
/** `line`: the word's line on the page (0-based); words of a line share one baseline in the PDF. */
export type ExportWord = { text: string; line: number; x0: number; y0: number; x1: number; y1: number };

export function getExportDossier(db: Db, id: string): ExportDossier | null {
  return (
    (db.prepare('SELECT id, code, applicant_name, procedure_name FROM dossiers WHERE id = ?').get(id) as ExportDossier | undefined) ?? null
  );
}

export function listComponents(db: Db, dossierId: string): ExportComponent[] {
  return db.prepare('SELECT position, name FROM dossier_components WHERE dossier_id = ? ORDER BY position').all(dossierId) as ExportComponent[];
}

/** Live pages of the dossier in dossier order. */
export function listLivePages(db: Db, dossierId: string): ExportPage[] {
  return db
    .prepare(
      `SELECT id, position, component_position, sha256, archive_format, width, height, dpi
       FROM pages WHERE dossier_id = ? AND status <> 'deleted' ORDER BY position`,
    )
    .all(dossierId) as ExportPage[];
}

/**
 * The words of a page for its text layer, or null when the page has no recognition of its
 * current image: a page rotated after OCR has a new sha256, and the old boxes would be wrong.
 */
export function wordsOfCurrentImage(db: Db, page: Pick<ExportPage, 'id' | 'sha256'>): ExportWord[] | null {
  const t = db.prepare('SELECT sha256, width, height FROM ocr_texts WHERE page_id = ?').get(page.id) as
    | { sha256: string; width: number; height: number }
    | undefined;
  if (!t || t.sha256 !== page.sha256) return null;
  return db.prepare('SELECT text, line, x0, y0, x1, y1 FROM ocr_words WHERE page_id = ? ORDER BY idx').all(page.id) as ExportWord[];
}
