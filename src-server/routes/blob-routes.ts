import type { FastifyInstance } from 'fastify';
import { Sha256 } from '../../src-shared/sync/wire.js';
import { deviceAuth, requireDevice } from '../auth/device-auth.js';
import { HttpError } from '../http/errors.js';
import { messages } from '../http/messages.js';
import type { ServerContext } from '../server-context.js';

/** PUT /blobs/:sha256: the body is streamed to disk, hashed byte by byte, kept only if it matches. */
export function blobRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.register(async (scope) => {
    // Leave the body unread: the handler streams request.raw itself, whatever its type.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    scope.addHook('preHandler', deviceAuth(ctx));

    scope.put('/blobs/:sha256', async (request, reply) => {
      requireDevice(request);
      const parsed = Sha256.safeParse((request.params as { sha256: string }).sha256);
      if (!parsed.success) throw new HttpError(400, 'VALIDATION', messages.validation, { sha256: 'sha256.format' });
      const sha256 = parsed.data;
      const declared = Number(request.headers['content-length'] ?? NaN);
      if (declared > ctx.limits.blobMaxBytes) {
        reply.header('connection', 'close');
        throw new HttpError(413, 'VALIDATION', messages.tooLarge);
      }
      const result = await ctx.blobs.writeVerified(request.raw, sha256, ctx.limits.blobMaxBytes);
      if (result.kind === 'too_large') {
        reply.header('connection', 'close');
        throw new HttpError(413, 'VALIDATION', messages.tooLarge);
      }
      if (result.kind === 'hash_mismatch') throw new HttpError(400, 'VALIDATION', messages.hashMismatch, { sha256: 'sha256.mismatch' });
      // The body is read and verified even when the blob exists: the answer then says so.
      const stored = await ctx.recorder.record(sha256, result.size);
      return reply.code(stored ? 201 : 200).send({ sha256, size: result.size, stored });
    });
  });
}
