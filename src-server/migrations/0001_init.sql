-- TiepNhan provincial sync server, version 1: branches, reception points, devices,
-- enrollment codes, dossiers (record lane), blobs (blob lane), conflicts, status history.
-- Instants are timestamptz; the desk's own `updatedAt` is kept verbatim as text.

CREATE TABLE branches (
  id         uuid PRIMARY KEY,
  code       text NOT NULL UNIQUE,
  name       text NOT NULL,
  created_at timestamptz NOT NULL
);

-- A reception point (bộ phận một cửa) is identified by its agency code under QCVN 102:2016.
CREATE TABLE reception_points (
  id          uuid PRIMARY KEY,
  branch_id   uuid REFERENCES branches (id),
  agency_code text NOT NULL UNIQUE,
  name        text NOT NULL,
  created_at  timestamptz NOT NULL
);

CREATE TABLE devices (
  id                 uuid PRIMARY KEY,
  reception_point_id uuid NOT NULL REFERENCES reception_points (id),
  name               text NOT NULL,
  -- SHA-256 (hex) of the device's random secret; the secret itself is never stored.
  secret_hash        text NOT NULL,
  desk_slot          integer NOT NULL CHECK (desk_slot >= 1),
  enrolled_at        timestamptz NOT NULL,
  revoked_at         timestamptz,
  last_seen_at       timestamptz
);
-- Two active desks of one point never share a slot (their offline dossier codes would collide).
CREATE UNIQUE INDEX devices_active_slot ON devices (reception_point_id, desk_slot) WHERE revoked_at IS NULL;

CREATE TABLE enrollment_codes (
  -- SHA-256 (hex) of the normalised one-time code.
  code_hash          text PRIMARY KEY,
  reception_point_id uuid NOT NULL REFERENCES reception_points (id),
  created_at         timestamptz NOT NULL,
  expires_at         timestamptz NOT NULL,
  used_at            timestamptz,
  device_id          uuid REFERENCES devices (id)
);

-- The replication checkpoint: assigned by the server, strictly increasing, never a client clock.
CREATE SEQUENCE dossier_change_seq;

CREATE TABLE dossiers (
  id                  uuid PRIMARY KEY,
  reception_point_id  uuid NOT NULL REFERENCES reception_points (id),
  code                text,
  fields              jsonb NOT NULL,
  pages               jsonb NOT NULL,
  desk_updated_at     text NOT NULL,
  deleted             boolean NOT NULL DEFAULT false,
  province_status     text CHECK (province_status IN
    ('accepted', 'processing', 'supplement_requested', 'completed', 'result_returned', 'rejected')),
  province_note       text,
  province_updated_at timestamptz,
  complete            boolean NOT NULL,
  seq                 bigint NOT NULL UNIQUE,
  -- SHA-256 (hex) of the canonical JSON of the intake part (conflict-rules.ts), compared on every push.
  intake_hash         text NOT NULL,
  created_by_device   uuid REFERENCES devices (id),
  updated_by_device   uuid REFERENCES devices (id),
  received_at         timestamptz NOT NULL,
  changed_at          timestamptz NOT NULL,
  CHECK ((province_status IS NULL) = (province_updated_at IS NULL))
);
CREATE INDEX dossiers_point_seq ON dossiers (reception_point_id, seq);
-- Province staff look dossiers up by the code printed on the receipt.
CREATE INDEX dossiers_code ON dossiers (code);
-- Finds the dossiers listing a page hash when that blob arrives (completeness).
CREATE INDEX dossiers_pages ON dossiers USING gin (pages jsonb_path_ops);

CREATE TABLE blobs (
  sha256    text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size      bigint NOT NULL CHECK (size >= 0),
  stored_at timestamptz NOT NULL
);

-- Every refused push is kept, never silently dropped. A re-sent refused push adds no row.
CREATE TABLE dossier_conflicts (
  id           bigserial PRIMARY KEY,
  dossier_id   uuid NOT NULL REFERENCES dossiers (id),
  device_id    uuid NOT NULL REFERENCES devices (id),
  reason       text NOT NULL CHECK (reason IN ('province_locked', 'stale_assumed_state')),
  attempted    jsonb NOT NULL,
  assumed      jsonb,
  master_seq   bigint NOT NULL,
  attempted_hash text NOT NULL,
  at           timestamptz NOT NULL,
  UNIQUE (dossier_id, attempted_hash, master_seq)
);

CREATE TABLE province_status_history (
  id         bigserial PRIMARY KEY,
  dossier_id uuid NOT NULL REFERENCES dossiers (id),
  status     text NOT NULL,
  note       text NOT NULL,
  at         timestamptz NOT NULL,
  seq        bigint NOT NULL
);
CREATE INDEX province_status_history_dossier ON province_status_history (dossier_id, id);
