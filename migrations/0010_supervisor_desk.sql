-- The supervisor's desk (issue 9): where each dossier stands in the desk's work (the queues),
-- quality review, hand-back of results, and in-app notifications.

-- One row per dossier, kept in step with it by the triggers below. Three kinds of columns:
--  * copied from dossiers (status, procedure, dates), so that each queue is one partial index of
--    this one table and a count reads only that queue's entries;
--  * owned by the workflow and review services (assignment, review state, hand-back);
--  * facts derived from pages, components, OCR jobs, the sync tables and the province status,
--    recomputed for one dossier inside the writer's own transaction (so, as with the outbox of
--    0005, whoever changes a page or a job, the queues follow without knowing about them).
CREATE TABLE dossier_flow (
  dossier_id         TEXT PRIMARY KEY REFERENCES dossiers (id) ON DELETE CASCADE,
  status             TEXT NOT NULL CHECK (status IN ('draft', 'received')),
  procedure_code     TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  received_at        TEXT,
  appointment_at     TEXT,
  -- The clerk whose work the dossier is: its creator until a supervisor reassigns it.
  assigned_to        TEXT NOT NULL REFERENCES users (id),
  -- 'none': not under review (a draft, or received before this version); 'pending': waiting for
  -- the supervisor; 'returned': sent back to the clerk with reasons; 'approved'.
  review_state       TEXT NOT NULL CHECK (review_state IN ('none', 'pending', 'returned', 'approved')),
  -- 1 for the first review of a dossier, one more at each resubmission.
  review_round       INTEGER NOT NULL DEFAULT 0,
  -- When the review state last changed (the age in the review queues).
  review_at          TEXT,
  -- The result was handed back to the citizen (dossier_handbacks): the dossier is closed here.
  closed_at          TEXT,
  -- Live pages, and components ticked as received with no live page.
  pages              INTEGER NOT NULL DEFAULT 0,
  components_missing INTEGER NOT NULL DEFAULT 0,
  -- Live pages whose current image has no finished recognition (no job yet, pending, running),
  -- and those whose recognition failed; since: the oldest live page not recognised yet.
  ocr_waiting        INTEGER NOT NULL DEFAULT 0,
  ocr_failed         INTEGER NOT NULL DEFAULT 0,
  ocr_since          TEXT,
  -- Not yet at the province: first unsynced change (outbox) or, once pushed, the push while pages
  -- are still uploading; the outbox's last error while it has one.
  sync_since         TEXT,
  sync_error         TEXT,
  province_status    TEXT,
  province_at        TEXT,
  -- change_counter value of the last change to the dossier or to its workflow: the replication
  -- checkpoint of the renderer's dossier list (derived facts do not move it).
  seq                INTEGER NOT NULL
) STRICT;
CREATE INDEX dossier_flow_seq ON dossier_flow (seq);

-- Moves whenever a queue's membership, order or age may have changed, or a notification arrived:
-- the change feed (db/change-feed.ts) reads it to refresh the supervisor's queues live.
CREATE TABLE queue_counter (
  id  INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL
) STRICT;
INSERT INTO queue_counter (id, seq) VALUES (1, 0);

-- Each decision of a quality review; findings say what was wrong, per page or for the dossier.
CREATE TABLE review_decisions (
  id         INTEGER PRIMARY KEY,
  dossier_id TEXT NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
  round      INTEGER NOT NULL CHECK (round >= 1),
  decision   TEXT NOT NULL CHECK (decision IN ('approved', 'returned', 'resubmitted')),
  -- Live pages when the decision was taken.
  pages      INTEGER NOT NULL,
  note       TEXT NOT NULL DEFAULT '',
  decided_by TEXT NOT NULL REFERENCES users (id),
  decided_at TEXT NOT NULL
) STRICT;
CREATE INDEX review_decisions_dossier ON review_decisions (dossier_id, id);
CREATE INDEX review_decisions_at ON review_decisions (decided_at);

CREATE TABLE review_findings (
  decision_id   INTEGER NOT NULL REFERENCES review_decisions (id) ON DELETE CASCADE,
  idx           INTEGER NOT NULL,
  -- The page as it was (its id, order and image); NULL for a finding about the whole dossier.
  page_id       TEXT REFERENCES pages (id),
  page_position INTEGER,
  page_sha256   TEXT,
  reason        TEXT NOT NULL CHECK (reason IN ('blurred', 'cut_off', 'missing_page', 'wrong_component', 'upside_down', 'classified')),
  note          TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (decision_id, idx)
) STRICT;

