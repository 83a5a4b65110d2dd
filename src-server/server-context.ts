import type { AdminToken } from './auth/admin-token-file.js';
import type { CredentialCache } from './auth/credential-cache.js';
import type { EnrollLimitPolicy } from './auth/enroll-limiter.js';
import type { BlobRecorder } from './blobs/blob-recorder.js';
import type { BlobStore } from './blobs/blob-store.js';
import type { Quotas } from './repos/uploads-repo.js';
import type { ChangeHub } from './routes/change-hub.js';
import type { Db } from './storage/db.js';

/** What every route needs, built once in startServer. */
export type ServerContext = {
  db: Db;
  blobs: BlobStore;
  /** Records verified blobs, several uploads per transaction. */
  recorder: BlobRecorder;
  credentials: CredentialCache;
  /** When this instance last recorded each device's activity (ms since the epoch). */
  lastTouched: Map<string, number>;
  hub: ChangeHub;
  adminToken: AdminToken;
  now: () => Date;
  limits: {
    jsonBodyBytes: number;
    blobMaxBytes: number;
    enrollmentTtlHours: number;
    quotas: Quotas;
    /** How long a page no dossier of its point lists is kept (garbage collection). */
    unreferencedGraceMs: number;
    enroll: EnrollLimitPolicy;
  };
  version: string;
};
