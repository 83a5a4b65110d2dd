import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { FileStore } from '@tus/file-store';
import { EVENTS, Server as TusServer } from '@tus/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Sha256, TUS_SHA256_METADATA } from '../../src-shared/sync/wire.js';
import { deviceAuth, requireDevice } from '../auth/device-auth.js';
import { envelope } from '../http/errors.js';
import { messages } from '../http/messages.js';
import type { DeviceIdentity } from '../repos/devices-repo.js';
import { finishUpload, forgetUpload, reserveUpload, uploadOwner } from '../repos/uploads-repo.js';
import type { ServerContext } from '../server-context.js';

// Unfinished uploads are kept a week: a desk on a thin link may resume days later.
export const UPLOAD_EXPIRY_MS = 7 * 24 * 3600 * 1000;

type TusRequest = { method: string; runtime?: { node?: { req: IncomingMessage } } };
const refuse = (status: number, ...args: Parameters<typeof envelope>) => ({ status_code: status, body: JSON.stringify(envelope(...args)) });

/**
 * Resumable uploads (tus 1.0) under /tus for large pages and whole-dossier PDFs. The
 * upload's metadata carries `sha256`; when the last byte lands the file is re-hashed and,
 * if it matches, linked into the blob store and recorded for the uploader's point. A
 * mismatch deletes the upload and answers 400.
 *
 * Each upload belongs to the device that created it (table `uploads`): any other device gets
 * 404 for its id, whatever the method. Creating one needs its length, and is refused with
 * 413 when the device's unfinished uploads or its stored pages would pass their quota.
 */
export function tusRoutes(app: FastifyInstance, ctx: ServerContext, dataDir: string): { tus: TusServer; removeUpload: (id: string) => Promise<void> } {
  const datastore = new FileStore({ directory: join(dataDir, 'tus'), expirationPeriodInMilliseconds: UPLOAD_EXPIRY_MS });
  // The authenticated device of each request under way, for tus's hooks (which see srvx's Request).
  const devices = new WeakMap<IncomingMessage, DeviceIdentity>();
  const deviceOf = (req: TusRequest): DeviceIdentity => {
    const device = req.runtime?.node ? devices.get(req.runtime.node.req) : undefined;
    if (!device) throw refuse(401, 'UNAUTHENTICATED', messages.unauthenticated);
    return device;
  };
  const tus = new TusServer({
    path: '/tus',
    datastore,
    maxSize: ctx.limits.blobMaxBytes,
    // The desk resolves it against its endpoint; right behind a TLS-terminating proxy too.
    relativeLocation: true,
    onIncomingRequest: async (req, id) => {
      const device = deviceOf(req as TusRequest);
      if ((req as TusRequest).method === 'POST') return;
      // Unknown and someone else's are answered alike: an upload id discloses nothing.
      if ((await uploadOwner(ctx.db, id)) !== device.id) throw refuse(404, 'NOT_FOUND', messages.notFound);
    },
    onUploadCreate: async (req, upload) => {
      const device = deviceOf(req as TusRequest);
      if (!Sha256.safeParse(upload.metadata?.[TUS_SHA256_METADATA]).success) {
        throw refuse(400, 'VALIDATION', messages.validation, { sha256: 'sha256.format' });
      }
      if (upload.size === undefined) throw refuse(400, 'VALIDATION', messages.uploadLengthRequired, { 'upload-length': 'required' });
      const now = ctx.now();
      const verdict = await ctx.db.transaction((tx) =>
        reserveUpload(tx, { id: upload.id, deviceId: device.id, size: upload.size!, now, expiresAt: new Date(now.getTime() + UPLOAD_EXPIRY_MS) }, ctx.limits.quotas),
      );
      if (verdict === 'reserved') throw refuse(413, 'VALIDATION', messages.reservedQuota, { quota: 'reserved' });
      if (verdict === 'stored') throw refuse(413, 'VALIDATION', messages.storedQuota, { quota: 'stored' });
      return { metadata: upload.metadata };
    },
    onUploadFinish: async (req, upload) => {
      const device = deviceOf(req as TusRequest);
      const expected = upload.metadata?.[TUS_SHA256_METADATA] ?? '';
      const file = join(datastore.directory, upload.id);
      const result = await ctx.blobs.adoptVerified(file, expected);
      if (result.kind !== 'stored') {
        await datastore.remove(upload.id).catch(() => undefined);
        await forgetUpload(ctx.db, upload.id);
        throw refuse(400, 'VALIDATION', messages.hashMismatch, { sha256: 'sha256.mismatch' });
      }
      await ctx.recorder.record({ sha256: expected, size: result.size, receptionPointId: device.receptionPointId, deviceId: device.id });
      await finishUpload(ctx.db, upload.id, ctx.now());
      return {};
    },
  });
  tus.on(EVENTS.POST_TERMINATE, (_req, _res, id: string) => void forgetUpload(ctx.db, id).catch(() => undefined));

  app.register(async (scope) => {
    // tus reads the raw request itself.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    const auth = deviceAuth(ctx);
    scope.addHook('preHandler', async (request, reply) => {
      if (request.method !== 'OPTIONS') await auth(request, reply);
    });
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      if (request.method !== 'OPTIONS') devices.set(request.raw, requireDevice(request));
      reply.hijack();
      await tus.handle(request.raw, reply.raw);
    };
    const method = ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE', 'OPTIONS'] as const;
    scope.route({ method: [...method], url: '/tus', handler, exposeHeadRoute: false });
    scope.route({ method: [...method], url: '/tus/*', handler, exposeHeadRoute: false });
  });
  const removeUpload = async (id: string) => {
    await datastore.remove(id).catch(() => undefined);
  };
  return { tus, removeUpload };
}