-- The result handed back to the citizen: who, when, to whom. One per dossier; it closes it here.
CREATE TABLE dossier_handbacks (
  dossier_id          TEXT PRIMARY KEY REFERENCES dossiers (id) ON DELETE CASCADE,
  handed_at           TEXT NOT NULL,
  handed_by           TEXT NOT NULL REFERENCES users (id),
  recipient_name      TEXT NOT NULL,
  recipient_id_number TEXT NOT NULL DEFAULT '',
  note                TEXT NOT NULL DEFAULT '',
  -- Handed back on or before the day it was due (the appointment date, or the next working day
  -- when that turned out to be a day off: src-shared/domain/deadlines.ts).
  on_time             INTEGER NOT NULL CHECK (on_time IN (0, 1))
) STRICT;
CREATE INDEX dossier_handbacks_at ON dossier_handbacks (handed_at);

-- In-app notifications. `ref` makes each one happen once: the province status and its time, or
-- the due date for 'due_tomorrow'.
CREATE TABLE notifications (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('supplement_requested', 'result_ready', 'due_tomorrow')),
  dossier_id TEXT NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
  ref        TEXT NOT NULL,
  at         TEXT NOT NULL,
  UNIQUE (kind, dossier_id, ref)
) STRICT;
CREATE INDEX notifications_at ON notifications (at);

CREATE TABLE notification_reads (
  notification_id INTEGER NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
  user_id         TEXT NOT NULL REFERENCES users (id),
  read_at         TEXT NOT NULL,
  PRIMARY KEY (notification_id, user_id)
) STRICT, WITHOUT ROWID;

-- The queues: one partial index each, whose WHERE is the queue's definition (kept identical to
-- src-main/queues/queue-definitions.ts, which the plan check of the tests and bench:queues hold
-- to). Columns: the age the queue sorts by, then what its screen filters on (clerk, procedure,
-- date), so a count, the oldest item and a page of the queue read only the index.
CREATE INDEX flow_q_drafts ON dossier_flow (created_at, assigned_to, procedure_code)
  WHERE status = 'draft';
CREATE INDEX flow_q_waiting_scan ON dossier_flow (received_at, assigned_to, procedure_code)
  WHERE status = 'received' AND pages = 0;
CREATE INDEX flow_q_missing_components ON dossier_flow (received_at, assigned_to, procedure_code)
  WHERE status = 'received' AND pages > 0 AND components_missing > 0;
CREATE INDEX flow_q_ocr_pending ON dossier_flow (ocr_since, assigned_to, procedure_code, received_at)
  WHERE ocr_waiting > 0;
CREATE INDEX flow_q_ocr_failed ON dossier_flow (ocr_since, assigned_to, procedure_code, received_at)
  WHERE ocr_failed > 0;
CREATE INDEX flow_q_waiting_review ON dossier_flow (review_at, assigned_to, procedure_code, received_at)
  WHERE review_state = 'pending' AND pages > 0 AND components_missing = 0;
CREATE INDEX flow_q_sent_back ON dossier_flow (review_at, assigned_to, procedure_code, received_at)
  WHERE review_state = 'returned';
-- With the reception point's "review before sync" on, the queue also leaves out dossiers held for
-- review (an extra condition on review_state, read from this same index).
CREATE INDEX flow_q_ready_to_sync ON dossier_flow (sync_since, assigned_to, procedure_code, received_at, review_state)
  WHERE sync_since IS NOT NULL AND sync_error IS NULL;
CREATE INDEX flow_q_sync_failed ON dossier_flow (sync_since, assigned_to, procedure_code, received_at)
  WHERE sync_error IS NOT NULL;
CREATE INDEX flow_q_supplement ON dossier_flow (province_at, assigned_to, procedure_code, received_at)
  WHERE province_status = 'supplement_requested' AND closed_at IS NULL;
CREATE INDEX flow_q_result_ready ON dossier_flow (province_at, assigned_to, procedure_code, received_at)
  WHERE province_status IN ('completed', 'result_returned', 'rejected') AND closed_at IS NULL;
-- Due today and overdue: open dossiers by appointment, read as a range of the day's boundaries.
CREATE INDEX flow_q_open_by_appointment ON dossier_flow (appointment_at, assigned_to, procedure_code, received_at)
  WHERE status = 'received' AND closed_at IS NULL;

