import type { CredentialCache } from './auth/credential-cache.js';
import type { BlobRecorder } from './blobs/blob-recorder.js';
import type { BlobStore } from './blobs/blob-store.js';
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
  adminTokenHash: string;
  now: () => Date;
  limits: { jsonBodyBytes: number; blobMaxBytes: number; enrollmentTtlHours: number };
  version: string;
};
