import { join } from 'node:path';
import { FileStore } from '@tus/file-store';
import { Server as TusServer } from '@tus/server';
import type { FastifyInstance } from 'fastify';
import { Sha256, TUS_SHA256_METADATA } from '../../src-shared/sync/wire.js';
import { deviceAuth } from '../auth/device-auth.js';
import { envelope } from '../http/errors.js';
import { messages } from '../http/messages.js';
import type { ServerContext } from '../server-context.js';

// Unfinished uploads are kept a week: a desk on a thin link may resume days later.
const UPLOAD_EXPIRY_MS = 7 * 24 * 3600 * 1000;

/**
 * Resumable uploads (tus 1.0) under /tus for large pages and whole-dossier PDFs. The
 * upload's metadata carries `sha256`; when the last byte lands the file is re-hashed and,
 * if it matches, linked into the blob store. A mismatch deletes the upload and answers 400.
 */
export function tusRoutes(app: FastifyInstance, ctx: ServerContext, dataDir: string): TusServer {
  const datastore = new FileStore({ directory: join(dataDir, 'tus'), expirationPeriodInMilliseconds: UPLOAD_EXPIRY_MS });
  const tus = new TusServer({
    path: '/tus',
    datastore,
    maxSize: ctx.limits.blobMaxBytes,
    // The desk resolves it against its endpoint; right behind a TLS-terminating proxy too.
    relativeLocation: true,
    onUploadCreate: async (_req, upload) => {
      if (!Sha256.safeParse(upload.metadata?.[TUS_SHA256_METADATA]).success) {
        throw { status_code: 400, body: JSON.stringify(envelope('VALIDATION', messages.validation, { sha256: 'sha256.format' })) };
      }
      return { metadata: upload.metadata };
    },
    onUploadFinish: async (_req, upload) => {
      const expected = upload.metadata?.[TUS_SHA256_METADATA] ?? '';
      const file = join(datastore.directory, upload.id);
      const result = await ctx.blobs.adoptVerified(file, expected);
      if (result.kind !== 'stored') {
        await datastore.remove(upload.id).catch(() => undefined);
        throw { status_code: 400, body: JSON.stringify(envelope('VALIDATION', messages.hashMismatch, { sha256: 'sha256.mismatch' })) };
      }
      await ctx.recorder.record(expected, result.size);
      return {};
    },
  });

  app.register(async (scope) => {
    // tus reads the raw request itself.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    const auth = deviceAuth(ctx);
    scope.addHook('preHandler', async (request, reply) => {
      if (request.method !== 'OPTIONS') await auth(request, reply);
    });
    const handler = async (request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
      reply.hijack();
      await tus.handle(request.raw, reply.raw);
    };
    const method = ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE', 'OPTIONS'] as const;
    scope.route({ method: [...method], url: '/tus', handler, exposeHeadRoute: false });
    scope.route({ method: [...method], url: '/tus/*', handler, exposeHeadRoute: false });
  });
  return tus;
}
