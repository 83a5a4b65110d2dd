import { chmod, mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Server as HttpsServer } from 'node:https';
import Fastify, { type FastifyHttpsOptions, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { AdminToken } from './auth/admin-token-file.js';
import { CredentialCache } from './auth/credential-cache.js';
import { defaultEnrollLimits, type EnrollLimitPolicy } from './auth/enroll-limiter.js';
import { collectGarbage } from './blobs/blob-gc.js';
import { BlobRecorder } from './blobs/blob-recorder.js';
import { BlobStore } from './blobs/blob-store.js';
import { installErrorHandler } from './http/errors.js';
import { HSTS, tlsOptions } from './http/tls-options.js';
import { migrationsDir, serverVersion } from './package-root.js';
import { pruneLimits } from './repos/enroll-limits-repo.js';
import { pruneSecurityEvents } from './repos/security-events-repo.js';
import { adminPageRoute } from './routes/admin-page.js';
import { adminRoutes } from './routes/admin-routes.js';
import { blobRoutes } from './routes/blob-routes.js';
import { ChangeHub } from './routes/change-hub.js';
import { enrollRoute } from './routes/enroll-route.js';
import { healthRoute } from './routes/health-route.js';
import { syncRoutes } from './routes/sync-routes.js';
import { tusRoutes } from './routes/tus-routes.js';
import type { ServerContext } from './server-context.js';
import { loadMigrations, migrate } from './storage/migrate.js';
import { openDb } from './storage/open-db.js';

/** How long close() lets requests under way finish before cutting their connections. */
const CLOSE_GRACE_MS = 5_000;
const GiB = 1024 ** 3;
/** Security events and idle limiter rows are kept this long. */
const SECURITY_LOG_DAYS = 180;

export type ServerOptions = {
  port: number;
  /** Default 127.0.0.1: this machine only. Anything else is a choice (a reverse proxy is the usual way out). */
  host?: string;
  /** Holds `pg/` (PGlite, unless databaseUrl), `blobs/`, `tus/` and `admin-token`. */
  dataDir: string;
  /** A PostgreSQL server (node-postgres connection string) instead of the embedded PGlite. */
  databaseUrl?: string;
  /** Else TIEPNHAN_ADMIN_TOKEN is not read here (main.ts does), and `<dataDir>/admin-token` is used. */
  adminToken?: string;
  /** PEM contents: serve HTTPS. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /**
   * Fastify's trustProxy: which proxies' X-Forwarded-For to believe for the client address
   * (the enrollment limiter counts per address). Default none: the socket's peer.
   */
  trustProxy?: boolean | string;
  /** JSON request bodies (push batches); default 8 MiB. */
  jsonBodyLimit?: number;
  /** One blob, by PUT or tus; default 512 MiB. */
  blobMaxBytes?: number;
  /** Per device: unfinished uploads (default 4 GiB) and stored pages (default 200 GiB). */
  quotas?: { reservedBytes?: number; storedBytes?: number };
  /** Pages no dossier of their point lists are collected after this long; default 48 h. */
  unreferencedGraceHours?: number;
  /** Lifetime of an enrollment code; default 24 h. */
  enrollmentTtlHours?: number;
  /** Guess limits of POST /enroll (enroll-limiter.ts). */
  enrollLimits?: Partial<EnrollLimitPolicy>;
  /** Injected clock (tests); default the system clock. */
  now?: () => Date;
  /** Fastify's logger option; default off. */
  logger?: FastifyServerOptions['logger'];
  /** Where the one-time notice of a generated admin token goes; default stdout. */
  print?: (line: string) => void;
};

export type RunningServer = {
  url: string;
  close(): Promise<void>;
  /** For tests and the CLI: which storage is in use. */
  database: 'pglite' | 'postgresql';
};

/** The data folder and its parts are the server user's alone (page images are personal data). */
async function privateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const print = opts.print ?? ((line: string) => process.stdout.write(line + '\n'));
  const now = opts.now ?? (() => new Date());
  await privateDir(opts.dataDir);
  const blobs = new BlobStore(join(opts.dataDir, 'blobs'));
  await privateDir(blobs.root);
  await blobs.init();
  // @tus/file-store creates its folder without awaiting; make it exist before.
  await privateDir(join(opts.dataDir, 'tus'));
  if (!opts.databaseUrl) await privateDir(join(opts.dataDir, 'pg'));
  const adminToken = await AdminToken.open(opts.dataDir, opts.adminToken, (token, file) => {
    print(`Mã quản trị (admin token), chỉ hiện một lần, đã lưu ở ${file}:\n  ${token}`);
  });
  const db = await openDb(opts.dataDir, opts.databaseUrl);
  let app: FastifyInstance | null = null;
  let hub: ChangeHub | null = null;
  try {
    await migrate(db, loadMigrations(migrationsDir()));
    hub = new ChangeHub(db);
    await hub.start();
    const ctx: ServerContext = {
      db,
      blobs,
      recorder: new BlobRecorder(db, blobs, now),
      credentials: new CredentialCache(db.kind === 'pglite'),
      lastTouched: new Map(),
      hub,
      adminToken,
      now,
      limits: {
        jsonBodyBytes: opts.jsonBodyLimit ?? 8 * 1024 * 1024,
        blobMaxBytes: opts.blobMaxBytes ?? 512 * 1024 * 1024,
        enrollmentTtlHours: opts.enrollmentTtlHours ?? 24,
        quotas: { reservedBytes: opts.quotas?.reservedBytes ?? 4 * GiB, storedBytes: opts.quotas?.storedBytes ?? 200 * GiB },
        unreferencedGraceMs: (opts.unreferencedGraceHours ?? 48) * 3600_000,
        enroll: { ...defaultEnrollLimits, ...opts.enrollLimits },
      },
      version: serverVersion(),
    };
    const common: FastifyServerOptions = { logger: opts.logger ?? false, bodyLimit: ctx.limits.jsonBodyBytes, trustProxy: opts.trustProxy ?? false };
    // Fastify's types differ for HTTP and HTTPS instances; the routes use neither's specifics.
    app = (opts.tls ? Fastify({ ...common, https: tlsOptions(opts.tls) } as FastifyHttpsOptions<HttpsServer>) : Fastify(common)) as unknown as FastifyInstance;
    app.decorateRequest('device', null);
    if (opts.tls) app.addHook('onRequest', async (_request, reply) => void reply.header('strict-transport-security', HSTS));
    installErrorHandler(app);
    healthRoute(app, ctx);
    enrollRoute(app, ctx);
    syncRoutes(app, ctx);
    blobRoutes(app, ctx);
    const { tus, removeUpload } = tusRoutes(app, ctx, opts.dataDir);
    adminRoutes(app, ctx, removeUpload);
    adminPageRoute(app);
    // Open SSE streams would keep close() waiting forever.
    const liveHub = hub;
    app.addHook('preClose', async () => liveHub.stop());
    // At start and then hourly: abandoned uploads and unreferenced pages are collected, old
    // security events pruned. A failure is retried at the next round.
    const sweep = () =>
      void (async () => {
        await collectGarbage({ db, blobs, now, graceMs: ctx.limits.unreferencedGraceMs, removeUpload });
        await tus.cleanUpExpiredUploads();
        const old = new Date(now().getTime() - SECURITY_LOG_DAYS * 86_400_000);
        await pruneSecurityEvents(db, old);
        await pruneLimits(db, old, now());
      })().catch((err: unknown) => app?.log.warn({ err }, 'sweep failed'));
    const sweeper = setInterval(sweep, 3600_000);
    sweeper.unref();
    app.addHook('onClose', async () => clearInterval(sweeper));
    await app.listen({ port: opts.port, host: opts.host ?? '127.0.0.1' });
    sweep();
    const address = app.server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `${opts.tls ? 'https' : 'http'}://${host}:${address.port}`;
    const running = app;
    let closing: Promise<void> | null = null;
    return {
      url,
      database: db.kind,
      close() {
        closing ??= (async () => {
          // Requests under way get a grace period to finish; a client that hangs (a stalled
          // upload, a dead link) must not keep the server from stopping.
          const force = setTimeout(() => running.server.closeAllConnections(), CLOSE_GRACE_MS);
          try {
            await running.close();
          } finally {
            clearTimeout(force);
          }
          await db.close();
        })();
        return closing;
      },
    };
  } catch (err) {
    await hub?.stop().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw err;
  }
}
