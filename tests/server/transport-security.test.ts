import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:https';
import { connect, type TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/main.js';
import { startTestServer, targets, type TestServer } from './harness.js';

const root = join(import.meta.dirname, '../..');

function selfSignedCert(dir: string, kind: 'rsa' | 'ec'): { cert: string; key: string } {
  const key = join(dir, `tls-${kind}-key.pem`);
  const cert = join(dir, `tls-${kind}-cert.pem`);
  const alg = kind === 'rsa' ? ['-newkey', 'rsa:2048'] : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];
  execFileSync('openssl', ['req', '-x509', ...alg, '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') };
}

/** A real TLS handshake offering only `ciphers` (OpenSSL names); resolves with what was agreed, or the failure. */
function handshake(url: string, ca: string, opts: { ciphers: string; maxVersion?: 'TLSv1.2' | 'TLSv1.3'; minVersion?: 'TLSv1.2' | 'TLSv1.3' }): Promise<{ ok: true; cipher: string; version: string } | { ok: false; error: string }> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket: TLSSocket = connect({ host: u.hostname, port: Number(u.port), ca, servername: undefined, ...opts });
    socket.once('secureConnect', () => {
      resolve({ ok: true, cipher: socket.getCipher().standardName, version: socket.getProtocol() ?? '' });
      socket.end();
    });
    socket.once('error', (e) => resolve({ ok: false, error: e.message }));
  });
}

/**
 * The same with the openssl command-line client. Asynchronous: the server answers from this
 * very process. Resolves with the cipher agreed, or null when the handshake failed.
 */
function opensslCipher(url: string, args: string[]): Promise<string | null> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const child = spawn('openssl', ['s_client', '-connect', `${u.hostname}:${u.port}`, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const timer = setTimeout(() => child.kill(), 10_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      const m = /Cipher is (\S+)/.exec(out);
      resolve(code === 0 && m && m[1] !== '(NONE)' ? m[1]! : null);
    });
  });
}

describe.each(targets)('TLS, HSTS and permissions on $name', (target) => {
  let ts: TestServer;
  let certDir: string;
  let rsa: { cert: string; key: string };
  beforeAll(async () => {
    certDir = mkdtempSync(join(tmpdir(), 'tiepnhan-tls-'));
    rsa = selfSignedCert(certDir, 'rsa');
    // RSA certificate: with it, plain-RSA key exchange suites (no forward secrecy) would be possible.
    ts = await startTestServer(target, { tls: rsa, adminToken: undefined });
  });
  afterAll(async () => {
    await ts?.destroy();
    rmSync(certDir, { recursive: true, force: true });
  });

  it('refuses TLS 1.2 suites without forward secrecy or without AEAD, and takes ECDHE-AEAD and TLS 1.3', async () => {
    for (const ciphers of ['AES128-GCM-SHA256', 'AES256-SHA256', 'AES128-SHA', 'ECDHE-RSA-AES128-SHA256', 'ECDHE-RSA-AES256-SHA', 'DHE-RSA-AES128-GCM-SHA256']) {
      const r = await handshake(ts.url, rsa.cert, { ciphers, maxVersion: 'TLSv1.2' });
      expect(r, ciphers).toEqual({ ok: false, error: expect.stringMatching(/handshake failure|no cipher/i) });
    }
    expect(await handshake(ts.url, rsa.cert, { ciphers: 'ECDHE-RSA-AES128-GCM-SHA256', maxVersion: 'TLSv1.2' })).toEqual({
      ok: true,
      cipher: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
      version: 'TLSv1.2',
    });
    expect(await handshake(ts.url, rsa.cert, { ciphers: 'ECDHE-RSA-CHACHA20-POLY1305', maxVersion: 'TLSv1.2' })).toMatchObject({ ok: true, version: 'TLSv1.2' });
    expect(await handshake(ts.url, rsa.cert, { ciphers: 'TLS_AES_256_GCM_SHA384', minVersion: 'TLSv1.3' })).toMatchObject({ ok: true, version: 'TLSv1.3' });
    // TLS 1.1 and older are not spoken at all.
    expect(await opensslCipher(ts.url, ['-tls1_1'])).toBeNull();
    expect(await opensslCipher(ts.url, ['-tls1_2', '-cipher', 'AES128-GCM-SHA256'])).toBeNull();
    expect(await opensslCipher(ts.url, ['-tls1_2', '-cipher', 'ECDHE-RSA-AES256-GCM-SHA384'])).toBe('ECDHE-RSA-AES256-GCM-SHA384');
  });

  it('sends HSTS over HTTPS', async () => {
    const res = await new Promise<{ status: number; hsts: string | undefined }>((resolve, reject) => {
      request(ts.url + '/health', { ca: rsa.cert }, (r) => {
        r.resume();
        resolve({ status: r.statusCode ?? 0, hsts: r.headers['strict-transport-security'] as string | undefined });
      })
        .on('error', reject)
        .end();
    });
    expect(res).toEqual({ status: 200, hsts: 'max-age=63072000' });
  });

  it('listens on 127.0.0.1 unless told otherwise', () => {
    expect(new URL(ts.url).hostname).toBe('127.0.0.1');
  });

  it('keeps its data, pg, blobs and tus folders 0700 and the admin token 0600', () => {
    const dirs = ['', 'blobs', 'blobs/tmp', 'tus', ...(target.name === 'pglite' ? ['pg'] : [])];
    for (const d of dirs) expect((statSync(join(ts.dataDir, d)).mode & 0o777).toString(8), d || 'data').toBe('700');
    expect((statSync(join(ts.dataDir, 'admin-token')).mode & 0o777).toString(8)).toBe('600');
  });
});

