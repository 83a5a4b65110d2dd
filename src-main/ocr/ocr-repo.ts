import type { Db } from '../db/open.js';
import type { OcrWord } from './ocr-types.js';

/** SQL for OCR jobs, texts and words. Plain functions taking the db first; callers hold the transaction. */

export type OcrJobStatus = 'pending' | 'running' | 'done' | 'failed';

export type OcrJobRow = {
  id: number;
  page_id: string;
  sha256: string;
  status: OcrJobStatus;
  attempts: number;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
};

export type OcrTextRow = {
  page_id: string;
  sha256: string;
  raw_text: string;
  text: string;
  edited: 0 | 1;
  mean_confidence: number;
  engine: string;
  width: number;
  height: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
};

export type OcrWordRow = {
  page_id: string;
  idx: number;
  raw: string;
  text: string;
  confidence: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  line: number;
  paragraph: number;
  corrected_by: string | null;
  corrected_at: string | null;
};

/**
 * Creates a pending job for every live page image without one (new pages, and rotated pages, whose
 * image hash changed), looking only at pages changed after `afterSeq`. Returns the highest page seq seen.
 */
export function enqueueNewPages(db: Db, afterSeq: number, at: string): { created: number; maxSeq: number } {
  const maxSeq = (db.prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM pages').get() as { s: number }).s;
  if (maxSeq <= afterSeq) return { created: 0, maxSeq };
  const r = db
    .prepare(
      `INSERT INTO ocr_jobs (page_id, sha256, status, created_at)
       SELECT p.id, p.sha256, 'pending', ? FROM pages p
       WHERE p.seq > ? AND p.seq <= ? AND p.status <> 'deleted'
       ORDER BY p.seq
       ON CONFLICT (page_id, sha256) DO NOTHING`,
    )
    .run(at, afterSeq, maxSeq);
  return { created: r.changes, maxSeq };
}

/** Jobs a crash left running go back to pending, or to failed once they have used up their attempts. */
export function recoverInterruptedJobs(db: Db, maxAttempts: number, at: string): { requeued: number; failed: number } {
  const failed = db
    .prepare(
      `UPDATE ocr_jobs SET status = 'failed', finished_at = ?,
         error = 'Trang này đã làm dừng OCR ' || attempts || ' lần. (The page stopped OCR ' || attempts || ' times.)'
       WHERE status = 'running' AND attempts >= ?`,
    )
    .run(at, maxAttempts).changes;
  const requeued = db.prepare("UPDATE ocr_jobs SET status = 'pending', started_at = NULL WHERE status = 'running'").run().changes;
  return { requeued, failed };
}

/** Claims the oldest pending job whose image is still the page's current one; counts the attempt. */
export function claimNextJob(db: Db, at: string): OcrJobRow | null {
  return db.transaction(() => {
    const job = db
      .prepare(
        `SELECT j.* FROM ocr_jobs j JOIN pages p ON p.id = j.page_id
         WHERE j.status = 'pending' AND p.sha256 = j.sha256 AND p.status <> 'deleted'
         ORDER BY j.id LIMIT 1`,
      )
      .get() as OcrJobRow | undefined;
    if (!job) return null;
    db.prepare("UPDATE ocr_jobs SET status = 'running', attempts = attempts + 1, started_at = ?, error = NULL WHERE id = ?").run(at, job.id);
    return { ...job, status: 'running' as const, attempts: job.attempts + 1, started_at: at };
  }).immediate();
}

export function getJob(db: Db, id: number): OcrJobRow | null {
  return (db.prepare('SELECT * FROM ocr_jobs WHERE id = ?').get(id) as OcrJobRow | undefined) ?? null;
}

export function failJob(db: Db, id: number, error: string, final: boolean, at: string): void {
  db.prepare('UPDATE ocr_jobs SET status = ?, error = ?, finished_at = ? WHERE id = ?').run(final ? 'failed' : 'pending', error, final ? at : null, id);
}

export function finishJob(db: Db, id: number, durationMs: number, at: string): void {
  db.prepare("UPDATE ocr_jobs SET status = 'done', error = NULL, finished_at = ?, duration_ms = ? WHERE id = ?").run(at, durationMs, id);
}

/** Failed jobs of these pages (current images only) go back to pending with fresh attempts. */
export function retryFailedJobs(db: Db, pageIds: readonly string[]): number {
  const stmt = db.prepare(
    `UPDATE ocr_jobs SET status = 'pending', attempts = 0, error = NULL, started_at = NULL, finished_at = NULL
     WHERE status = 'failed' AND page_id = ? AND sha256 = (SELECT sha256 FROM pages WHERE id = ?)`,
  );
  return pageIds.reduce((n, id) => n + stmt.run(id, id).changes, 0);
}

export type NewOcrText = Omit<OcrTextRow, 'edited' | 'updated_at' | 'updated_by'>;

/** Stores a page's recognised text and words, replacing an earlier recognition of the page. */
export function saveRecognition(db: Db, t: NewOcrText, words: readonly (OcrWord & { raw: string })[]): void {
  db.prepare(
    `INSERT INTO ocr_texts (page_id, sha256, raw_text, text, edited, mean_confidence, engine, width, height, created_at, updated_at, updated_by)
     VALUES (@page_id, @sha256, @raw_text, @text, 0, @mean_confidence, @engine, @width, @height, @created_at, @created_at, NULL)
     ON CONFLICT (page_id) DO UPDATE SET sha256 = excluded.sha256, raw_text = excluded.raw_text, text = excluded.text, edited = 0,
       mean_confidence = excluded.mean_confidence, engine = excluded.engine, width = excluded.width, height = excluded.height,
       created_at = excluded.created_at, updated_at = excluded.updated_at, updated_by = NULL`,
  ).run(t);
  db.prepare('DELETE FROM ocr_words WHERE page_id = ?').run(t.page_id);
  const insert = db.prepare(
    `INSERT INTO ocr_words (page_id, idx, raw, text, confidence, x0, y0, x1, y1, line, paragraph)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  words.forEach((w, i) => insert.run(t.page_id, i, w.raw, w.text, w.confidence, w.x0, w.y0, w.x1, w.y1, w.line, w.paragraph));
}

export function getOcrText(db: Db, pageId: string): OcrTextRow | null {
  return (db.prepare('SELECT * FROM ocr_texts WHERE page_id = ?').get(pageId) as OcrTextRow | undefined) ?? null;
}

export function listWords(db: Db, pageId: string): OcrWordRow[] {
  return db.prepare('SELECT * FROM ocr_words WHERE page_id = ? ORDER BY idx').all(pageId) as OcrWordRow[];
}

export function getWord(db: Db, pageId: string, idx: number): OcrWordRow | null {
  return (db.prepare('SELECT * FROM ocr_words WHERE page_id = ? AND idx = ?').get(pageId, idx) as OcrWordRow | undefined) ?? null;
}

export function setWordText(db: Db, pageId: string, idx: number, text: string, userId: string | null, at: string): void {
  db.prepare('UPDATE ocr_words SET text = ?, corrected_by = ?, corrected_at = ? WHERE page_id = ? AND idx = ?').run(text, userId, at, pageId, idx);
}

export function setPageText(db: Db, pageId: string, text: string, edited: boolean, userId: string | null, at: string): void {
  db.prepare('UPDATE ocr_texts SET text = ?, edited = ?, updated_by = ?, updated_at = ? WHERE page_id = ?').run(text, edited ? 1 : 0, userId, at, pageId);
}

export type OcrCounts = { pending: number; running: number; done: number; failed: number };

/**
 * Per-page OCR state of a dossier's live pages, from the job of each page's current image
 * (a page with no job yet counts as pending: the queue picks it up on its next tick).
 */
export function dossierOcrStates(db: Db, dossierId: string): { pageId: string; position: number; status: OcrJobStatus; attempts: number; error: string | null }[] {
  return db
    .prepare(
      `SELECT p.id AS pageId, p.position AS position, COALESCE(j.status, 'pending') AS status,
              COALESCE(j.attempts, 0) AS attempts, j.error AS error
       FROM pages p LEFT JOIN ocr_jobs j ON j.page_id = p.id AND j.sha256 = p.sha256
       WHERE p.dossier_id = ? AND p.status <> 'deleted' ORDER BY p.position`,
    )
    .all(dossierId) as { pageId: string; position: number; status: OcrJobStatus; attempts: number; error: string | null }[];
}

export function countStates(states: readonly { status: OcrJobStatus }[]): OcrCounts {
  const c: OcrCounts = { pending: 0, running: 0, done: 0, failed: 0 };
  for (const s of states) c[s.status] += 1;
  return c;
}
