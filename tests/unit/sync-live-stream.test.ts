import { afterEach, describe, expect, it } from 'vitest';
import { streamReconnectMs } from '../../src-main/sync/backoff.js';
import type { CredentialStore } from '../../src-main/sync/credential-store.js';
import { createLiveStream, readEventStream } from '../../src-main/sync/live-stream.js';
import { SyncHttpError } from '../../src-main/sync/sync-http.js';
import { setState } from '../../src-main/sync/sync-repo.js';
import { resolveTuning } from '../../src-main/sync/sync-tuning.js';
import { BASE_URL, eventStream, fakeTransport, json, manualTimers, settle, type FakeRequest } from '../helpers/fake-transport.js';
import { scratchDb } from '../helpers/scratch-db.js';

/**
 * The live stream (live-stream.ts) on a fake server and hand-run timers: one connection read
 * to its end or cut when silent, and the loop that reconnects with backoff.
 */
const SILENCE = 60_000;
const scratch: ReturnType<typeof scratchDb>[] = [];
afterEach(() => {
  for (const s of scratch.splice(0)) s.close();
});

/** A fake server whose stream requests get an event stream the test writes to. */
function streamingServer() {
  const streams: ReturnType<typeof eventStream>[] = [];
  const t = fakeTransport((req: FakeRequest) => {
    if (req.path !== '/sync/dossiers/stream') return null;
    const s = eventStream(req.signal);
    streams.push(s);
    return s.response;
  });
  return { ...t, streams };
}

describe('one connection', () => {
  it('delivers data events, not pings; every chunk re-arms the watchdog; silence for silenceMs cuts it ("silent")', async () => {
    const server = streamingServer();
    const m = manualTimers();
    const events: string[] = [];
    let opened = 0;
    const done = readEventStream(server.http(), { signal: new AbortController().signal, timers: m.timers, silenceMs: SILENCE, onOpen: () => void (opened += 1), onEvent: (e) => events.push(e.data) });
    await settle();
    expect(opened).toBe(1);
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/sync/dossiers/stream' });
    const stream = server.streams[0]!;
    stream.send('data: "RESY');
    stream.send('NC"\n\n: ping\n\n');
    await settle();
    expect(events).toEqual(['"RESYNC"']);
    const armed = [...m.pending.keys()];
    expect(m.delays()).toEqual([SILENCE]);
    stream.send(': ping\n\n');
    await settle();
    // A new watchdog replaced the old one: the ping kept the link alive.
    expect(m.delays()).toEqual([SILENCE]);
    expect([...m.pending.keys()]).not.toEqual(armed);
    expect(events).toHaveLength(1);

    expect(m.fire(SILENCE)).toBe(1);
    expect(await done).toBe('silent');
    expect(stream.aborted).toBe(true);
    expect(m.pending.size).toBe(0);
  });

  it('a server that accepts the connection but never answers is cut by the same watchdog', async () => {
    const t = fakeTransport(
      (req) => new Promise<Response>((_, reject) => req.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    );
    const m = manualTimers();
    let opened = 0;
    const done = readEventStream(t.http(), { signal: new AbortController().signal, timers: m.timers, silenceMs: SILENCE, onOpen: () => void (opened += 1), onEvent: () => undefined });
    await settle();
    m.fire(SILENCE);
    expect(await done).toBe('silent');
    expect(opened).toBe(0);
  });

  it('the server closing the stream is "ended"; a refusal throws with its status', async () => {
    const server = streamingServer();
    const m = manualTimers();
    const opts = { signal: new AbortController().signal, timers: m.timers, silenceMs: SILENCE, onOpen: () => undefined, onEvent: () => undefined };
    const done = readEventStream(server.http(), opts);
    await settle();
    server.streams[0]!.end();
    expect(await done).toBe('ended');
    expect(m.pending.size).toBe(0);

    const refusing = fakeTransport(() => json({ error: { code: 'UNAUTHENTICATED', message: 'revoked' } }, 401));
    await expect(readEventStream(refusing.http(), opts)).rejects.toSatisfy((e) => e instanceof SyncHttpError && e.status === 401);
  });
});

describe('the reconnecting loop', () => {
  const tuning = resolveTuning({ backoffBaseMs: 1_000, backoffMaxMs: 60_000, idleIntervalMs: 3_600_000, streamSilenceMs: SILENCE });
  const credentials: CredentialStore = { encrypted: false, load: () => 'secret', save: () => undefined, clear: () => undefined };

  function setUp(enrolled = true) {
    const s = scratchDb();
    scratch.push(s);
    s.migrate();
    if (enrolled) setState(s.db, 'config', { serverUrl: BASE_URL, deviceId: 'device-1', receptionPoint: { id: 'p', code: '000.00.53.H48', name: 'UBND xã' } });
    const server = streamingServer();
    const m = manualTimers();
    const seen = { opens: 0, changes: 0 };
    const live = createLiveStream({
      db: s.db,
      credentials,
      fetch: server.fetch,
      timers: m.timers,
      random: () => 0.5,
      tuning,
      paused: () => false,
      onOpen: () => void (seen.opens += 1),
      onChange: () => void (seen.changes += 1),
    });
    return { s, server, m, seen, live };
  }

  it('turns each data event into a change, reconnects after a silent link with backoff, and stops', async () => {
    const { server, m, seen, live } = setUp();
    live.start();
    await settle();
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.signal).toBeDefined();
    server.streams[0]!.send('data: "RESYNC"\n\n: ping\n\ndata: {"documents":[],"checkpoint":{"seq":3}}\n\n');
    await settle();
    expect(seen).toEqual({ opens: 1, changes: 2 });

    // The link dies without a word: the watchdog cuts it, the loop waits its backoff, then reconnects.
    m.fire(SILENCE);
    await settle();
    const wait = streamReconnectMs(1, tuning, () => 0.5);
    expect(m.delays()).toEqual([wait]);
    expect(server.requests).toHaveLength(1);
    m.fire(wait);
    await settle();
    expect(server.requests).toHaveLength(2);
    server.streams[1]!.send('data: "RESYNC"\n\n');
    await settle();
    expect(seen).toEqual({ opens: 2, changes: 3 });

    live.stop();
    await settle();
    expect(server.streams[1]!.aborted).toBe(true);
    expect(m.pending.size).toBe(0);
    expect(server.requests).toHaveLength(2);
  });

  it('does not connect before enrollment; wake() ends the wait and it connects once enrolled', async () => {
    const { s, server, m, live } = setUp(false);
    live.start();
    await settle();
    expect(server.requests).toEqual([]);
    expect(m.delays()).toEqual([tuning.idleIntervalMs]);
    setState(s.db, 'config', { serverUrl: BASE_URL, deviceId: 'device-1', receptionPoint: { id: 'p', code: '000.00.53.H48', name: 'UBND xã' } });
    live.wake();
    await settle();
    expect(server.requests).toHaveLength(1);
    live.stop();
    await settle();
  });
});
