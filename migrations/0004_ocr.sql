-- OCR (issue 4): a durable job per page image, the recognised text and words of each page,
-- and the full-text search index over applicants, dossier codes and page text.

-- One job per page image: a rotated page (new sha256) gets a new job. A job claimed by a
-- worker is 'running' with attempts already counted, so a crash mid-page counts against it.
CREATE TABLE ocr_jobs (
  id          INTEGER PRIMARY KEY,
  page_id     TEXT NOT NULL REFERENCES pages (id),
  sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
  status      TEXT NOT NULL CHECK (status IN ('pending', 'running', 'done', 'failed')),
  attempts    INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  error       TEXT,
  created_at  TEXT NOT NULL,
  started_at  TEXT,
  finished_at TEXT,
  -- Time spent in the engine (recognition only) for the last attempt.
  duration_ms INTEGER,
  UNIQUE (page_id, sha256)
) STRICT;
CREATE INDEX ocr_jobs_status ON ocr_jobs (status, id);

-- The text of a page: raw as the engine gave it, and the text shown and searched (post-correction
-- rules applied, then the clerk's corrections). `edited` = the clerk replaced the whole text.
CREATE TABLE ocr_texts (
  page_id         TEXT PRIMARY KEY REFERENCES pages (id),
  sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
  raw_text        TEXT NOT NULL,
  text            TEXT NOT NULL,
  edited          INTEGER NOT NULL DEFAULT 0 CHECK (edited IN (0, 1)),
  mean_confidence REAL NOT NULL,
  engine          TEXT NOT NULL,
  -- Resolution of the image the boxes refer to (the stored archive image).
  width           INTEGER NOT NULL,
  height          INTEGER NOT NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  updated_by      TEXT REFERENCES users (id)
) STRICT;

-- Words with boxes (pixels of the stored image, origin top left) and confidences (0-100),
-- for highlighting, review (lowest confidence first) and the searchable PDF's text layer.
CREATE TABLE ocr_words (
  page_id      TEXT NOT NULL REFERENCES pages (id),
  idx          INTEGER NOT NULL,
  raw          TEXT NOT NULL,
  text         TEXT NOT NULL,
  confidence   REAL NOT NULL,
  x0           INTEGER NOT NULL,
  y0           INTEGER NOT NULL,
  x1           INTEGER NOT NULL,
  y1           INTEGER NOT NULL,
  -- Line and paragraph numbers within the page: the text is rebuilt from words after a correction.
  line         INTEGER NOT NULL,
  paragraph    INTEGER NOT NULL,
  corrected_by TEXT REFERENCES users (id),
  corrected_at TEXT,
  PRIMARY KEY (page_id, idx)
) STRICT, WITHOUT ROWID;
CREATE INDEX ocr_words_confidence ON ocr_words (page_id, confidence);

-- Search: one document per dossier (applicant, codes) and one per page with text. The FTS table is
-- contentless (the text lives in dossiers and ocr_texts); search_docs says which row is what.
CREATE TABLE search_docs (
  rowid      INTEGER PRIMARY KEY,
  dossier_id TEXT NOT NULL,
  page_id    TEXT UNIQUE
) STRICT;
CREATE UNIQUE INDEX search_docs_dossier ON search_docs (dossier_id) WHERE page_id IS NULL;
CREATE INDEX search_docs_dossier_pages ON search_docs (dossier_id, page_id);

-- Folding: unicode61 lower-cases and, with remove_diacritics 2, drops every diacritic, including
-- stacked ones (ự, ẫ); 'Mn' among the token characters keeps a decomposed (NFD) word in one token
-- whose marks are then dropped. It does not fold đ/Đ (a letter of its own, U+0111/U+0110), nor the
-- look-alikes Ð/ð (U+00D0/U+00F0), so the triggers replace those with d before indexing; queries are
-- folded the same way by src-shared/text/fold.ts.
CREATE VIRTUAL TABLE search_fts USING fts5 (
  applicant, codes, body,
  content = '', contentless_delete = 1,
  tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co Mn'"
);

CREATE TRIGGER search_dossier_insert AFTER INSERT ON dossiers
BEGIN
  INSERT INTO search_docs (dossier_id, page_id) VALUES (new.id, NULL);
  INSERT INTO search_fts (rowid, applicant, codes, body)
  SELECT s.rowid,
         replace(replace(replace(replace(new.applicant_name, 'đ', 'd'), 'Đ', 'D'), 'Ð', 'D'), 'ð', 'd'),
         concat_ws(' ', new.code, new.lookup_code, new.applicant_id_number),
         ''
  FROM search_docs s WHERE s.dossier_id = new.id AND s.page_id IS NULL;
END;

CREATE TRIGGER search_dossier_update AFTER UPDATE OF applicant_name, code, lookup_code, applicant_id_number ON dossiers
WHEN old.applicant_name IS NOT new.applicant_name OR old.code IS NOT new.code
  OR old.lookup_code IS NOT new.lookup_code OR old.applicant_id_number IS NOT new.applicant_id_number
BEGIN
  DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_docs WHERE dossier_id = new.id AND page_id IS NULL);
  INSERT INTO search_fts (rowid, applicant, codes, body)
  SELECT s.rowid,
         replace(replace(replace(replace(new.applicant_name, 'đ', 'd'), 'Đ', 'D'), 'Ð', 'D'), 'ð', 'd'),
         concat_ws(' ', new.code, new.lookup_code, new.applicant_id_number),
         ''
  FROM search_docs s WHERE s.dossier_id = new.id AND s.page_id IS NULL;
