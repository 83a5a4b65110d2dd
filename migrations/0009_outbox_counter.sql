-- The change feed (src-main/db/change-feed.ts) nudges sync only when the outbox moved, so that a
-- command that changed nothing for the province (a search, a draft edit, an OCR correction) costs
-- no sync pass. One counter, bumped by the outbox's own triggers in the writer's transaction:
-- a change to the outbox and the counter commit together.
CREATE TABLE outbox_counter (
  id  INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL
) STRICT;
INSERT INTO outbox_counter (id, seq) VALUES (1, 0);

CREATE TRIGGER outbox_counter_insert AFTER INSERT ON sync_outbox
BEGIN
  UPDATE outbox_counter SET seq = seq + 1 WHERE id = 1;
END;

-- Only a new version counts: the engine's own bookkeeping (attempts, last_error) is not a change to send.
CREATE TRIGGER outbox_counter_version AFTER UPDATE OF version ON sync_outbox
WHEN new.version <> old.version
BEGIN
  UPDATE outbox_counter SET seq = seq + 1 WHERE id = 1;
END;