-- A new dossier: its flow row, every fact computed here (a dossier inserted already received
-- may find its outbox row written by 0005's trigger first; the order of triggers is not fixed).
CREATE TRIGGER flow_dossier_insert AFTER INSERT ON dossiers
BEGIN
  INSERT INTO dossier_flow (dossier_id, status, procedure_code, created_at, received_at, appointment_at, assigned_to,
                            review_state, review_round, review_at, sync_since, sync_error, seq)
  VALUES (new.id, new.status, new.procedure_code, new.created_at, new.received_at, new.appointment_at, new.created_by,
          CASE WHEN new.status = 'received' THEN 'pending' ELSE 'none' END,
          CASE WHEN new.status = 'received' THEN 1 ELSE 0 END,
          CASE WHEN new.status = 'received' THEN new.received_at END,
          (SELECT changed_at FROM sync_outbox WHERE dossier_id = new.id),
          (SELECT last_error FROM sync_outbox WHERE dossier_id = new.id),
          new.seq);
END;

-- Receiving starts the first review; a draft edit may change the procedure and the components.
CREATE TRIGGER flow_dossier_update AFTER UPDATE ON dossiers
BEGIN
  UPDATE dossier_flow SET
    status = new.status, procedure_code = new.procedure_code, created_at = new.created_at,
    received_at = new.received_at, appointment_at = new.appointment_at, seq = max(seq, new.seq),
    review_state = CASE WHEN old.status = 'draft' AND new.status = 'received' THEN 'pending' ELSE review_state END,
    review_round = CASE WHEN old.status = 'draft' AND new.status = 'received' THEN 1 ELSE review_round END,
    review_at = CASE WHEN old.status = 'draft' AND new.status = 'received' THEN new.received_at ELSE review_at END
  WHERE dossier_id = new.id;
END;

-- Pages: a new page, a deletion or restore (status), a rotation (a new image to recognise), an
-- assignment to a component. The whole page part of the row is recomputed for that dossier.
CREATE TRIGGER flow_page_insert AFTER INSERT ON pages
BEGIN
  UPDATE dossier_flow SET
    pages = (SELECT count(*) FROM pages WHERE dossier_id = new.dossier_id AND status <> 'deleted'),
    components_missing = (SELECT count(*) FROM dossier_components c WHERE c.dossier_id = new.dossier_id AND c.received = 1
      AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.dossier_id = new.dossier_id AND p.component_position = c.position AND p.status <> 'deleted')),
    ocr_waiting = (SELECT count(*) FROM pages p WHERE p.dossier_id = new.dossier_id AND p.status <> 'deleted'
      AND NOT EXISTS (SELECT 1 FROM ocr_jobs j WHERE j.page_id = p.id AND j.sha256 = p.sha256 AND j.status IN ('done', 'failed'))),
    ocr_failed = (SELECT count(*) FROM pages p JOIN ocr_jobs j ON j.page_id = p.id AND j.sha256 = p.sha256
      WHERE p.dossier_id = new.dossier_id AND p.status <> 'deleted' AND j.status = 'failed'),
    ocr_since = (SELECT min(p.created_at) FROM pages p WHERE p.dossier_id = new.dossier_id AND p.status <> 'deleted'
      AND NOT EXISTS (SELECT 1 FROM ocr_jobs j WHERE j.page_id = p.id AND j.sha256 = p.sha256 AND j.status = 'done'))
  WHERE dossier_id = new.dossier_id;
END;

CREATE TRIGGER flow_page_update AFTER UPDATE OF status, component_position, sha256 ON pages
BEGIN
  UPDATE dossier_flow SET
    pages = (SELECT count(*) FROM pages WHERE dossier_id = new.dossier_id AND status <> 'deleted'),
    components_missing = (SELECT count(*) FROM dossier_components c WHERE c.dossier_id = new.dossier_id AND c.received = 1
      AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.dossier_id = new.dossier_id AND p.component_position = c.position AND p.status <> 'deleted')),
    ocr_waiting = (SELECT count(*) FROM pages p WHERE p.dossier_id = new.dossier_id AND p.status <> 'deleted'
      AND NOT EXISTS (SELECT 1 FROM ocr_jobs j WHERE j.page_id = p.id AND j.sha256 = p.sha256 AND j.status IN ('done', 'failed'))),
    ocr_failed = (SELECT count(*) FROM pages p JOIN ocr_jobs j ON j.page_id = p.id AND j.sha256 = p.sha256
      WHERE p.dossier_id = new.dossier_id AND p.status <> 'deleted' AND j.status = 'failed'),
    ocr_since = (SELECT min(p.created_at) FROM pages p WHERE p.dossier_id = new.dossier_id AND p.status <> 'deleted'
      AND NOT EXISTS (SELECT 1 FROM ocr_jobs j WHERE j.page_id = p.id AND j.sha256 = p.sha256 AND j.status = 'done'))
  WHERE dossier_id = new.dossier_id;
