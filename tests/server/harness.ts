import { randomBytes, randomUUID, createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrationsDir } from '../../src-server/package-root.js';
import { startServer, type RunningServer, type ServerOptions } from '../../src-server/server.js';
import { loadMigrations, migrate } from '../../src-server/storage/migrate.js';
import { openPgliteDb } from '../../src-server/storage/pglite-db.js';
import type { EnrollResponse, SyncDossier } from '../../src-shared/sync/wire.js';

/**
 * Storage targets: PGlite always; a real PostgreSQL too when TEST_DATABASE_URL is set
 * (tests/server/start-postgres.sh prints one). Each test server on PostgreSQL gets a fresh
 * database of its own, dropped at the end.
 */
export type Target = { name: 'pglite' | 'postgresql'; url?: string };
const pgUrl = process.env.TEST_DATABASE_URL;
if (pgUrl && !/^postgres(ql)?:\/\/\S+$/.test(pgUrl)) {
  throw new Error(`TEST_DATABASE_URL is not a single postgresql:// URL: ${JSON.stringify(pgUrl)}`);
}
export const targets: Target[] = [
  { name: 'pglite' },
  ...(pgUrl ? [{ name: 'postgresql' as const, url: pgUrl }] : []),
];

export const ADMIN_TOKEN = 'test-admin-token-' + randomBytes(8).toString('hex');

export class ManualClock {
  constructor(public t = new Date('2026-03-02T01:00:00.000Z')) {}
  now = (): Date => new Date(this.t);
  advanceHours(h: number): void {
    this.t = new Date(this.t.getTime() + h * 3600_000);
  }
}

