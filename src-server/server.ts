import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Server as HttpsServer } from 'node:https';
import Fastify, { type FastifyHttpsOptions, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { resolveAdminToken } from './auth/admin-token-file.js';
import { CredentialCache } from './auth/credential-cache.js';
import { sha256Hex } from './auth/secrets.js';
import { BlobRecorder } from './blobs/blob-recorder.js';
import { BlobStore } from './blobs/blob-store.js';
import { installErrorHandler } from './http/errors.js';
import { migrationsDir, serverVersion } from './package-root.js';
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

export type ServerOptions = {
  port: number;
  host?: string;
  /** Holds `pg/` (PGlite, unless databaseUrl), `blobs/`, `tus/` and `admin-token`. */
  dataDir: string;
  /** A PostgreSQL server (node-postgres connection string) instead of the embedded PGlite. */
  databaseUrl?: string;
  /** Else TIEPNHAN_ADMIN_TOKEN is not read here (main.ts does), and `<dataDir>/admin-token` is used. */
  adminToken?: string;
  /** PEM contents: serve HTTPS. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** JSON request bodies (push batches); default 8 MiB. */
  jsonBodyLimit?: number;
  /** One blob, by PUT or tus; default 512 MiB. */
  blobMaxBytes?: number;
  /** Lifetime of an enrollment code; default 24 h. */
  enrollmentTtlHours?: number;
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
  /** For tests and the CLI: which storage is in use and the admin token in force. */
  database: 'pglite' | 'postgresql';
  adminToken: string;
};

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const print = opts.print ?? ((line: string) => process.stdout.write(line + '\n'));
  await mkdir(opts.dataDir, { recursive: true });
  const blobs = new BlobStore(join(opts.dataDir, 'blobs'));
  await blobs.init();
  // @tus/file-store creates its folder without awaiting; make it exist before.
  await mkdir(join(opts.dataDir, 'tus'), { recursive: true });
  const adminToken = await resolveAdminToken(opts.dataDir, opts.adminToken, (token, file) => {
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
      recorder: new BlobRecorder(db, opts.now ?? (() => new Date())),
      credentials: new CredentialCache(db.kind === 'pglite'),
      lastTouched: new Map(),
      hub,
      adminTokenHash: sha256Hex(adminToken),
      now: opts.now ?? (() => new Date()),
      limits: {
        jsonBodyBytes: opts.jsonBodyLimit ?? 8 * 1024 * 1024,
        blobMaxBytes: opts.blobMaxBytes ?? 512 * 1024 * 1024,
        enrollmentTtlHours: opts.enrollmentTtlHours ?? 24,
      },
      version: serverVersion(),
    };
    const common: FastifyServerOptions = { logger: opts.logger ?? false, bodyLimit: ctx.limits.jsonBodyBytes };
    // Fastify's types differ for HTTP and HTTPS instances; the routes use neither's specifics.
    app = (opts.tls ? Fastify({ ...common, https: { cert: opts.tls.cert, key: opts.tls.key } } as FastifyHttpsOptions<HttpsServer>) : Fastify(common)) as unknown as FastifyInstance;
    app.decorateRequest('device', null);
    installErrorHandler(app);
    healthRoute(app, ctx);
    enrollRoute(app, ctx);
    syncRoutes(app, ctx);
    blobRoutes(app, ctx);
    const tus = tusRoutes(app, ctx, opts.dataDir);
    adminRoutes(app, ctx);
    adminPageRoute(app);
    // Open SSE streams would keep close() waiting forever.
    const liveHub = hub;
    app.addHook('preClose', async () => liveHub.stop());
    // Unfinished uploads older than their expiry are removed at start and then hourly.
    const sweep = () => void tus.cleanUpExpiredUploads().catch(() => undefined);
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
      adminToken,
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
