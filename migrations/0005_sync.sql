-- Sync with the provincial server (issue 5): outbox, what the server holds, province status,
-- conflicts, resumable upload URLs, purged page files, and the engine's small state.

-- One row per received dossier with changes the server has not confirmed. Keyed by dossier:
-- ten edits before the next pass are one push of the latest state. `version` moves on every
-- change, so the engine deletes the row only if nothing changed while its push was in flight.
CREATE TABLE sync_outbox (
  dossier_id TEXT PRIMARY KEY REFERENCES dossiers (id) ON DELETE CASCADE,
  -- First unsynced change (desk clock); "oldest unsynced dossier" on the status panel.
  changed_at TEXT NOT NULL,
  version    INTEGER NOT NULL DEFAULT 1,
  attempts   INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
) STRICT;

-- Why triggers: the outbox row must be written in the same transaction as the change, and the
-- dossier and page code (issues 1 and 3) writes through several repository functions that sync
-- should not have to know about. An AFTER trigger runs inside the writer's own transaction, so a
-- change and its outbox row commit or roll back together, whoever makes the change.
-- Drafts stay local: only dossiers with status 'received' get a row.
CREATE TRIGGER sync_outbox_dossier_insert AFTER INSERT ON dossiers
WHEN new.status = 'received'
BEGIN
  INSERT INTO sync_outbox (dossier_id, changed_at) VALUES (new.id, new.updated_at)
  ON CONFLICT (dossier_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER sync_outbox_dossier_update AFTER UPDATE ON dossiers
WHEN new.status = 'received'
BEGIN
  INSERT INTO sync_outbox (dossier_id, changed_at) VALUES (new.id, new.updated_at)
  ON CONFLICT (dossier_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER sync_outbox_component_insert AFTER INSERT ON dossier_components
WHEN (SELECT status FROM dossiers WHERE id = new.dossier_id) = 'received'
BEGIN
  INSERT INTO sync_outbox (dossier_id, changed_at)
  SELECT id, updated_at FROM dossiers WHERE id = new.dossier_id
  ON CONFLICT (dossier_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER sync_outbox_component_update AFTER UPDATE ON dossier_components
WHEN (SELECT status FROM dossiers WHERE id = new.dossier_id) = 'received'
BEGIN
  INSERT INTO sync_outbox (dossier_id, changed_at)
  SELECT id, updated_at FROM dossiers WHERE id = new.dossier_id
  ON CONFLICT (dossier_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER sync_outbox_page_insert AFTER INSERT ON pages
WHEN (SELECT status FROM dossiers WHERE id = new.dossier_id) = 'received'
BEGIN
  INSERT INTO sync_outbox (dossier_id, changed_at) VALUES (new.dossier_id, new.updated_at)
  ON CONFLICT (dossier_id) DO UPDATE SET version = version + 1;
END;

-- Page deletes are soft (an UPDATE), so this covers deletion, reordering, rotation and assignment.
CREATE TRIGGER sync_outbox_page_update AFTER UPDATE ON pages
WHEN (SELECT status FROM dossiers WHERE id = new.dossier_id) = 'received'
BEGIN
  INSERT INTO sync_outbox (dossier_id, changed_at) VALUES (new.dossier_id, new.updated_at)
  ON CONFLICT (dossier_id) DO UPDATE SET version = version + 1;
END;

-- Dossiers already received before this version was installed are queued once.
INSERT INTO sync_outbox (dossier_id, changed_at)
SELECT id, updated_at FROM dossiers WHERE status = 'received';

-- What the server accepted from this desk, per dossier: the document last pushed without conflict
-- (sent back as the RxDB "assumed master state"), and whether its pages still have to be uploaded.
CREATE TABLE sync_dossiers (
  dossier_id     TEXT PRIMARY KEY REFERENCES dossiers (id) ON DELETE CASCADE,
  master         TEXT NOT NULL CHECK (json_valid(master)),
  pushed_at      TEXT NOT NULL,
  upload_pending INTEGER NOT NULL CHECK (upload_pending IN (0, 1)),
  bytes_total    INTEGER NOT NULL DEFAULT 0,
  bytes_done     INTEGER NOT NULL DEFAULT 0,
  uploaded_at    TEXT
) STRICT;
CREATE INDEX sync_dossiers_upload ON sync_dossiers (upload_pending) WHERE upload_pending = 1;

-- The part of a dossier the province owns, as last pulled (applied in one transaction per pull).
CREATE TABLE dossier_province_status (
  dossier_id  TEXT PRIMARY KEY REFERENCES dossiers (id) ON DELETE CASCADE,
  status      TEXT CHECK (status IS NULL OR status IN ('accepted', 'processing', 'supplement_requested', 'completed', 'result_returned', 'rejected')),
  note        TEXT NOT NULL DEFAULT '',
  updated_at  TEXT,
  -- Every page hash the dossier lists is stored at the province.
  complete    INTEGER NOT NULL CHECK (complete IN (0, 1)),
  -- The page hashes the server confirmed complete (JSON array), and when the desk learnt it:
  -- retention purges page files only for these hashes, counted from this time.
  complete_hashes TEXT CHECK (complete_hashes IS NULL OR json_valid(complete_hashes)),
  complete_at TEXT,
  server_seq  INTEGER NOT NULL,
  pulled_at   TEXT NOT NULL
) STRICT;

-- Conflicts the server answered: recorded and shown, never dropped.
CREATE TABLE sync_conflicts (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  dossier_id  TEXT NOT NULL,
  reason      TEXT NOT NULL CHECK (reason IN ('province_locked', 'stale_assumed_state')),
  local_state TEXT NOT NULL CHECK (json_valid(local_state)),
  master      TEXT NOT NULL CHECK (json_valid(master)),
  at          TEXT NOT NULL,
  resolved_at TEXT
) STRICT;
CREATE INDEX sync_conflicts_dossier ON sync_conflicts (dossier_id);

-- tus upload URLs by file fingerprint, so an upload resumes mid-file after a crash or restart.
CREATE TABLE sync_tus_uploads (
  fingerprint TEXT PRIMARY KEY,
  upload      TEXT NOT NULL CHECK (json_valid(upload)),
  created_at  TEXT NOT NULL
) STRICT;

-- Page files removed by retention (metadata and text stay).
CREATE TABLE sync_purged_files (
  sha256    TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  format    TEXT NOT NULL CHECK (format IN ('jpeg', 'png')),
  bytes     INTEGER NOT NULL,
  purged_at TEXT NOT NULL
) STRICT;

-- Small engine state: server URL, device id, checkpoint, last success, last error, options.
CREATE TABLE sync_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value))
) STRICT;
