import type { Timers } from '../../src-main/sync/sync-timers.js';
import { createSyncHttp, type FetchLike, type SyncHttp } from '../../src-main/sync/sync-http.js';

/**
 * A fake provincial server for unit tests of the sync steps: every request the desk makes is
 * recorded and answered by the test's `route`. Anything the route does not answer is a 404, so
 * a step asking something unexpected fails loudly.
 */
export type FakeRequest = { method: string; path: string; query: URLSearchParams; body: unknown; signal: AbortSignal | undefined };

export const BASE_URL = 'https://motcua.tinh.example.vn';

export function fakeTransport(route: (req: FakeRequest) => Response | null | Promise<Response | null>): {
  fetch: FetchLike;
  requests: FakeRequest[];
  /** The requests to one method + path, e.g. `of('POST', '/sync/blobs/missing')`. */
  of(method: string, path: string): FakeRequest[];
  http(signal?: AbortSignal): SyncHttp;
} {
  const requests: FakeRequest[] = [];
  const fetch: FetchLike = async (input, init = {}) => {
    const url = new URL(input);
    const raw = init.body;
    const body = typeof raw === 'string' ? JSON.parse(raw) : raw instanceof Uint8Array ? raw : null;
    const req: FakeRequest = { method: init.method ?? 'GET', path: url.pathname, query: url.searchParams, body, signal: init.signal ?? undefined };
    requests.push(req);
    if (init.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    return (await route(req)) ?? json({ error: { code: 'NOT_FOUND', message: 'no such route' } }, 404);
  };
  return {
    fetch,
    requests,
    of: (method, path) => requests.filter((r) => r.method === method && r.path === path),
    http: (signal) => createSyncHttp({ baseUrl: BASE_URL, fetch, auth: () => 'Bearer device.secret', ...(signal ? { signal } : {}) }),
  };
}

export const json = (body: unknown, status = 200): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * An event-stream answer the test writes to chunk by chunk. Like a real fetch body it fails
 * when the request's signal aborts, and `aborted` tells whether the desk cut it.
 */
export function eventStream(signal: AbortSignal | undefined): { response: Response; send(text: string): void; end(): void; readonly aborted: boolean } {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let aborted = false;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  signal?.addEventListener('abort', () => {
    aborted = true;
    controller.error(new DOMException('aborted', 'AbortError'));
  });
  const encoder = new TextEncoder();
  return {
    response: new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
    send: (text) => controller.enqueue(encoder.encode(text)),
    end: () => controller.close(),
    get aborted() {
      return aborted;
    },
  };
}

/** Timers run by hand: each callback is kept with its delay until the test fires it. */
export function manualTimers(): { timers: Timers; pending: Map<number, { fn: () => void; ms: number }>; fire(ms: number): number; delays(): number[] } {
  let next = 1;
  const pending = new Map<number, { fn: () => void; ms: number }>();
  return {
    timers: {
      setTimeout: (fn, ms) => {
        const id = next++;
        pending.set(id, { fn, ms });
        return id;
      },
      clearTimeout: (h) => void pending.delete(h as number),
    },
    pending,
    /** Runs (and removes) the pending timers set with exactly `ms`; returns how many ran. */
    fire(ms) {
      let n = 0;
      for (const [id, t] of [...pending]) {
        if (t.ms !== ms) continue;
        pending.delete(id);
        t.fn();
        n += 1;
      }
      return n;
    },
    delays: () => [...pending.values()].map((t) => t.ms),
  };
}

/** Lets promise callbacks and stream reads that are ready run (no wall-clock wait). */
export const settle = async (rounds = 20): Promise<void> => {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setImmediate(r));
};
