import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';

type Db = Database.Database;
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/**
 * Everything a backup must carry, read straight from a database and its page folder: every
 * dossier row, every page row, every OCR text and word, and the SHA-256 of every page file
 * computed from the file itself.
 */
export function deskState(db: Db, dataDir: string) {
  const rows = (sql: string) => db.prepare(sql).all() as Record<string, unknown>[];
  const files = rows(
    `SELECT sha256, archive_format AS format FROM pages
     UNION SELECT master_sha256, master_format FROM pages WHERE master_sha256 IS NOT NULL
     UNION SELECT thumb_sha256, 'jpeg' FROM pages`,
  ) as { sha256: string; format: string }[];
  const fileHashes = Object.fromEntries(
    files.map((f) => {
      const path = join(dataDir, 'pages', f.sha256.slice(0, 2), f.sha256.slice(2, 4), `${f.sha256}.${f.format === 'jpeg' ? 'jpg' : 'png'}`);
      return [f.sha256, sha(readFileSync(path))];
    }),
  );
  return {
    dossiers: rows('SELECT * FROM dossiers ORDER BY id'),
    components: rows('SELECT * FROM dossier_components ORDER BY dossier_id, position'),
    pages: rows('SELECT * FROM pages ORDER BY id'),
    batches: rows('SELECT * FROM page_batches ORDER BY id'),
    ocrTexts: rows('SELECT * FROM ocr_texts ORDER BY page_id'),
    ocrWords: rows('SELECT * FROM ocr_words ORDER BY page_id, idx'),
    audit: rows('SELECT seq, hash FROM audit_log ORDER BY seq'),
    fileHashes,
  };
}
export type DeskState = ReturnType<typeof deskState>;
