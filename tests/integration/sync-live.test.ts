import { createServer, request, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { proxyFromEnv } from '../../src-main/sync/proxy-fetch.js';
import { addDossier, distinctPngs } from '../helpers/desk-dossiers.js';
import { closeDesks, enrollDesk, makeDesk, type TestDesk } from '../helpers/desk.js';
import { startTestServer, targets, type TestServer } from '../server/harness.js';

/**
 * The live stream (a province status change reaches an online desk at once, not at the next
 * periodic pull) and the proxy setting (every request through a loopback CONNECT proxy).
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(targets[0]!);
}, 60_000);
afterAll(async () => server?.destroy());

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await closeDesks();
});

const receivedDossier = async (d: TestDesk, pages: number) => addDossier(d, await distinctPngs(pages));

const stageOf = (d: TestDesk, id: string) => d.sync.status([id]).perDossier[0]!;

describe('live stream', () => {
  it('a status set on the server reaches an online desk through SSE, with no periodic pull due', async () => {
    // The periodic pass is an hour away: only the stream can bring the change in time.
    const d = await makeDesk(server, { sync: { tuning: { liveStream: true, idleIntervalMs: 3600_000, backoffBaseMs: 20, backoffMaxMs: 200 } } });
    await enrollDesk(server, d, { deviceName: 'Máy trực tuyến' });
    const id = await receivedDossier(d, 1);
    d.sync.engine.start();
    await expect.poll(() => stageOf(d, id).stage, { timeout: 15_000 }).toBe('at_province');
    // Let the stream connect (it opens after the first good pass) and the pass settle into its
    // hour-long wait, then count passes from here.
    await new Promise((r) => setTimeout(r, 500));
    await expect.poll(() => (d.sync.engine.nextAttemptAt()?.getTime() ?? 0) - d.core.clock.now().getTime(), { timeout: 10_000 }).toBeGreaterThan(3000_000);
    const passesBefore = d.sync.engine.metrics.passes;

    const set = await server.admin(`/dossiers/${id}/status`, 'POST', { status: 'supplement_requested', note: 'Thiếu bản sao sổ hộ khẩu' });
    expect(set.status).toBe(200);
    await expect.poll(() => stageOf(d, id).province?.status, { timeout: 5_000 }).toBe('supplement_requested');
    expect(stageOf(d, id).province?.note).toBe('Thiếu bản sao sổ hộ khẩu');
    expect(d.sync.engine.metrics.passes).toBeGreaterThan(passesBefore);
  }, 40_000);
});

/**
 * A tiny forward proxy: CONNECT tunnels and absolute-form HTTP, counting what passes. The test
 * server speaks plain HTTP, so the request lines inside a tunnel can be read too (`tunnelled`).
 */
async function startProxy(): Promise<{ url: string; connects: string[]; forwarded: string[]; tunnelled: string[]; close(): Promise<void> }> {
  const connects: string[] = [];
  const forwarded: string[] = [];
  const tunnelled: string[] = [];
  const sockets = new Set<Socket>();
  const proxy: Server = createServer((req, res) => {
    forwarded.push(`${req.method} ${req.url}`);
    const target = new URL(req.url!);
    const up = request({ host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode!, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  proxy.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  proxy.on('connect', (req, client: Socket, head) => {
    connects.push(req.url!);
    client.on('data', (b: Buffer) => {
      for (const m of b.toString('latin1').matchAll(/^(GET|HEAD|POST|PUT|PATCH|DELETE) (\S+) HTTP\/1\.1\r$/gm)) tunnelled.push(`${m[1]} ${m[2]}`);
    });
    const [host, port] = req.url!.split(':');
    const up = connect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.write(head);
      up.pipe(client);
      client.pipe(up);
    });
    sockets.add(up);
    up.on('close', () => sockets.delete(up));
    up.on('error', () => client.destroy());
    client.on('error', () => up.destroy());
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  const port = (proxy.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    connects,
    forwarded,
    tunnelled,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        proxy.close(() => r());
      }),
  };
}

describe('proxy', () => {
  it('with the proxyUrl option, enrollment, push, page uploads (PUT and tus) and pull all go through the proxy', async () => {
    const proxy = await startProxy();
    cleanups.push(() => proxy.close());
    // Threshold 0: every page goes by tus (resumable), in PATCHes of 100 bytes.
    const d = await makeDesk(server, { sync: { tuning: { liveStream: false, backoffBaseMs: 10, backoffMaxMs: 50, tusThresholdBytes: 0, tusChunkBytes: 100 } } });
    d.sync.setOptions({ proxyUrl: proxy.url });
    await enrollDesk(server, d, { deviceName: 'Máy sau proxy' });
    const id = await receivedDossier(d, 2);
    const r = await d.sync.engine.syncOnce();
    expect(r).toMatchObject({ ok: true, pushed: 1, uploadedFiles: 2 });
    expect(stageOf(d, id).stage).toBe('at_province');
    const serverHost = new URL(server.url).host;
    const through = [...proxy.connects, ...proxy.forwarded.map((f) => new URL(f.split(' ')[1]!).host)];
    expect(through.length).toBeGreaterThan(0);
    expect(through.every((h) => h === serverHost)).toBe(true);
    // The resumable uploads too: creation (POST /tus) and several PATCHes per page passed the proxy.
    const requests = [...proxy.tunnelled, ...proxy.forwarded.map((f) => f.replace(/ https?:\/\/[^/]+/, ' '))];
    expect(requests.filter((r) => r === 'POST /tus')).toHaveLength(2);
    expect(requests.filter((r) => r.startsWith('PATCH /tus/')).length).toBeGreaterThan(2);
    expect(requests.some((r) => r.startsWith('PUT /blobs/'))).toBe(false);

    // The proxy gone: the desk cannot reach the server any more, which shows it never went direct.
    await proxy.close();
    const offline = await d.sync.engine.syncOnce();
    expect(offline.ok).toBe(false);
    expect(offline.error).toContain('Không kết nối được máy chủ tỉnh');
  }, 30_000);

  it('reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY and never proxies loopback', () => {
    const env = { HTTPS_PROXY: 'http://proxy.xa.vn:3128', HTTP_PROXY: 'http://p2:8080', NO_PROXY: '.noi-bo.vn,so.tinh.vn' };
    expect(proxyFromEnv('https://motcua.tinh.gov.vn', env)).toBe('http://proxy.xa.vn:3128');
    expect(proxyFromEnv('http://motcua.tinh.gov.vn', env)).toBe('http://p2:8080');
    expect(proxyFromEnv('https://a.noi-bo.vn', env)).toBeNull();
    expect(proxyFromEnv('https://so.tinh.vn', env)).toBeNull();
    expect(proxyFromEnv('https://127.0.0.1:8443', env)).toBeNull();
    expect(proxyFromEnv('https://motcua.tinh.gov.vn', {})).toBeNull();
  });
});