export type TestServer = {
  server: RunningServer;
  url: string;
  dataDir: string;
  databaseUrl: string | undefined;
  clock: ManualClock;
  /** Stops the server (keeps its data) and starts it again on the same data. */
  restart(extra?: Partial<ServerOptions>): Promise<void>;
  /** Stops the server and removes its data. */
  destroy(): Promise<void>;
  admin<T = unknown>(path: string, method?: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** Raw SQL against the server's database (PostgreSQL target only; PGlite is owned by the server). */
};

/**
 * Creating a PGlite database (initdb inside WASM) takes seconds on our 2-core machines;
 * opening an existing one well under one. So suites start from a copy of a database made
 * once by the real migration runner, cached per migration set and PGlite version.
 * server-basics.test.ts starts from nothing (`fresh`) so the first-install path stays tested.
 */
async function pgliteTemplate(): Promise<string> {
  const dir = migrationsDir();
  const files = readdirSync(dir).sort();
  const pgliteVersion = (JSON.parse(readFileSync(join(import.meta.dirname, '../../node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }).version;
  const key = sha256(pgliteVersion + files.map((f) => f + readFileSync(join(dir, f), 'utf8')).join('\0')).slice(0, 16);
  const template = join(tmpdir(), `tiepnhan-pglite-template-${key}`);
  if (existsSync(join(template, 'ready'))) return template;
  const work = mkdtempSync(join(tmpdir(), 'tiepnhan-pglite-work-'));
  const db = await openPgliteDb(join(work, 'pg'));
  await migrate(db, loadMigrations(dir));
  await db.close();
  writeFileSync(join(work, 'ready'), '');
  try {
    renameSync(work, template);
  } catch {
    rmSync(work, { recursive: true, force: true }); // another run made it first
  }
  return template;
}

export async function startTestServer(target: Target, extra: Partial<ServerOptions> = {}, how: { fresh?: boolean } = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tiepnhan-server-'));
  if (target.name === 'pglite' && !how.fresh) cpSync(join(await pgliteTemplate(), 'pg'), join(dataDir, 'pg'), { recursive: true });
  const clock = new ManualClock();
  let databaseUrl: string | undefined;
  let dbName: string | undefined;
  if (target.url) {
    dbName = 'tiepnhan_t_' + randomBytes(6).toString('hex');
    await withPg(target.url, (c) => c.query(`CREATE DATABASE ${dbName}`));
    const u = new URL(target.url);
    u.pathname = '/' + dbName;
    databaseUrl = u.toString();
  }
  const options = (more: Partial<ServerOptions>): ServerOptions => ({
    port: 0,
    dataDir,
    databaseUrl,
    adminToken: ADMIN_TOKEN,
    now: clock.now,
    ...extra,
    ...more,
  });
  let server = await startServer(options({}));
  const ts: TestServer = {
    server,
    url: server.url,
    dataDir,
    databaseUrl,
    clock,
    async restart(more = {}) {
      await server.close();
      server = await startServer(options({ ...more, port: Number(new URL(ts.url).port) }));
      ts.server = server;
      ts.url = server.url;
    },
    async destroy() {
      await server.close().catch(() => undefined);
      await settleFileStore();
      rmSync(dataDir, { recursive: true, force: true });
      if (target.url && dbName) await withPg(target.url, (c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
    },
    async admin(path, method = 'GET', body) {
      const res = await fetch(ts.url + '/admin/api' + path, {
        method,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as never };
    },
  };
  return ts;
}

/**
 * @tus/file-store's constructor starts an un-awaited fs.mkdir whose callback throws if the
 * folder vanished meanwhile; give it time to finish before a test removes the data folder.
 */
export const settleFileStore = (): Promise<void> => new Promise((r) => setTimeout(r, 200));

async function withPg<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Runs SQL on the PostgreSQL target's own database. */
export async function pgQuery(databaseUrl: string, sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  return withPg(databaseUrl, (c) => c.query(sql, params));
}

let agencySeq = 0;
/** A fresh reception point with a unique agency code. */
export async function createPoint(ts: TestServer, name = 'UBND phường thử'): Promise<{ id: string; agencyCode: string }> {
  agencySeq += 1;
  const agencyCode = `000.00.${String(10 + agencySeq).padStart(2, '0')}.H${String(40 + (Date.now() % 50)).padStart(2, '0')}`;
  const res = await ts.admin<{ id: string; agencyCode: string }>('/reception-points', 'POST', { agencyCode, name });
  if (res.status !== 201) throw new Error('createPoint failed: ' + JSON.stringify(res.body));
  return res.body;
}

export async function enrollmentCode(ts: TestServer, pointId: string, ttlHours?: number): Promise<string> {
  const res = await ts.admin<{ code: string }>(`/reception-points/${pointId}/enrollment-codes`, 'POST', ttlHours ? { ttlHours } : {});
  if (res.status !== 201) throw new Error('enrollment code failed: ' + JSON.stringify(res.body));
  return res.body.code;
}

export type Desk = EnrollResponse & { auth: string };

export async function enroll(ts: TestServer, pointId: string, deviceName = 'Máy một cửa'): Promise<Desk> {
  const code = await enrollmentCode(ts, pointId);
  const res = await fetch(ts.url + '/enroll', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceName }),
  });
  if (res.status !== 201) throw new Error('enroll failed: ' + (await res.text()));
  const body = (await res.json()) as EnrollResponse;
  return { ...body, auth: `Bearer ${body.deviceId}.${body.credential}` };
}

/** A device request with JSON in and out. */
export async function call<T = unknown>(
  ts: TestServer,
  desk: { auth: string } | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(ts.url + path, {
    method,
    headers: {
      ...(desk ? { authorization: desk.auth } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

export const sha256 = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

const issued = new Map<string, number>();
/**
 * The next code this desk may issue on the clock's first day: its unit, the date, and a number
 * in its slot (slot·1000+1 …), as the server checks (src-server/sync/code-check.ts).
 */
export function nextCode(desk: Pick<Desk, 'deviceId' | 'deskSlot' | 'receptionPoint'>, yymmdd = '260302'): string {
  const n = (issued.get(desk.deviceId) ?? 0) + 1;
  if (n > 999) throw new Error('test desk ran out of codes');
  issued.set(desk.deviceId, n);
  return `${desk.receptionPoint.code}-${yymmdd}-${String(desk.deskSlot * 1000 + n).padStart(4, '0')}`;
}

/** A dossier as `desk` would push it (its code from nextCode unless overridden). */
export function makeDossier(desk: Pick<Desk, 'deviceId' | 'deskSlot' | 'receptionPoint'>, overrides: Partial<SyncDossier> = {}): SyncDossier {
  return {
    id: randomUUID(),
    code: 'code' in overrides ? (overrides.code ?? null) : nextCode(desk),
    fields: { applicant: { fullName: 'Nguyễn Văn An', idNumber: '079090001234' }, procedureCode: '2.000815' },
    pages: [],
    updatedAt: '2026-03-02T01:00:00.000Z',
    _deleted: false,
    ...overrides,
  };
}
