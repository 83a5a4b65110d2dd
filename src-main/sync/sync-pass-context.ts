import type { Clock } from '../kernel/clock.js';
import type { Db } from '../db/open.js';
import type { SyncHttp } from './sync-http.js';
import type { SyncTuning } from './sync-tuning.js';

/** Tells the engine's listeners where a pass is: the queue length, and the bytes of one dossier's upload. */
export type SyncEmit = (dossierId?: string | null, bytesDone?: number, bytesTotal?: number) => void;

/**
 * What every step of a pass works with: the desk's database, the clock, an HTTP client bound
 * to the server and the device credential (its requests end with `signal`), the tuning, and a
 * way to report progress. Steps are plain functions of it, so a test gives them a fake transport.
 */
export type PassContext = {
  db: Db;
  clock: Clock;
  http: SyncHttp;
  tuning: SyncTuning;
  emit: SyncEmit;
  /** Pause or stop of the engine: ends the pass's requests and uploads. */
  signal: AbortSignal;
};

export type SyncMetrics = {
  passes: number;
  /** Bytes of page files sent (what the server acknowledged, per file, counting re-sends after a cut). */
  bytesSent: number;
  filesUploaded: number;
  /** Offsets tus uploads resumed from (> 0 = resumed mid-file). */
  resumedFrom: number[];
};

export const emptyMetrics = (): SyncMetrics => ({ passes: 0, bytesSent: 0, filesUploaded: 0, resumedFrom: [] });
