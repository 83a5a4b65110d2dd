import { MAX_PUSH_ROWS } from '../../src-shared/sync/wire.js';
import { DEFAULT_TUS_CHUNK, DEFAULT_TUS_THRESHOLD } from './blob-upload.js';

/** The engine's knobs: production values below, tests shorten them. */
export type SyncTuning = {
  pushBatch: number;
  pullLimit: number;
  tusThresholdBytes: number;
  tusChunkBytes: number;
  /** Pause between passes when all is well (SSE brings province changes sooner). */
  idleIntervalMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Listen to the server's SSE stream while started. */
  liveStream: boolean;
  /** No byte on the live stream for this long (pings included): the link is dead, reconnect. */
  streamSilenceMs: number;
  healthTimeoutMs: number;
};

export const defaultSyncTuning: SyncTuning = {
  pushBatch: MAX_PUSH_ROWS,
  pullLimit: 500,
  tusThresholdBytes: DEFAULT_TUS_THRESHOLD,
  tusChunkBytes: DEFAULT_TUS_CHUNK,
  idleIntervalMs: 60_000,
  backoffBaseMs: 2_000,
  // Five minutes: a desk back online waits at most that long for its next attempt.
  backoffMaxMs: 5 * 60_000,
  liveStream: true,
  // The server pings every 25 s (src-server/routes/change-hub.ts): two pings missed and a margin.
  streamSilenceMs: 60_000,
  healthTimeoutMs: 10_000,
};

export function resolveTuning(overrides: Partial<SyncTuning> = {}): SyncTuning {
  return { ...defaultSyncTuning, ...overrides };
}
