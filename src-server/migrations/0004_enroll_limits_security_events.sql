-- Guessing enrollment codes is slowed and then locked out (issue 16.2). The state lives here,
-- not in a server's memory, so every instance sharing the database applies the same limits.
-- key: 'addr:<client address>' or 'code:<SHA-256 of the normalised code>' (the same hash the
-- enrollment_codes table keeps; a code itself is never stored).
CREATE TABLE enroll_limits (
  key             text PRIMARY KEY,
  failures        integer NOT NULL CHECK (failures >= 0),
  last_failure_at timestamptz NOT NULL,
  blocked_until   timestamptz,
  -- Attempts refused while blocked, since the last failure: only the first of them is logged,
  -- so a flood of requests cannot fill the security log.
  throttled       integer NOT NULL DEFAULT 0
);

-- Security-relevant events for the province's IT: failed and throttled enrollments, admin
-- token rotations, lockouts cleared. Never a secret (no code, token or credential) and no
-- personal data; `detail` is a short reason such as 'unknown_code'.
CREATE TABLE security_events (
  id      bigserial PRIMARY KEY,
  at      timestamptz NOT NULL,
  kind    text NOT NULL,
  address text,
  detail  text NOT NULL DEFAULT ''
);
CREATE INDEX security_events_at ON security_events (at);