END;

-- Components: a draft edit rewrites them (delete, then insert).
CREATE TRIGGER flow_component_insert AFTER INSERT ON dossier_components
BEGIN
  UPDATE dossier_flow SET components_missing = (SELECT count(*) FROM dossier_components c WHERE c.dossier_id = new.dossier_id AND c.received = 1
    AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.dossier_id = new.dossier_id AND p.component_position = c.position AND p.status <> 'deleted'))
  WHERE dossier_id = new.dossier_id;
END;

CREATE TRIGGER flow_component_update AFTER UPDATE ON dossier_components
BEGIN
  UPDATE dossier_flow SET components_missing = (SELECT count(*) FROM dossier_components c WHERE c.dossier_id = new.dossier_id AND c.received = 1
    AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.dossier_id = new.dossier_id AND p.component_position = c.position AND p.status <> 'deleted'))
  WHERE dossier_id = new.dossier_id;
END;

CREATE TRIGGER flow_component_delete AFTER DELETE ON dossier_components
BEGIN
  UPDATE dossier_flow SET components_missing = (SELECT count(*) FROM dossier_components c WHERE c.dossier_id = old.dossier_id AND c.received = 1
    AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.dossier_id = old.dossier_id AND p.component_position = c.position AND p.status <> 'deleted'))
  WHERE dossier_id = old.dossier_id;
END;

-- OCR jobs: created for a new image, claimed, finished, failed, retried.
CREATE TRIGGER flow_ocr_job_insert AFTER INSERT ON ocr_jobs
BEGIN
  UPDATE dossier_flow SET
    ocr_waiting = (SELECT count(*) FROM pages p WHERE p.dossier_id = dossier_flow.dossier_id AND p.status <> 'deleted'
      AND NOT EXISTS (SELECT 1 FROM ocr_jobs j WHERE j.page_id = p.id AND j.sha256 = p.sha256 AND j.status IN ('done', 'failed'))),
    ocr_failed = (SELECT count(*) FROM pages p JOIN ocr_jobs j ON j.page_id = p.id AND j.sha256 = p.sha256
      WHERE p.dossier_id = dossier_flow.dossier_id AND p.status <> 'deleted' AND j.status = 'failed'),
    ocr_since = (SELECT min(p.created_at) FROM pages p WHERE p.dossier_id = dossier_flow.dossier_id AND p.status <> 'deleted'
      AND NOT EXISTS (SELECT 1 FROM ocr_jobs j WHERE j.page_id = p.id AND j.sha256 = p.sha256 AND j.status = 'done'))
  WHERE dossier_id = (SELECT dossier_id FROM pages WHERE id = new.page_id);
END;

CREATE TRIGGER flow_ocr_job_update AFTER UPDATE OF status ON ocr_jobs
WHEN old.status IS NOT new.status
BEGIN
  UPDATE dossier_flow SET
    ocr_waiting = (SELECT count(*) FROM pages p WHERE p.dossier_id = dossier_flow.dossier_id AND p.status <> 'deleted'
      AND NOT EXISTS (SELECT 1 FROM ocr_jobs j WHERE j.page_id = p.id AND j.sha256 = p.sha256 AND j.status IN ('done', 'failed'))),
    ocr_failed = (SELECT count(*) FROM pages p JOIN ocr_jobs j ON j.page_id = p.id AND j.sha256 = p.sha256
      WHERE p.dossier_id = dossier_flow.dossier_id AND p.status <> 'deleted' AND j.status = 'failed'),
    ocr_since = (SELECT min(p.created_at) FROM pages p WHERE p.dossier_id = dossier_flow.dossier_id AND p.status <> 'deleted'
      AND NOT EXISTS (SELECT 1 FROM ocr_jobs j WHERE j.page_id = p.id AND j.sha256 = p.sha256 AND j.status = 'done'))
  WHERE dossier_id = (SELECT dossier_id FROM pages WHERE id = new.page_id);
END;

-- Sync: the outbox row (queued, failed with an error, done) and the upload flag after a push.
CREATE TRIGGER flow_outbox_insert AFTER INSERT ON sync_outbox
BEGIN
  UPDATE dossier_flow SET sync_since = new.changed_at, sync_error = new.last_error WHERE dossier_id = new.dossier_id;
