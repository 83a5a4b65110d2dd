-- Pages of dossiers (issue 3). Images live in the content-addressed page store
-- (<dataDir>/pages/ab/cd/<sha256>.<ext>); rows point at them by SHA-256. A file is written
-- (atomically) before the row that references it commits.

-- A scan or import job: a crash or power cut loses nothing, work resumes or is reported on start.
CREATE TABLE page_batches (
  id                 TEXT PRIMARY KEY,
  dossier_id         TEXT NOT NULL REFERENCES dossiers (id),
  source             TEXT NOT NULL CHECK (source IN ('scan', 'import')),
  status             TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled', 'interrupted')),
  -- Required component the batch's pages go to (dossier_components.position), if chosen.
  component_position INTEGER,
  -- Position the batch's next page takes (pages after it move down); NULL = append at the end.
  insert_at          INTEGER CHECK (insert_at IS NULL OR insert_at >= 1),
  expected_pages     INTEGER,
  received_pages     INTEGER NOT NULL DEFAULT 0,
  attempts           INTEGER NOT NULL DEFAULT 1,
  last_error         TEXT,
  -- Device and preset, or file names: for the clerk and for support.
  details            TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
  created_by         TEXT REFERENCES users (id),
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
) STRICT;
CREATE INDEX page_batches_status ON page_batches (status);

CREATE TABLE pages (
  id                 TEXT PRIMARY KEY,
  dossier_id         TEXT NOT NULL REFERENCES dossiers (id),
  -- Which required component the page belongs to (dossier_components.position), NULL = not yet
  -- assigned. Not a foreign key: components are rewritten while a draft is edited, and pages must
  -- not block or vanish with that; the repository checks the component exists when assigning.
  component_position INTEGER,
  -- 1-based order among the dossier's live pages; NULL once deleted.
  position           INTEGER CHECK (position IS NULL OR position >= 1),
  -- The archive image (JPEG for colour and grey, 1-bit PNG for black and white).
  sha256             TEXT NOT NULL CHECK (length(sha256) = 64),
  archive_format     TEXT NOT NULL CHECK (archive_format IN ('jpeg', 'png')),
  -- The lossless master (the source as received), kept until the clerk confirms the page.
  master_sha256      TEXT CHECK (master_sha256 IS NULL OR length(master_sha256) = 64),
  master_format      TEXT CHECK (master_format IN ('jpeg', 'png')),
  thumb_sha256       TEXT NOT NULL CHECK (length(thumb_sha256) = 64),
  width              INTEGER NOT NULL CHECK (width > 0),
  height             INTEGER NOT NULL CHECK (height > 0),
  dpi                INTEGER,
  colour_mode        TEXT NOT NULL CHECK (colour_mode IN ('color', 'gray', 'bw')),
  -- Size of the archive image in bytes.
  bytes              INTEGER NOT NULL CHECK (bytes > 0),
  -- Flagged for the clerk; blank pages are never dropped automatically.
  blank              INTEGER NOT NULL CHECK (blank IN (0, 1)),
  ink_ratio          REAL NOT NULL,
  -- Quarter turn (clockwise) applied to the source: detected, or the clerk's.
  rotation           INTEGER NOT NULL CHECK (rotation IN (0, 90, 180, 270)),
  -- Deskew rotation applied, degrees clockwise.
  skew_angle         REAL NOT NULL DEFAULT 0,
  cropped            INTEGER NOT NULL DEFAULT 0 CHECK (cropped IN (0, 1)),
  source             TEXT NOT NULL CHECK (source IN ('scan', 'import')),
  -- File name (imports) or device name (scans).
  source_name        TEXT NOT NULL DEFAULT '',
  batch_id           TEXT REFERENCES page_batches (id),
  -- Frame index within the batch: a frame delivered twice (scanner host restarted) is stored once.
  batch_index        INTEGER,
  status             TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'deleted')),
  deleted_at         TEXT,
  created_by         TEXT REFERENCES users (id),
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  -- change_counter value of the last change (replication checkpoint).
  seq                INTEGER NOT NULL,
  CHECK ((status = 'deleted') = (position IS NULL)),
  CHECK ((status = 'deleted') = (deleted_at IS NOT NULL)),
  CHECK ((master_sha256 IS NULL) = (master_format IS NULL)),
  CHECK (status <> 'confirmed' OR master_sha256 IS NULL)
) STRICT;
CREATE UNIQUE INDEX pages_position ON pages (dossier_id, position) WHERE position IS NOT NULL;
CREATE UNIQUE INDEX pages_batch_frame ON pages (batch_id, batch_index) WHERE batch_id IS NOT NULL AND batch_index IS NOT NULL;
CREATE INDEX pages_seq ON pages (seq);
-- "Is this file still referenced?" before a file is removed, and the start-up store check.
CREATE INDEX pages_sha256 ON pages (sha256);
CREATE INDEX pages_master_sha256 ON pages (master_sha256) WHERE master_sha256 IS NOT NULL;
CREATE INDEX pages_thumb_sha256 ON pages (thumb_sha256);
