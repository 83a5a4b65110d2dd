import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { BindAddressError, startWebHost, type WebHost } from '../../src-main/host/web-host.js';
import { makeCore, setUpDesk, type TestCore } from '../helpers/core.js';

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** Raw node:http so the test controls the Host header (fetch forbids setting it). */
function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Resolves with the open socket, or with the HTTP status that refused the upgrade. */
function connect(url: string, options: WebSocket.ClientOptions = {}): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', (e) => reject(e));
  });
}

function openSocket(url: string, options: WebSocket.ClientOptions = {}): Promise<WebSocket> {
  return connect(url, options).then((r) => {
    if (typeof r === 'number') throw new Error(`upgrade refused with ${r}`);
    return r;
  });
}

/** Sends a request and waits for the response with the same id. */
function call(ws: WebSocket, id: number, command: string, input: unknown, sessionToken: string | null = null): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const m = JSON.parse(data.toString()) as { type: string; id?: number; result?: never };
      if (m.type === 'response' && m.id === id) {
        ws.off('message', onMessage);
        resolve(m.result as never);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ type: 'request', id, command, input, sessionToken }));
  });
}

let core: TestCore;
let host: WebHost;
let staticDir: string;

beforeAll(async () => {
  core = makeCore();
  staticDir = mkdtempSync(join(tmpdir(), 'tiepnhan-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>TiepNhan</title>');
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(staticDir, 'assets', 'style.css'), 'body{}');
  // A secret next to (not inside) the static folder, the target of traversal attempts.
  writeFileSync(join(staticDir, '..', 'tiepnhan-secret.txt'), 'secret');
  host = await startWebHost({ core, port: 0, staticDir });
});

afterAll(async () => {
  await host?.close();
  core?.cleanup();
  rmSync(staticDir, { recursive: true, force: true });
  rmSync(join(staticDir, '..', 'tiepnhan-secret.txt'), { force: true });
});

describe('web host access', () => {
  it('prints a loopback URL with a 32-byte token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(Buffer.from(host.token, 'base64url')).toHaveLength(32);
  });

  it('refuses every request without the token with 401', async () => {
    for (const path of ['/', '/health', '/assets/app.js', '/index.html']) {
      const r = await get(host.port, path);
      expect(r.status, path).toBe(401);
      expect(r.body).toContain('Không có quyền');
      expect(r.body).toContain('Unauthorized');
    }
    expect(await connect(`ws://127.0.0.1:${host.port}/ws`)).toBe(401);
  });

  it('refuses a wrong token, in the URL or in the cookie', async () => {
    const wrong = `${host.token.slice(0, -2)}xx`;
    expect((await get(host.port, `/?token=${wrong}`)).status).toBe(401);
    expect((await get(host.port, '/', { cookie: `tiepnhan_token_${host.port}=${wrong}` })).status).toBe(401);
    expect((await get(host.port, '/', { cookie: `tiepnhan_token_${host.port}=` })).status).toBe(401);
    expect(await connect(`ws://127.0.0.1:${host.port}/ws?token=${wrong}`)).toBe(401);
  });

  it('accepts the token in the URL and sets an HttpOnly SameSite=Strict cookie that works alone', async () => {
    const first = await get(host.port, `/?token=${host.token}`);
    expect(first.status).toBe(200);
    expect(first.body).toContain('<title>TiepNhan</title>');
    expect(first.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(first.headers['cache-control']).toBe('no-store');
    const cookie = first.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const pair = cookie.split(';')[0] ?? '';
    expect(pair).toBe(`tiepnhan_token_${host.port}=${host.token}`);

    const second = await get(host.port, '/assets/app.js', { cookie: pair });
    expect(second.status).toBe(200);
    expect(second.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(second.headers['set-cookie']).toBeUndefined();
    expect((await get(host.port, '/assets/style.css', { cookie: pair })).headers['content-type']).toBe('text/css; charset=utf-8');

    const health = await get(host.port, '/health', { cookie: pair });
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ ok: true, version: expect.stringMatching(/^\d+\.\d+\.\d+/) as unknown });
  });

  it('sends the security headers', async () => {
    const r = await get(host.port, `/?token=${host.token}`);
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${host.port} ws://localhost:${host.port}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
  });

  it('refuses a foreign Host header (DNS rebinding), over HTTP and WebSocket', async () => {
    const r = await get(host.port, `/?token=${host.token}`, { host: `evil.example:${host.port}` });
    expect(r.status).toBe(421);
    expect(r.body).not.toContain('TiepNhan</title>');
    expect(await connect(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`, { headers: { host: 'evil.example' } })).toBe(421);
    // localhost:PORT is the same machine and allowed.
    expect((await get(host.port, `/?token=${host.token}`, { host: `localhost:${host.port}` })).status).toBe(200);
  });

  it('refuses a cross-origin WebSocket even with the token', async () => {
    const status = await connect(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`, { origin: 'http://evil.example' });
    expect(status).toBe(403);
    const same = await openSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`, { origin: `http://127.0.0.1:${host.port}` });
    same.close();
  });

  it('serves nothing outside the static folder and 404s unknown paths', async () => {
    const t = `token=${host.token}`;
    for (const path of ['/../tiepnhan-secret.txt', '/%2e%2e/tiepnhan-secret.txt', '/assets/%2e%2e%2f%2e%2e%2ftiepnhan-secret.txt', '/assets/..%5c..%5ctiepnhan-secret.txt', '/%00index.html']) {
      const r = await get(host.port, `${path}?${t}`);
      expect(r.status, path).toBe(404);
      expect(r.body).not.toContain('secret');
    }
    expect((await get(host.port, `/nope.js?${t}`)).status).toBe(404);
    expect((await get(host.port, `/assets?${t}`)).status).toBe(404);
  });

  it('refuses to bind anywhere but 127.0.0.1', async () => {
    await expect(startWebHost({ core, port: 0, staticDir, host: '0.0.0.0' })).rejects.toBeInstanceOf(BindAddressError);
    await expect(startWebHost({ core, port: 0, staticDir, host: '::' })).rejects.toBeInstanceOf(BindAddressError);
  });
});