END;

CREATE TRIGGER flow_outbox_update AFTER UPDATE ON sync_outbox
BEGIN
  UPDATE dossier_flow SET sync_since = new.changed_at, sync_error = new.last_error WHERE dossier_id = new.dossier_id;
END;

CREATE TRIGGER flow_outbox_delete AFTER DELETE ON sync_outbox
BEGIN
  UPDATE dossier_flow SET sync_error = NULL,
    sync_since = (SELECT pushed_at FROM sync_dossiers WHERE dossier_id = old.dossier_id AND upload_pending = 1)
  WHERE dossier_id = old.dossier_id;
END;

CREATE TRIGGER flow_pushed_insert AFTER INSERT ON sync_dossiers
BEGIN
  UPDATE dossier_flow SET sync_since = COALESCE((SELECT changed_at FROM sync_outbox WHERE dossier_id = new.dossier_id),
                                                CASE WHEN new.upload_pending = 1 THEN new.pushed_at END)
  WHERE dossier_id = new.dossier_id;
END;

CREATE TRIGGER flow_pushed_update AFTER UPDATE OF upload_pending, pushed_at ON sync_dossiers
BEGIN
  UPDATE dossier_flow SET sync_since = COALESCE((SELECT changed_at FROM sync_outbox WHERE dossier_id = new.dossier_id),
                                                CASE WHEN new.upload_pending = 1 THEN new.pushed_at END)
  WHERE dossier_id = new.dossier_id;
END;

-- The province's status, as pulled; a supplement request or a result also notifies the desk once.
CREATE TRIGGER flow_province_insert AFTER INSERT ON dossier_province_status
BEGIN
  UPDATE dossier_flow SET province_status = new.status, province_at = COALESCE(new.updated_at, new.pulled_at) WHERE dossier_id = new.dossier_id;
  INSERT INTO notifications (kind, dossier_id, ref, at)
  SELECT CASE WHEN new.status = 'supplement_requested' THEN 'supplement_requested' ELSE 'result_ready' END,
         new.dossier_id, new.status || ' ' || COALESCE(new.updated_at, ''), new.pulled_at
  WHERE new.status IN ('supplement_requested', 'completed', 'result_returned', 'rejected')
  ON CONFLICT (kind, dossier_id, ref) DO NOTHING;
END;

CREATE TRIGGER flow_province_update AFTER UPDATE ON dossier_province_status
BEGIN
  UPDATE dossier_flow SET province_status = new.status, province_at = COALESCE(new.updated_at, new.pulled_at) WHERE dossier_id = new.dossier_id;
  INSERT INTO notifications (kind, dossier_id, ref, at)
  SELECT CASE WHEN new.status = 'supplement_requested' THEN 'supplement_requested' ELSE 'result_ready' END,
         new.dossier_id, new.status || ' ' || COALESCE(new.updated_at, ''), new.pulled_at
  WHERE new.status IN ('supplement_requested', 'completed', 'result_returned', 'rejected') AND old.status IS NOT new.status
  ON CONFLICT (kind, dossier_id, ref) DO NOTHING;
END;

-- The queue counter: only a change to what a queue reads counts (an OCR job claimed, a sync
-- attempt counted, a replication bump alone change no queue).
CREATE TRIGGER queue_counter_flow_insert AFTER INSERT ON dossier_flow
BEGIN
  UPDATE queue_counter SET seq = seq + 1 WHERE id = 1;
END;

CREATE TRIGGER queue_counter_flow_update AFTER UPDATE ON dossier_flow
WHEN old.status IS NOT new.status OR old.procedure_code IS NOT new.procedure_code OR old.created_at IS NOT new.created_at
  OR old.received_at IS NOT new.received_at OR old.appointment_at IS NOT new.appointment_at OR old.assigned_to IS NOT new.assigned_to
  OR old.review_state IS NOT new.review_state OR old.review_at IS NOT new.review_at OR old.closed_at IS NOT new.closed_at
  OR old.pages IS NOT new.pages OR old.components_missing IS NOT new.components_missing OR old.ocr_waiting IS NOT new.ocr_waiting
  OR old.ocr_failed IS NOT new.ocr_failed OR old.ocr_since IS NOT new.ocr_since OR old.sync_since IS NOT new.sync_since
  OR old.sync_error IS NOT new.sync_error OR old.province_status IS NOT new.province_status OR old.province_at IS NOT new.province_at
