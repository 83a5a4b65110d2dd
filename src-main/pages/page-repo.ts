import type { Db } from '../db/open.js';
import type { StoredFormat } from './page-store.js';

/** SQL for pages and page batches. Plain functions taking the db first; callers hold the transaction. */

export type PageStatus = 'pending' | 'confirmed' | 'deleted';
export type PageSource = 'scan' | 'import';
export type ColourMode = 'color' | 'gray' | 'bw';
export type BatchStatus = 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

export type PageRow = {
  id: string;
  dossier_id: string;
  component_position: number | null;
  position: number | null;
  sha256: string;
  archive_format: StoredFormat;
  master_sha256: string | null;
  master_format: StoredFormat | null;
  thumb_sha256: string;
  width: number;
  height: number;
  dpi: number | null;
  colour_mode: ColourMode;
  bytes: number;
  blank: 0 | 1;
  ink_ratio: number;
  rotation: 0 | 90 | 180 | 270;
  skew_angle: number;
  cropped: 0 | 1;
  source: PageSource;
  source_name: string;
  batch_id: string | null;
  batch_index: number | null;
  status: PageStatus;
  deleted_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  seq: number;
};

export type NewPage = Omit<PageRow, 'position' | 'status' | 'deleted_at' | 'updated_at'>;

export function getPage(db: Db, id: string): PageRow | null {
  return (db.prepare('SELECT * FROM pages WHERE id = ?').get(id) as PageRow | undefined) ?? null;
}

export function listPages(db: Db, dossierId: string, includeDeleted = false): PageRow[] {
  const sql = includeDeleted
    ? 'SELECT * FROM pages WHERE dossier_id = ? ORDER BY position IS NULL, position, deleted_at, created_at'
    : "SELECT * FROM pages WHERE dossier_id = ? AND status <> 'deleted' ORDER BY position";
  return db.prepare(sql).all(dossierId) as PageRow[];
}

export function livePageCount(db: Db, dossierId: string): number {
  return (db.prepare("SELECT COUNT(*) AS n FROM pages WHERE dossier_id = ? AND status <> 'deleted'").get(dossierId) as { n: number }).n;
}

/** The live pages a batch stored, in the order it stored them. */
export function listBatchPages(db: Db, batchId: string): PageRow[] {
  return db.prepare("SELECT * FROM pages WHERE batch_id = ? AND status <> 'deleted' ORDER BY batch_index").all(batchId) as PageRow[];
}

export function findBatchPage(db: Db, batchId: string, batchIndex: number): PageRow | null {
  return (db.prepare('SELECT * FROM pages WHERE batch_id = ? AND batch_index = ?').get(batchId, batchIndex) as PageRow | undefined) ?? null;
}

/**
 * Positions are moved out of the way by this offset before renumbering: the unique index on
 * (dossier_id, position) is checked row by row during an UPDATE. No dossier comes near a million pages.
 */
const PARK = 1_000_000;

/**
 * Gives the dossier's live pages the positions 1..n in the order of `orderedIds` (which must be
 * exactly the live pages). Pages whose position changes get the new seq.
 */
export function renumberPages(db: Db, dossierId: string, orderedIds: readonly string[], seq: number, at: string): void {
  const before = new Map(listPages(db, dossierId).map((p) => [p.id, p.position]));
  db.prepare("UPDATE pages SET position = position + ? WHERE dossier_id = ? AND status <> 'deleted'").run(PARK, dossierId);
  const same = db.prepare('UPDATE pages SET position = ? WHERE id = ?');
  const moved = db.prepare('UPDATE pages SET position = ?, seq = ?, updated_at = ? WHERE id = ?');
  orderedIds.forEach((id, i) => {
    if (before.get(id) === i + 1) same.run(i + 1, id);
    else moved.run(i + 1, seq, at, id);
  });
}

