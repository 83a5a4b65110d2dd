import type { Db } from '../db/open.js';
import { streamReconnectMs } from './backoff.js';
import type { CredentialStore } from './credential-store.js';
import { readSyncConfig } from './enroll.js';
import { createSseParser, type SseEvent } from './sse-parser.js';
import { deviceHttp } from './sync-connect.js';
import type { FetchLike, SyncHttp } from './sync-http.js';
import { readSyncOptions } from './sync-options.js';
import { wakeableWait, type Timers } from './sync-timers.js';
import type { SyncTuning } from './sync-tuning.js';

/** How one connection ended: the server closed it, or it went silent and the desk cut it. */
export type StreamEnd = 'ended' | 'silent';

export type ReadStreamOptions = {
  signal: AbortSignal;
  timers: Timers;
  /** No byte for this long (the server's pings included) and the link is taken for dead. */
  silenceMs: number;
  /** The server answered the request: it is reachable. */
  onOpen(): void;
  onEvent(event: SseEvent): void;
};

/**
 * One connection to the server's change stream (GET /sync/dossiers/stream), read to its end.
 * A link that dies without a word (a NAT box forgetting the connection, a half-open socket)
 * sends nothing at all, not even the 25 s pings: a watchdog re-armed by every chunk cuts the
 * connection after `silenceMs` and the answer is 'silent'. Network and HTTP errors throw.
 */
export async function readEventStream(http: SyncHttp, opts: ReadStreamOptions): Promise<StreamEnd> {
  const cut = new AbortController();
  let silent = false;
  let watchdog: unknown = null;
  const arm = () => {
    if (watchdog !== null) opts.timers.clearTimeout(watchdog);
    watchdog = opts.timers.setTimeout(() => {
      silent = true;
      cut.abort();
    }, opts.silenceMs);
  };
  arm();
  try {
    const signal = AbortSignal.any([opts.signal, cut.signal]);
    const res = await http.raw('GET', '/sync/dossiers/stream', { signal, headers: { accept: 'text/event-stream' } });
    opts.onOpen();
    if (!res.body) return 'ended';
    const parser = createSseParser();
    const decoder = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      arm();
      for (const event of parser.push(decoder.decode(chunk, { stream: true }))) opts.onEvent(event);
    }
    return silent ? 'silent' : 'ended';
  } catch (error) {
    if (silent) return 'silent';
    throw error;
  } finally {
    opts.timers.clearTimeout(watchdog);
  }
}

export type LiveStreamDeps = {
  db: Db;
  credentials: CredentialStore;
  fetch: FetchLike;
  timers: Timers;
  random: () => number;
  tuning: SyncTuning;
  paused(): boolean;
  /** The server answered: it is reachable again. */
  onOpen(): void;
  /** An event with data: RESYNC or a batch of changes. */
  onChange(): void;
};

export type LiveStream = {
  /** Keeps a connection open from now on, reconnecting with backoff (does nothing if already on). */
  start(): void;
  stop(): void;
  /** Ends the connection under way (a pause); the loop then waits while paused. */
  drop(): void;
  /** Ends a wait before (re)connecting: a pass reached the server, or the desk resumed. */
  wake(): void;
};

/**
 * The desk's side of the live stream: connects while enrolled and not paused, and turns every
 * event into `onChange`. RESYNC or a change batch, either way a pull from the desk's own
 * checkpoint is the safe answer (applying the pushed batch directly could skip changes not
 * pulled yet), so the events' content is not read here.
 */
export function createLiveStream(deps: LiveStreamDeps): LiveStream {
  const { db, tuning } = deps;
  const waits = wakeableWait(deps.timers);
  let running = false;
  let loop: Promise<void> | null = null;
  let connection: AbortController | null = null;

  async function run(): Promise<void> {
    let attempt = 0;
    while (running) {
      const config = readSyncConfig(db);
      const credential = deps.credentials.load();
      if (!config || !credential || deps.paused()) {
        await waits.wait(tuning.idleIntervalMs);
        continue;
      }
      const controller = new AbortController();
      connection = controller;
      try {
        const http = deviceHttp(config, credential, readSyncOptions(db), deps.fetch);
        const onOpen = () => {
          attempt = 0;
          deps.onOpen();
        };
        await readEventStream(http, { signal: controller.signal, timers: deps.timers, silenceMs: tuning.streamSilenceMs, onOpen, onEvent: deps.onChange });
      } catch {
        // Offline or the server went away: the passes' backoff reports it; we just reconnect.
      } finally {
        connection = null;
      }
      if (!running) return;
      attempt += 1;
      await waits.wait(streamReconnectMs(attempt, tuning, deps.random));
    }
  }

  return {
    start() {
      running = true;
      loop ??= run().finally(() => {
        loop = null;
      });
    },
    stop() {
      running = false;
      waits.wake();
      connection?.abort();
    },
    drop: () => connection?.abort(),
    wake: () => waits.wake(),
  };
}
