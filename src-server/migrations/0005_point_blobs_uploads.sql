-- Page presence is scoped to the reception point (issue 16.5): a hash counts as present for a
-- point only once a device of that point has uploaded its bytes (first time, or again to
-- prove it holds them). The blob store stays shared (one file per hash); `blobs` lists the
-- files, `point_blobs` who may count on them. `device_id` is the point's first uploader,
-- NULL for rows carried over below.
CREATE TABLE point_blobs (
  reception_point_id uuid NOT NULL REFERENCES reception_points (id),
  sha256             text NOT NULL REFERENCES blobs (sha256),
  device_id          uuid REFERENCES devices (id),
  size               bigint NOT NULL CHECK (size >= 0),
  stored_at          timestamptz NOT NULL,
  -- Set when the row may have become unreferenced (on upload; when a push drops the page):
  -- garbage collection looks at it once it is older than the grace period, and deletes the
  -- row if no dossier of the point lists the page, else clears this.
  gc_since           timestamptz,
  PRIMARY KEY (reception_point_id, sha256)
);
CREATE INDEX point_blobs_gc ON point_blobs (gc_since) WHERE gc_since IS NOT NULL;
-- Garbage collection asks whether any point still holds a blob.
CREATE INDEX point_blobs_sha256 ON point_blobs (sha256);

-- Set when a blob lost its last holder: its file is removed once older than the grace period.
ALTER TABLE blobs ADD COLUMN gc_since timestamptz;
CREATE INDEX blobs_gc ON blobs (gc_since) WHERE gc_since IS NOT NULL;

-- Pages already stored count as present for every point whose dossiers list them (the server
-- cannot tell who uploaded them); blobs no dossier lists belong to no point and are collected.
INSERT INTO point_blobs (reception_point_id, sha256, device_id, size, stored_at)
SELECT DISTINCT d.reception_point_id, b.sha256, NULL::uuid, b.size, b.stored_at
FROM dossiers d CROSS JOIN LATERAL jsonb_array_elements(d.pages) AS p
JOIN blobs b ON b.sha256 = p->>'sha256'
ON CONFLICT DO NOTHING;
UPDATE blobs b SET gc_since = now() WHERE NOT EXISTS (SELECT 1 FROM point_blobs h WHERE h.sha256 = b.sha256);

-- Per-device quota on stored bytes (issue 16.3): what the device brought to its point, kept
-- current in the transactions that add and collect point_blobs rows.
ALTER TABLE devices ADD COLUMN stored_bytes bigint NOT NULL DEFAULT 0 CHECK (stored_bytes >= 0);

-- Resumable (tus) uploads, bound to the device that created them: another device gets 404
-- for the id. Unfinished ones count against the device's reserved-bytes quota.
CREATE TABLE uploads (
  id          text PRIMARY KEY,
  device_id   uuid NOT NULL REFERENCES devices (id),
  size        bigint NOT NULL CHECK (size >= 0),
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  finished_at timestamptz
);
CREATE INDEX uploads_open_by_device ON uploads (device_id) WHERE finished_at IS NULL;
CREATE INDEX uploads_expires_at ON uploads (expires_at);