/** Inserts a live page at `position` (1-based; null or past the end = append), moving later pages down. */
export function insertPage(db: Db, page: NewPage, position: number | null): number {
  const count = livePageCount(db, page.dossier_id);
  const at = position === null ? count + 1 : Math.min(Math.max(1, position), count + 1);
  db.prepare("UPDATE pages SET position = position + ? WHERE dossier_id = ? AND status <> 'deleted' AND position >= ?").run(PARK, page.dossier_id, at);
  db.prepare('UPDATE pages SET position = position - ? + 1, seq = ?, updated_at = ? WHERE dossier_id = ? AND position > ?').run(
    PARK,
    page.seq,
    page.created_at,
    page.dossier_id,
    PARK,
  );
  db.prepare(
    `INSERT INTO pages (id, dossier_id, component_position, position, sha256, archive_format, master_sha256, master_format,
       thumb_sha256, width, height, dpi, colour_mode, bytes, blank, ink_ratio, rotation, skew_angle, cropped, source,
       source_name, batch_id, batch_index, status, deleted_at, created_by, created_at, updated_at, seq)
     VALUES (@id, @dossier_id, @component_position, @position, @sha256, @archive_format, @master_sha256, @master_format,
       @thumb_sha256, @width, @height, @dpi, @colour_mode, @bytes, @blank, @ink_ratio, @rotation, @skew_angle, @cropped, @source,
       @source_name, @batch_id, @batch_index, 'pending', NULL, @created_by, @created_at, @created_at, @seq)`,
  ).run({ ...page, position: at });
  return at;
}

export function softDeletePage(db: Db, id: string, seq: number, at: string): void {
  db.prepare("UPDATE pages SET status = 'deleted', position = NULL, deleted_at = ?, updated_at = ?, seq = ? WHERE id = ?").run(at, at, seq, id);
}

/**
 * Where a deleted page stood: the position its last 'pages.delete' audit entry recorded. The
 * audit log is the one durable record of it (the row's position is NULL once deleted).
 */
export function deletedPosition(db: Db, dossierId: string, pageId: string): number | null {
  const row = db
    .prepare(
      `SELECT json_extract(details, '$.position') AS position FROM audit_log
       WHERE dossier_id = ? AND action = 'pages.delete' AND json_extract(details, '$.pageId') = ?
       ORDER BY seq DESC LIMIT 1`,
    )
    .get(dossierId, pageId) as { position: number | null } | undefined;
  return typeof row?.position === 'number' ? row.position : null;
}

/**
 * Brings a soft-deleted page back at `position` (clamped; null = at the end), moving later pages
 * down. A page still holding its lossless master had not been confirmed, so it is pending again.
 * Returns the position it took.
 */
export function restorePage(db: Db, page: PageRow, position: number | null, seq: number, at: string): number {
  const count = livePageCount(db, page.dossier_id);
  const to = position === null ? count + 1 : Math.min(Math.max(1, position), count + 1);
  db.prepare("UPDATE pages SET position = position + ? WHERE dossier_id = ? AND status <> 'deleted' AND position >= ?").run(PARK, page.dossier_id, to);
  db.prepare('UPDATE pages SET position = position - ? + 1, seq = ?, updated_at = ? WHERE dossier_id = ? AND position > ?').run(PARK, seq, at, page.dossier_id, PARK);
  db.prepare('UPDATE pages SET status = ?, position = ?, deleted_at = NULL, updated_at = ?, seq = ? WHERE id = ?').run(
    page.master_sha256 !== null ? 'pending' : 'confirmed',
    to,
    at,
    seq,
    page.id,
  );
  // The page's OCR text left the search index on delete (trigger search_page_deleted); an update
  // of the text column runs search_page_text_update, which indexes it again now the page is live.
  db.prepare('UPDATE ocr_texts SET text = text WHERE page_id = ?').run(page.id);
  return to;
}

export function setComponent(db: Db, ids: readonly string[], componentPosition: number | null, seq: number, at: string): void {
  const stmt = db.prepare('UPDATE pages SET component_position = ?, updated_at = ?, seq = ? WHERE id = ?');
  for (const id of ids) stmt.run(componentPosition, at, seq, id);
}

export type ImageUpdate = Pick<PageRow, 'sha256' | 'archive_format' | 'thumb_sha256' | 'width' | 'height' | 'bytes' | 'blank' | 'ink_ratio' | 'rotation' | 'skew_angle' | 'cropped'>;