describe('web host WebSocket contract', () => {
  it('round-trips setup.status with the cookie alone', async () => {
    const ws = await openSocket(`ws://127.0.0.1:${host.port}/ws`, { headers: { cookie: `tiepnhan_token_${host.port}=${host.token}` } });
    const result = await call(ws, 7, 'setup.status', {});
    expect(result.ok).toBe(true);
    expect(result.value).toMatchObject({ needsSetup: expect.any(Boolean) as unknown });
    const unknown = await call(ws, 8, 'no.such.command', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
    ws.close();
  });

  it('survives malformed and oversized messages', async () => {
    const url = `ws://127.0.0.1:${host.port}/ws?token=${host.token}`;
    const bad = await openSocket(url);
    const closed = new Promise<number>((resolve) => bad.once('close', (code) => resolve(code)));
    bad.send('{not json');
    expect(await closed).toBe(1007);

    const shape = await openSocket(url);
    const wrongShape = await new Promise<unknown>((resolve) => {
      shape.once('message', (d) => resolve(JSON.parse(d.toString())));
      shape.send(JSON.stringify({ type: 'request', id: 3, command: 42 }));
    });
    expect(wrongShape).toMatchObject({ type: 'response', id: 3, result: { ok: false, error: { code: 'VALIDATION' } } });
    shape.close();

    const small = await startWebHost({ core, port: 0, staticDir, maxMessageBytes: 1024 });
    try {
      const big = await openSocket(`ws://127.0.0.1:${small.port}/ws?token=${small.token}`);
      const bigClosed = new Promise<number>((resolve) => big.once('close', (code) => resolve(code)));
      big.on('error', () => {});
      big.send(JSON.stringify({ type: 'request', id: 1, command: 'setup.status', input: { pad: 'x'.repeat(4096) }, sessionToken: null }));
      expect(await bigClosed).toBe(1009);
    } finally {
      await small.close();
    }

    // The host still answers afterwards.
    const after = await openSocket(url);
    expect((await call(after, 1, 'setup.status', {})).ok).toBe(true);
    after.close();
  });

  it('forwards events only to sockets subscribed with a signed-in session', async () => {
    const url = `ws://127.0.0.1:${host.port}/ws?token=${host.token}`;
    const signedIn = await openSocket(url);
    const anonymous = await openSocket(url);
    const session = await setUpDesk(core);
    const received = { signedIn: [] as string[], anonymous: [] as string[] };
    signedIn.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { type: string; event?: string };
      if (m.type === 'event') received.signedIn.push(m.event ?? '');
    });
    anonymous.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { type: string; event?: string };
      if (m.type === 'event') received.anonymous.push(m.event ?? '');
    });
    signedIn.send(JSON.stringify({ type: 'subscribe', sessionToken: session }));
    anonymous.send(JSON.stringify({ type: 'subscribe', sessionToken: 'not-a-session' }));
    // A round trip on each socket makes sure the subscribe messages were handled first.
    await call(signedIn, 1, 'setup.status', {});
    await call(anonymous, 1, 'setup.status', {});

    core.events.emit('replication.dossiers', { documents: [], checkpoint: { seq: 1 } } as never);
    await call(signedIn, 2, 'setup.status', {});
    await call(anonymous, 2, 'setup.status', {});
    expect(received.signedIn).toEqual(['replication.dossiers']);
    expect(received.anonymous).toEqual([]);
    signedIn.close();
    anonymous.close();
  });
});
