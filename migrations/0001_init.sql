-- TiepNhan desk database, version 1: accounts, settings, catalog, dossiers, calendar, audit.
-- Times are ISO-8601 UTC instants; local dates (YYYY-MM-DD) are in the desk's configured time zone.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value))
) STRICT;

CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  full_name     TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'admin')),
  password_hash TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at    TEXT NOT NULL
) STRICT;

-- Catalog of procedures, dated: a procedure applies from valid_from until valid_to (exclusive).
CREATE TABLE procedures (
  code            TEXT NOT NULL,
  valid_from      TEXT NOT NULL,
  valid_to        TEXT,
  name            TEXT NOT NULL,
  category        TEXT NOT NULL CHECK (category IN ('certification', 'civil_status', 'business', 'other')),
  processing_days INTEGER NOT NULL CHECK (processing_days >= 0),
  counts_pages    INTEGER NOT NULL DEFAULT 0 CHECK (counts_pages IN (0, 1)),
  components      TEXT NOT NULL CHECK (json_valid(components)),
  fee             TEXT NOT NULL CHECK (json_valid(fee)),
  PRIMARY KEY (code, valid_from)
) STRICT;

-- Dossier code formats, dated (Circular 01/2018 Art. 19, later Circular 04/2025).
CREATE TABLE code_formats (
  valid_from TEXT PRIMARY KEY,
  template   TEXT NOT NULL,
  note       TEXT NOT NULL DEFAULT ''
) STRICT;

-- Last sequence number issued per unit code and local day. Never decremented.
CREATE TABLE code_sequences (
  unit_code TEXT NOT NULL,
  day       TEXT NOT NULL,
  last_seq  INTEGER NOT NULL,
  PRIMARY KEY (unit_code, day)
) STRICT;

CREATE TABLE holidays (
  date TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'working'))
) STRICT;

-- Monotonic change counter: the replication checkpoint for the renderer's read model.
CREATE TABLE change_counter (
  id  INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL
) STRICT;
INSERT INTO change_counter (id, seq) VALUES (1, 0);

CREATE TABLE dossiers (
  id                  TEXT PRIMARY KEY,
  status              TEXT NOT NULL CHECK (status IN ('draft', 'received')),
  code                TEXT UNIQUE,
  lookup_code         TEXT UNIQUE,
  procedure_code      TEXT NOT NULL,
  procedure_name      TEXT NOT NULL,
  processing_days     INTEGER NOT NULL,
  applicant_name      TEXT NOT NULL,
  applicant_id_number TEXT NOT NULL,
  applicant_dob       TEXT,
  applicant_sex       TEXT CHECK (applicant_sex IN ('male', 'female')),
  applicant_phone     TEXT NOT NULL DEFAULT '',
  applicant_email     TEXT NOT NULL DEFAULT '',
  applicant_address   TEXT NOT NULL DEFAULT '',
  sets_count          INTEGER NOT NULL DEFAULT 1,
  pages               INTEGER NOT NULL DEFAULT 0,
  copies              INTEGER NOT NULL DEFAULT 0,
  fee_amount          INTEGER NOT NULL DEFAULT 0,
  note                TEXT NOT NULL DEFAULT '',
  received_at         TEXT,
  appointment_at      TEXT,
  log_book_volume     TEXT,
  log_book_entry      INTEGER,
  created_by          TEXT NOT NULL REFERENCES users (id),
  received_by         TEXT REFERENCES users (id),
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  seq                 INTEGER NOT NULL,
  CHECK (status = 'draft' OR (code IS NOT NULL AND received_at IS NOT NULL AND appointment_at IS NOT NULL))
) STRICT;
CREATE INDEX dossiers_seq ON dossiers (seq);
CREATE INDEX dossiers_received_at ON dossiers (received_at);
CREATE UNIQUE INDEX dossiers_log_book ON dossiers (log_book_volume, log_book_entry) WHERE log_book_entry IS NOT NULL;

CREATE TABLE dossier_components (
  dossier_id TEXT NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('original', 'certified_copy', 'photocopy')),
  quantity   INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 999),
  received   INTEGER NOT NULL CHECK (received IN (0, 1)),
  PRIMARY KEY (dossier_id, position)
) STRICT;

-- Append-only audit log; each row's hash covers its content and the previous row's hash.
CREATE TABLE audit_log (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  at         TEXT NOT NULL,
  user_id    TEXT,
  action     TEXT NOT NULL,
  dossier_id TEXT,
  details    TEXT NOT NULL CHECK (json_valid(details)),
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