export function updatePageImage(db: Db, id: string, u: ImageUpdate, seq: number, at: string): void {
  db.prepare(
    `UPDATE pages SET sha256 = @sha256, archive_format = @archive_format, thumb_sha256 = @thumb_sha256, width = @width,
       height = @height, bytes = @bytes, blank = @blank, ink_ratio = @ink_ratio, rotation = @rotation,
       skew_angle = @skew_angle, cropped = @cropped, updated_at = @at, seq = @seq WHERE id = @id`,
  ).run({ ...u, id, at, seq });
}

export function confirmPage(db: Db, id: string, seq: number, at: string): void {
  db.prepare("UPDATE pages SET status = 'confirmed', master_sha256 = NULL, master_format = NULL, updated_at = ?, seq = ? WHERE id = ? AND status = 'pending'").run(at, seq, id);
}

/** Whether any page row (live, confirmed or deleted) still references this file. */
export function isReferenced(db: Db, sha256: string): boolean {
  return (
    db
      .prepare('SELECT 1 FROM pages WHERE sha256 = ? OR master_sha256 = ? OR thumb_sha256 = ? LIMIT 1')
      .get(sha256, sha256, sha256) !== undefined
  );
}

export type FileRef = { pageId: string; sha256: string; format: StoredFormat; role: 'archive' | 'master' | 'thumb' };

/** Every file the pages table references. */
export function allFileRefs(db: Db): FileRef[] {
  return db
    .prepare(
      `SELECT id AS pageId, sha256, archive_format AS format, 'archive' AS role FROM pages
       UNION ALL SELECT id, master_sha256, master_format, 'master' FROM pages WHERE master_sha256 IS NOT NULL
       UNION ALL SELECT id, thumb_sha256, 'jpeg', 'thumb' FROM pages`,
    )
    .all() as FileRef[];
}

export function componentExists(db: Db, dossierId: string, position: number): boolean {
  return db.prepare('SELECT 1 FROM dossier_components WHERE dossier_id = ? AND position = ?').get(dossierId, position) !== undefined;
}

export function dossierExists(db: Db, dossierId: string): boolean {
  return db.prepare('SELECT 1 FROM dossiers WHERE id = ?').get(dossierId) !== undefined;
}

export type BatchRow = {
  id: string;
  dossier_id: string;
  source: PageSource;
  status: BatchStatus;
  component_position: number | null;
  insert_at: number | null;
  expected_pages: number | null;
  received_pages: number;
  attempts: number;
  last_error: string | null;
  details: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
};

export function insertBatch(db: Db, b: Omit<BatchRow, 'received_pages' | 'attempts' | 'last_error' | 'updated_at' | 'status'>): void {
  db.prepare(
    `INSERT INTO page_batches (id, dossier_id, source, status, component_position, insert_at, expected_pages, details, created_by, created_at, updated_at)
     VALUES (@id, @dossier_id, @source, 'running', @component_position, @insert_at, @expected_pages, @details, @created_by, @created_at, @created_at)`,
  ).run(b);
}

export function getBatch(db: Db, id: string): BatchRow | null {
  return (db.prepare('SELECT * FROM page_batches WHERE id = ?').get(id) as BatchRow | undefined) ?? null;
}

/** One more page received: the next page of the batch goes after it. */
export function advanceBatch(db: Db, id: string, at: string): void {
  db.prepare('UPDATE page_batches SET received_pages = received_pages + 1, insert_at = insert_at + 1, updated_at = ? WHERE id = ?').run(at, id);
}

export function setBatchStatus(db: Db, id: string, status: BatchStatus, lastError: string | null, at: string): void {
  db.prepare('UPDATE page_batches SET status = ?, last_error = COALESCE(?, last_error), updated_at = ? WHERE id = ?').run(status, lastError, at, id);
}

/** On start: batches still 'running' were cut short by a crash; their received pages are kept. */
export function interruptRunningBatches(db: Db, at: string): BatchRow[] {
  return db
    .prepare(
      `UPDATE page_batches SET status = 'interrupted', last_error = COALESCE(last_error, 'interrupted'), updated_at = ?
       WHERE status = 'running' RETURNING *`,
    )
    .all(at) as BatchRow[];
}