describe('plain HTTP server', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer(targets[0]!, { adminToken: undefined });
  });
  afterAll(async () => ts?.destroy());

  it('sends no HSTS over plain HTTP (RFC 6797: only over a secure transport)', async () => {
    const res = await fetch(ts.url + '/health');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('rotates the admin token by the API and by the CLI: the old token is refused at once', async () => {
    const file = join(ts.dataDir, 'admin-token');
    const first = readFileSync(file, 'utf8').trim();
    const asAdmin = (token: string) => fetch(ts.url + '/admin/api/branches', { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
    expect(await asAdmin(first)).toBe(200);
    const rotated = await fetch(ts.url + '/admin/api/admin-token/rotate', { method: 'POST', headers: { authorization: `Bearer ${first}`, 'content-type': 'application/json' }, body: '{}' });
    expect(rotated.status).toBe(200);
    const { token: second } = (await rotated.json()) as { token: string };
    expect(second).not.toBe(first);
    expect(await asAdmin(first)).toBe(401);
    expect(await asAdmin(second)).toBe(200);
    expect(readFileSync(file, 'utf8').trim()).toBe(second);
    expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
    expect(readdirSync(ts.dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    // The CLI, while this server runs (as on another instance sharing the folder).
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'src-server/main.ts'), 'rotate-admin-token', '--data', ts.dataDir], { encoding: 'utf8', env: { ...process.env, TIEPNHAN_ADMIN_TOKEN: '' } });
    const third = readFileSync(file, 'utf8').trim();
    expect(out).toContain(third);
    expect(await asAdmin(second)).toBe(401);
    expect(await asAdmin(third)).toBe(200);
    const events = await fetch(ts.url + '/admin/api/security-events?kind=admin_token_rotated', { headers: { authorization: `Bearer ${third}` } });
    expect(((await events.json()) as unknown[]).length).toBe(1);
  });

  it('refuses to rotate a token given by the environment', async () => {
    const fixed = await startTestServer(targets[0]!);
    try {
      expect((await fixed.admin('/admin-token/rotate', 'POST', {})).status).toBe(409);
      expect((await fixed.admin('/branches')).status).toBe(200);
    } finally {
      await fixed.destroy();
    }
  });
});

describe('tiepnhan server (the CLI)', () => {
  it('--help lists its options, and the desk CLI lists them too', () => {
    const help = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'src-server/main.ts'), '--help'], { encoding: 'utf8' });
    for (const flag of ['--host', '--tls-cert', '--trust-proxy', '--reserved-quota-gb', '--stored-quota-gb', 'rotate-admin-token', '127.0.0.1']) expect(help).toContain(flag);
  });

  it('is listed with its options by `tiepnhan --help`', async () => {
    const lines: string[] = [];
    expect(await runCli(['--help'], { out: (l) => lines.push(l) })).toBe(0);
    const desk = lines.join('\n');
    expect(desk).toMatch(/^ {2}tiepnhan server --port 8443/m);
    for (const flag of ['--host', '--tls-cert', '--stored-quota-gb', 'rotate-admin-token']) expect(desk).toContain(flag);
  });

  it('creates every file of its data folder for its own user only, and binds 127.0.0.1 by default', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tiepnhan-cli-server-'));
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src-server/main.ts'), '--port', '0', '--data', dataDir], {
      env: { ...process.env, TIEPNHAN_ADMIN_TOKEN: '', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.includes('Trang quản trị')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      expect(out).toMatch(/đang chạy: http:\/\/127\.0\.0\.1:\d+/);
      // Paths another user could open: any folder or file with group/other bits.
      const loose = (filesToo: (path: string) => boolean) => {
        const found: string[] = [];
        const walk = (dir: string) => {
          for (const e of readdirSync(dir, { withFileTypes: true })) {
            const p = join(dir, e.name);
            const mode = statSync(p).mode & 0o777;
            if ((e.isDirectory() || filesToo(p)) && mode & 0o077) found.push(`${p} ${mode.toString(8)}`);
            if (e.isDirectory()) walk(p);
          }
        };
        walk(dataDir);
        return found;
      };
      expect((statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
      // While it runs, PGlite's own new files may be 0666, but only inside folders no one else can enter.
      expect(loose((p) => !p.startsWith(join(dataDir, 'pg')))).toEqual([]);
      expect(readdirSync(join(dataDir, 'pg')).length).toBeGreaterThan(5);
      child.kill('SIGTERM');
      expect(await new Promise((r) => child.once('exit', r))).toBe(0);
      expect(loose(() => true)).toEqual([]);
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
