import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../src-main/kernel/clock.js';
import { silentLogger } from '../../src-main/kernel/logger.js';
import { openPageStore } from '../../src-main/pages/page-store.js';
import { passBackoffMs, streamReconnectMs } from '../../src-main/sync/backoff.js';
import type { CredentialStore } from '../../src-main/sync/credential-store.js';
import { createSyncEngine } from '../../src-main/sync/sync-engine.js';
import { setState } from '../../src-main/sync/sync-repo.js';
import { resolveTuning } from '../../src-main/sync/sync-tuning.js';
import { BASE_URL, eventStream, fakeTransport, json, manualTimers, settle, type FakeRequest } from '../helpers/fake-transport.js';
import { scratchDb } from '../helpers/scratch-db.js';

/**
 * The engine's state machine (sync-engine.ts) on a fake server and hand-run timers: one pass
 * at a time, backoff after a failure, and what a nudge does in backoff.
 */
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const tuning = { backoffBaseMs: 1_000, backoffMaxMs: 60_000, idleIntervalMs: 3_600_000, streamSilenceMs: 60_000, liveStream: true };
const random = () => 0.5;
const credentials: CredentialStore = { encrypted: false, load: () => 'secret', save: () => undefined, clear: () => undefined };

/** An enrolled desk's engine against a fake server that is down until `server.up = true`. */
function setUp(liveStream = true) {
  const s = scratchDb();
  s.migrate();
  const dir = mkdtempSync(join(tmpdir(), 'tiepnhan-engine-'));
  cleanups.push(() => {
    s.close();
    rmSync(dir, { recursive: true, force: true });
  });
  setState(s.db, 'config', { serverUrl: BASE_URL, deviceId: 'device-1', receptionPoint: { id: 'p', code: '000.00.53.H48', name: 'UBND xã' } });
  const server = { up: false, pullFails: false, streams: [] as ReturnType<typeof eventStream>[] };
  const t = fakeTransport((req: FakeRequest) => {
    if (!server.up) throw new TypeError('fetch failed'); // connection refused
    if (req.path === '/health') return json({ ok: true, version: '0.1.0', database: 'pglite' });
    if (req.path === '/sync/dossiers/pull') return server.pullFails ? json({ error: { code: 'INTERNAL', message: 'x' } }, 500) : json({ documents: [], checkpoint: { seq: 0 } });
    if (req.path === '/sync/dossiers/stream') {
      const st = eventStream(req.signal);
      server.streams.push(st);
      return st.response;
    }
    return null;
  });
  const m = manualTimers();
  const engine = createSyncEngine({
    db: s.db,
    clock: manualClock('2026-03-02T09:00:00+07:00'),
    store: openPageStore(join(dir, 'pages')),
    credentials,
    fetch: t.fetch,
    timers: m.timers,
    random,
    logger: silentLogger,
    tuning: resolveTuning({ ...tuning, liveStream }),
  });
  cleanups.push(() => void engine.stop());
  return { s, server, t, m, engine, health: () => t.of('GET', '/health').length, pulls: () => t.of('GET', '/sync/dossiers/pull').length };
}

const backoff1 = passBackoffMs(1, tuning, random);
const reconnect1 = streamReconnectMs(1, tuning, random);

describe('sync engine', () => {
  it('runs one pass at a time: a second call joins the pass under way, and a pass follows it at once', async () => {
    const { server, engine, m, health } = setUp(false);
    server.up = true;
    engine.start();
    expect(m.fire(0)).toBe(1);
    const again = engine.syncOnce(); // joins
    const r = await again;
    expect(health()).toBe(1);
    expect(r).toMatchObject({ ok: true, state: 'idle' });
    // The joined call asked for another pass: it is due now, not after the idle interval.
    expect(m.delays()).toEqual([0]);
  });

  it('after a failure it waits the backoff, and a nudge does not cut it short', async () => {
    const { engine, m } = setUp(false);
    engine.start();
    m.fire(0);
    await settle();
    expect(engine.state()).toBe('backoff');
    expect(m.delays()).toEqual([backoff1]);
    engine.nudge();
    expect(m.delays()).toEqual([backoff1]);
  });

  it('a nudge in backoff runs a pass at once when the live stream has come back since the failure', async () => {
    const { server, engine, m, pulls } = setUp();
    engine.start();
    m.fire(0); // the first pass, and the stream's first attempt: both fail (server down)
    await settle();
    expect(engine.state()).toBe('backoff');
    expect(m.delays().sort((a, b) => a - b)).toEqual([backoff1, reconnect1].sort((a, b) => a - b));
    expect(backoff1).not.toBe(reconnect1);

    // The server is back; the stream reconnects first, and its RESYNC nudges the engine.
    server.up = true;
    m.fire(reconnect1);
    await settle();
    expect(server.streams).toHaveLength(1);
    server.streams[0]!.send('data: "RESYNC"\n\n');
    await settle();
    expect(m.delays()).toContain(0);
    expect(m.delays()).not.toContain(backoff1); // the backoff timer gave way to the pass
    m.fire(0);
    await settle();
    expect(pulls()).toBe(1); // a whole pass ran, long before the backoff was up
    expect(engine.state()).toBe('idle');
  });

  it('a stream that stayed up through a failure does not bypass the backoff (no pass per province change against a failing server)', async () => {
    const { server, engine, m, health } = setUp();
    server.up = true;
    server.pullFails = true;
    engine.start();
    await settle(); // the stream connects
    m.fire(0);
    await settle();
    expect(engine.state()).toBe('backoff');
    expect(health()).toBe(1);
    server.streams[0]!.send('data: {"documents":[],"checkpoint":{"seq":4}}\n\n');
    await settle();
    expect(m.delays()).not.toContain(0);
    expect(m.delays()).toContain(passBackoffMs(1, tuning, random));
  });

  it('pause aborts the pass under way and drops the stream; resume passes at once', async () => {
    const { server, engine, m, health } = setUp();
    server.up = true;
    engine.start();
    await settle();
    await engine.pause();
    expect(engine.state()).toBe('paused');
    expect(server.streams[0]!.aborted).toBe(true);
    expect(m.delays()).not.toContain(0);
    engine.resume();
    expect(engine.state()).toBe('idle');
    expect(m.delays()).toContain(0);
    m.fire(0);
    await settle();
    expect(health()).toBe(1);
  });
});
