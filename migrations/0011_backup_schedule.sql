-- The daily backup (issue 10): where it goes, how many are kept, and how the last one went.
-- One row. The backups themselves are folders with a manifest (src-main/backup/backup-format.ts);
-- `tiepnhan backup` from the command line writes none of this (it never writes the live database).
CREATE TABLE backup_schedule (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  -- Absolute folder of the daily backups; NULL = no scheduled backup.
  folder      TEXT,
  keep        INTEGER NOT NULL CHECK (keep BETWEEN 1 AND 365),
  -- The last scheduled attempt, the last that succeeded, and its error if the last one failed.
  last_at     TEXT,
  last_ok_at  TEXT,
  last_error  TEXT
) STRICT;
INSERT INTO backup_schedule (id, folder, keep) VALUES (1, NULL, 7);
