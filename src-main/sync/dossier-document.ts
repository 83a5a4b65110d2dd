import type { SyncDossier, SyncPage } from '../../src-shared/sync/wire.js';
import type { Db } from '../db/open.js';
import { getDossier } from '../dossiers/dossier-repo.js';
import type { StoredFormat } from '../pages/page-store.js';

/**
 * The document the desk pushes for one received dossier: its intake (everything the clerk
 * recorded, as `fields`) and its live pages. `updatedAt` travels but is not intake, so a
 * re-push of unchanged data is a no-op at the server (conflict-rules.ts).
 *
 * Page mapping: `component` is the desk's 1-based component position, 0 = not assigned to a
 * component; `position` is the desk's 1-based order minus one (the wire is 0-based).
 */
export function dossierDocument(db: Db, id: string): SyncDossier | null {
  const d = getDossier(db, id);
  if (!d || d.status !== 'received') return null;
  const { id: _id, code, updatedAt, ...fields } = d;
  const pages = db
    .prepare(
      `SELECT sha256, bytes AS size, COALESCE(component_position, 0) AS component, position - 1 AS position
       FROM pages WHERE dossier_id = ? AND status <> 'deleted' ORDER BY position`,
    )
    .all(id) as SyncPage[];
  return { id, code, fields: JSON.parse(JSON.stringify(fields)) as Record<string, unknown>, pages, updatedAt, _deleted: false };
}

/** Which stored format holds a page image (the page store names files by hash and extension). */
export function pageFormat(db: Db, sha256: string): StoredFormat | null {
  const r = db.prepare('SELECT archive_format FROM pages WHERE sha256 = ? LIMIT 1').get(sha256) as { archive_format: StoredFormat } | undefined;
  return r?.archive_format ?? null;
}
