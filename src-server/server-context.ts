import type { BlobStore } from './blobs/blob-store.js';
import type { ChangeHub } from './routes/change-hub.js';
import type { Db } from './storage/db.js';

/** What every route needs, built once in startServer. */
export type ServerContext = {
  db: Db;
  blobs: BlobStore;
  hub: ChangeHub;
  adminTokenHash: string;
  now: () => Date;
  limits: { jsonBodyBytes: number; blobMaxBytes: number; enrollmentTtlHours: number };
  version: string;
};