END;

CREATE TRIGGER search_dossier_delete AFTER DELETE ON dossiers
BEGIN
  DELETE FROM search_fts WHERE rowid IN (SELECT rowid FROM search_docs WHERE dossier_id = old.id);
  DELETE FROM search_docs WHERE dossier_id = old.id;
END;

CREATE TRIGGER search_page_text_insert AFTER INSERT ON ocr_texts
BEGIN
  INSERT INTO search_docs (dossier_id, page_id)
  SELECT dossier_id, id FROM pages WHERE id = new.page_id AND status <> 'deleted'
  ON CONFLICT (page_id) DO NOTHING;
  DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_docs WHERE page_id = new.page_id);
  INSERT INTO search_fts (rowid, applicant, codes, body)
  SELECT rowid, '', '', replace(replace(replace(replace(new.text, 'đ', 'd'), 'Đ', 'D'), 'Ð', 'D'), 'ð', 'd')
  FROM search_docs WHERE page_id = new.page_id;
END;

CREATE TRIGGER search_page_text_update AFTER UPDATE OF text ON ocr_texts
BEGIN
  INSERT INTO search_docs (dossier_id, page_id)
  SELECT dossier_id, id FROM pages WHERE id = new.page_id AND status <> 'deleted'
  ON CONFLICT (page_id) DO NOTHING;
  DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_docs WHERE page_id = new.page_id);
  INSERT INTO search_fts (rowid, applicant, codes, body)
  SELECT rowid, '', '', replace(replace(replace(replace(new.text, 'đ', 'd'), 'Đ', 'D'), 'Ð', 'D'), 'ð', 'd')
  FROM search_docs WHERE page_id = new.page_id;
END;

-- A deleted page leaves the search results (its text stays in ocr_texts until the page is purged).
CREATE TRIGGER search_page_deleted AFTER UPDATE OF status ON pages
WHEN new.status = 'deleted' AND old.status <> 'deleted'
BEGIN
  DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_docs WHERE page_id = new.id);
  DELETE FROM search_docs WHERE page_id = new.id;
END;

-- Dossiers that exist before this version become searchable at once.
INSERT INTO search_docs (dossier_id, page_id) SELECT id, NULL FROM dossiers;
INSERT INTO search_fts (rowid, applicant, codes, body)
SELECT s.rowid,
       replace(replace(replace(replace(d.applicant_name, 'đ', 'd'), 'Đ', 'D'), 'Ð', 'D'), 'ð', 'd'),
       concat_ws(' ', d.code, d.lookup_code, d.applicant_id_number),
       ''
FROM search_docs s JOIN dossiers d ON d.id = s.dossier_id WHERE s.page_id IS NULL;
