import { execFileSync } from 'node:child_process';
import { statSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src-server/server.js';
import { openDb } from '../../src-server/storage/open-db.js';
import { resolveAdminToken } from '../../src-server/auth/admin-token-file.js';
import { ADMIN_TOKEN, pgQuery, startTestServer, targets, type TestServer } from './harness.js';

describe.each(targets)('server basics on $name', (target) => {
  let ts: TestServer;
  beforeAll(async () => {
    // From an empty folder or database: the first-install migration path.
    ts = await startTestServer(target, {}, { fresh: true });
  });
  afterAll(async () => ts?.destroy());

  it('answers /health with its version and database kind', async () => {
    const res = await fetch(ts.url + '/health');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; version: string; database: string };
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(body).toEqual({ ok: true, version: pkg.version, database: target.name });
  });

  it('guards the admin API with the admin token', async () => {
    expect((await fetch(ts.url + '/admin/api/devices')).status).toBe(401);
    const forged = await fetch(ts.url + '/admin/api/devices', { headers: { authorization: 'Bearer not-the-admin-token-at-all' } });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    expect((await ts.admin('/devices')).status).toBe(200);
  });

  it('serves the admin page without any external resource, inline script or inline style', async () => {
    const res = await fetch(ts.url + '/admin');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('lang="vi"');
    expect(html).not.toMatch(/(src|href)="https?:/);
    // The policy allows only this origin's files: markup that slipped through an escape cannot run.
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script>|<style>|\son[a-z]+=/i);
    const [src] = [...html.matchAll(/<script src="([^"]+)"><\/script>/g)].map((m) => m[1]!);
    expect(src).toBe('/admin/admin-page.js');
    const js = await fetch(ts.url + src);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(js.headers.get('content-security-policy')).toBe(csp);
    // The script at least parses (a syntax error would leave the page dead).
    const script = await js.text();
    expect(script).toContain('/admin/api');
    expect(() => new Function(script)).not.toThrow();
    const css = await fetch(ts.url + '/admin/admin-page.css');
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await css.text()).toContain('font-family');
  });

  it('keeps data across a restart (here into HTTPS) and refuses a database from a newer version', async () => {
    const created = await ts.admin<{ id: string }>('/branches', 'POST', { code: 'CN-01', name: 'Chi nhánh Thủ Dầu Một' });
    expect(created.status).toBe(201);
    const tls = selfSignedCert(ts.dataDir);
    await ts.restart({ tls });
    expect(ts.url).toMatch(/^https:\/\//);
    const branches = await httpsGetJson(ts.url + '/admin/api/branches', tls.cert, { authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(branches.status).toBe(200);
    expect((branches.body as Array<{ code: string }>).map((b) => b.code)).toEqual(['CN-01']);
    // Plain HTTP to the HTTPS port gets nothing useful.
    await expect(fetch(ts.url.replace('https:', 'http:') + '/health').then((r) => r.status)).rejects.toThrow();
    await ts.server.close();
    // Stamp a future schema version into the database, as a newer server would.
    if (ts.databaseUrl) {
      await pgQuery(ts.databaseUrl, "INSERT INTO schema_migrations (version, name) VALUES (999, 'future')");
    } else {
      const db = await openDb(ts.dataDir);
      await db.query("INSERT INTO schema_migrations (version, name) VALUES (999, 'future')");
      await db.close();
    }
    await expect(startServer({ port: 0, dataDir: ts.dataDir, databaseUrl: ts.databaseUrl, adminToken: 'x'.repeat(20) })).rejects.toThrow(/newer/);
  });
});

describe('admin token file', () => {
  it('is generated once with mode 0600, reported once, and reused', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tiepnhan-token-'));
    const printed: string[] = [];
    try {
      const token = await resolveAdminToken(dataDir, undefined, (t, file) => printed.push(`${file}: ${t}`));
      expect(token.length).toBeGreaterThanOrEqual(32);
      expect(readFileSync(join(dataDir, 'admin-token'), 'utf8').trim()).toBe(token);
      expect(statSync(join(dataDir, 'admin-token')).mode & 0o777).toBe(0o600);
      expect(printed).toEqual([`${join(dataDir, 'admin-token')}: ${token}`]);
      expect(await resolveAdminToken(dataDir, undefined, (t) => printed.push(t))).toBe(token);
      expect(printed).toHaveLength(1);
      // A given token wins over the file, and a short one is refused.
      expect(await resolveAdminToken(dataDir, 'given-token-0123456789', () => undefined)).toBe('given-token-0123456789');
      await expect(resolveAdminToken(dataDir, 'short', () => undefined)).rejects.toThrow();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

function selfSignedCert(dir: string): { cert: string; key: string } {
  const key = join(dir, 'tls-key.pem');
  const cert = join(dir, 'tls-cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') };
}

function httpsGetJson(url: string, ca: string, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
}