BEGIN
  UPDATE queue_counter SET seq = seq + 1 WHERE id = 1;
END;

CREATE TRIGGER queue_counter_flow_delete AFTER DELETE ON dossier_flow
BEGIN
  UPDATE queue_counter SET seq = seq + 1 WHERE id = 1;
END;

CREATE TRIGGER queue_counter_notification AFTER INSERT ON notifications
BEGIN
  UPDATE queue_counter SET seq = seq + 1 WHERE id = 1;
END;

-- Review before sync (Settings.reviewBeforeSync, a reception-point setting): the outbox holds a
-- dossier under review (src-main/sync/sync-repo.ts, outboxBatch). An approval, or the setting
-- turned off, makes held dossiers sendable: the outbox counter moves so the change feed nudges
-- sync, and the queue counter so "ready to sync" is counted again.
CREATE TRIGGER outbox_release_on_approval AFTER UPDATE OF review_state ON dossier_flow
WHEN new.review_state = 'approved' AND old.review_state IS NOT 'approved'
  AND EXISTS (SELECT 1 FROM sync_outbox WHERE dossier_id = new.dossier_id)
BEGIN
  UPDATE outbox_counter SET seq = seq + 1 WHERE id = 1;
END;

CREATE TRIGGER outbox_release_setting_insert AFTER INSERT ON settings
WHEN new.key = 'reviewBeforeSync'
BEGIN
  UPDATE outbox_counter SET seq = seq + 1 WHERE id = 1;
  UPDATE queue_counter SET seq = seq + 1 WHERE id = 1;
END;

CREATE TRIGGER outbox_release_setting_update AFTER UPDATE ON settings
WHEN new.key = 'reviewBeforeSync' AND old.value IS NOT new.value
BEGIN
  UPDATE outbox_counter SET seq = seq + 1 WHERE id = 1;
  UPDATE queue_counter SET seq = seq + 1 WHERE id = 1;
END;

-- Dossiers that exist before this version: their flow row, facts computed from what is there.
-- Received ones are not put under review ('none'): review starts with this version. Hand-backs
-- were not recorded before it either, so a dossier promised more than 30 days before the upgrade
-- is taken as history and closed at its appointment (closed_at without a dossier_handbacks row):
-- else years of a desk's past would fill "overdue" on the first morning. Younger ones stay open.
INSERT INTO dossier_flow (dossier_id, status, procedure_code, created_at, received_at, appointment_at, assigned_to,
                          review_state, review_round, review_at, closed_at, pages, components_missing, ocr_waiting, ocr_failed, ocr_since,
                          sync_since, sync_error, province_status, province_at, seq)
SELECT d.id, d.status, d.procedure_code, d.created_at, d.received_at, d.appointment_at, d.created_by, 'none', 0, NULL,
  CASE WHEN d.status = 'received' AND d.appointment_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-30 days') THEN d.appointment_at END,
  (SELECT count(*) FROM pages WHERE dossier_id = d.id AND status <> 'deleted'),
  (SELECT count(*) FROM dossier_components c WHERE c.dossier_id = d.id AND c.received = 1
    AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.dossier_id = d.id AND p.component_position = c.position AND p.status <> 'deleted')),
  (SELECT count(*) FROM pages p WHERE p.dossier_id = d.id AND p.status <> 'deleted'
    AND NOT EXISTS (SELECT 1 FROM ocr_jobs j WHERE j.page_id = p.id AND j.sha256 = p.sha256 AND j.status IN ('done', 'failed'))),
  (SELECT count(*) FROM pages p JOIN ocr_jobs j ON j.page_id = p.id AND j.sha256 = p.sha256
    WHERE p.dossier_id = d.id AND p.status <> 'deleted' AND j.status = 'failed'),
  (SELECT min(p.created_at) FROM pages p WHERE p.dossier_id = d.id AND p.status <> 'deleted'
    AND NOT EXISTS (SELECT 1 FROM ocr_jobs j WHERE j.page_id = p.id AND j.sha256 = p.sha256 AND j.status = 'done')),
  COALESCE((SELECT changed_at FROM sync_outbox WHERE dossier_id = d.id),
           (SELECT pushed_at FROM sync_dossiers WHERE dossier_id = d.id AND upload_pending = 1)),
  (SELECT last_error FROM sync_outbox WHERE dossier_id = d.id),
  ps.status, COALESCE(ps.updated_at, ps.pulled_at),
  d.seq
FROM dossiers d LEFT JOIN dossier_province_status ps ON ps.dossier_id = d.id;
