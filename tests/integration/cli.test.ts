import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/open.js';
import { ensureMainBuilt, repoRoot } from '../helpers/built-main.js';
import { makeCore, setUpDesk } from '../helpers/core.js';

const root = repoRoot;
const bin = join(root, 'bin', 'tiepnhan.js');
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

type Run = { code: number | null; stdout: string; stderr: string };
function tiepnhan(args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};

beforeAll(() => ensureMainBuilt(), 120_000);
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('tiepnhan CLI', () => {
  it('--help lists every command in Vietnamese and English', () => {
    const r = tiepnhan(['--help']);
    expect(r.code).toBe(0);
    for (const name of ['start', 'web', 'audit-verify', 'migrate', 'diagnostics', 'version']) expect(r.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(r.stdout).toContain('Lệnh / Commands');
    expect(r.stdout).toContain('Kiểm tra chuỗi băm');
    expect(r.stdout).toContain('Verify the audit log hash chain');
    // The provincial server runs through the same launcher: its options are listed too.
    expect(r.stdout).toMatch(/^ {2}tiepnhan server --port 8443/m);
    for (const flag of ['--host', '--tls-cert', '--trust-proxy', 'rotate-admin-token']) expect(r.stdout).toContain(flag);
    expect(tiepnhan(['version']).stdout.trim()).toBe(version);
  });

  it('rejects an unknown command or option with exit code 2', () => {
    const r = tiepnhan(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Lệnh không tồn tại');
    expect(tiepnhan(['diagnostics', '--nope']).code).toBe(2);
  });

  it('migrate creates the database at the latest schema version and the doctor reports it', () => {
    const dataDir = tempDir('tiepnhan-cli-');
    const migrationCount = readdirSync(join(root, 'migrations')).filter((f) => f.endsWith('.sql')).length;
    const m = tiepnhan(['migrate'], { TIEPNHAN_DATA_DIR: dataDir });
    expect(m.code).toBe(0);
    expect(m.stdout).toContain(`Schema version: ${migrationCount}`);

    const r = tiepnhan(['doctor', '--json', '--quick'], { TIEPNHAN_DATA_DIR: dataDir, TIEPNHAN_MACHINE_CONFIG: '' });
    const d = JSON.parse(r.stdout) as { version: string; ok: boolean; checks: { id: string; status: string; data?: Record<string, unknown> }[] };
    expect(d.version).toBe(version);
    const v = d.checks.find((c) => c.id === 'version')!;
    expect(v).toMatchObject({ status: 'ok', data: { schemaVersion: migrationCount, appSchemaVersion: migrationCount, node: process.versions.node } });
    expect(d.checks.find((c) => c.id === 'database')?.status).toBe('ok');
    // A fresh desk is neither enrolled nor backed up: problems, so exit code 1.
    expect(d.ok).toBe(false);
    expect(r.code).toBe(1);
    expect(tiepnhan(['diagnostics', '--quick'], { TIEPNHAN_DATA_DIR: dataDir, TIEPNHAN_MACHINE_CONFIG: '' }).stdout).toContain('[  OK  ] Cơ sở dữ liệu (integrity_check): Nguyên vẹn');
  });

  it('audit-verify exits 0 on an intact chain and 1 once a row is altered', async () => {
    const dataDir = tempDir('tiepnhan-cli-');
    const core = makeCore(undefined, dataDir);
    await setUpDesk(core);
    await core.close();

    const ok = tiepnhan(['audit-verify', '--json'], { TIEPNHAN_DATA_DIR: dataDir });
    expect(ok.code).toBe(0);
    const good = JSON.parse(ok.stdout) as { valid: boolean; entries: number };
    expect(good.valid).toBe(true);
    expect(good.entries).toBeGreaterThan(0);

    // Someone with the database file bypasses the append-only triggers and edits history.
    const db = openDatabase(join(dataDir, 'tiepnhan.sqlite'), { migrationsDir: join(root, 'migrations') });
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET details = '{\"forged\":true}' WHERE seq = (SELECT MIN(seq) FROM audit_log)").run();
    db.close();
    const bad = tiepnhan(['audit-verify'], { TIEPNHAN_DATA_DIR: dataDir });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('Audit chain broken');

    expect(tiepnhan(['audit-verify'], { TIEPNHAN_DATA_DIR: tempDir('tiepnhan-empty-') }).code).toBe(1);
  });

  it('names the bad key of a broken config.json', () => {
    const dataDir = tempDir('tiepnhan-cli-');
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ port: 'eighty' }));
    const r = tiepnhan(['web'], { TIEPNHAN_DATA_DIR: dataDir, TIEPNHAN_NO_BROWSER: '1', TIEPNHAN_RENDERER_DIR: rendererDir() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"port"');
    expect(r.stdout).toBe('');
    expect(existsSync(join(dataDir, 'instance.lock'))).toBe(false);
  });
});

function rendererDir(): string {
  const d = tempDir('tiepnhan-renderer-');
  writeFileSync(join(d, 'index.html'), '<!doctype html><title>TiepNhan test page</title>');
  return d;
}

describe('tiepnhan start without Electron', () => {
  it('prints one line, serves the page behind the token, refuses a second instance and stops on SIGTERM', async () => {
    // A fresh machine: the data folder does not exist yet.
    const dataDir = join(tempDir('tiepnhan-start-'), 'TiepNhan', 'data');
    const env = { ...process.env, TIEPNHAN_DATA_DIR: dataDir, TIEPNHAN_PORT: '0', TIEPNHAN_NO_BROWSER: '1', TIEPNHAN_RENDERER_DIR: rendererDir() };
    const child = spawn(process.execPath, [bin, 'start'], { env });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    const firstLine = new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        if (stdout.includes('\n')) resolve(stdout.split('\n')[0] ?? '');
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const line = await firstLine;
      const match = /^TiepNhan is running at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{43}))$/.exec(line);
      expect(match, line).not.toBeNull();
      const [, url = '', port = ''] = match ?? [];
      expect(Number(port)).toBeGreaterThan(0);

      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('TiepNhan test page');
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(401);

      // The same data folder cannot get a second app (web host or Electron) while this one runs.
      const second = execFileSafe([bin, 'web'], env);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain('đang chạy');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(dataDir, 'instance.lock'))).toBe(false);
  });
});

function execFileSafe(args: string[], env: NodeJS.ProcessEnv): Run {
  try {
    const stdout = execFileSync(process.execPath, args, { env, encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'] });
    return { code: 0, stdout, stderr: '' };
  } catch (error) {
    const e = error as { status: number | null; stdout: string; stderr: string };
    return { code: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}
