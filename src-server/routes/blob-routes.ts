import type { FastifyInstance } from 'fastify';
import { Sha256 } from '../../src-shared/sync/wire.js';
import { deviceAuth, requireDevice } from '../auth/device-auth.js';
import { HttpError } from '../http/errors.js';
import { messages } from '../http/messages.js';
import { deviceUsage } from '../repos/uploads-repo.js';
import type { ServerContext } from '../server-context.js';

/**
 * PUT /blobs/:sha256: the body is streamed to disk, hashed byte by byte, kept only if it
 * matches, and recorded as held by the uploader's point.
 */
export function blobRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.register(async (scope) => {
    // Leave the body unread: the handler streams request.raw itself, whatever its type.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    scope.addHook('preHandler', deviceAuth(ctx));

    scope.put('/blobs/:sha256', async (request, reply) => {
      const device = requireDevice(request);
      const parsed = Sha256.safeParse((request.params as { sha256: string }).sha256);
      if (!parsed.success) throw new HttpError(400, 'VALIDATION', messages.validation, { sha256: 'sha256.format' });
      const sha256 = parsed.data;
      const declared = Number(request.headers['content-length'] ?? NaN);
      if (declared > ctx.limits.blobMaxBytes) {
        reply.header('connection', 'close');
        throw new HttpError(413, 'VALIDATION', messages.tooLarge);
      }
      // Checked before the body is read; uploads running at the same time may pass it by one page each.
      const usage = await deviceUsage(ctx.db, device.id);
      if (usage.stored + usage.reserved + (Number.isFinite(declared) ? declared : 0) > ctx.limits.quotas.storedBytes) {
        reply.header('connection', 'close');
        throw new HttpError(413, 'VALIDATION', messages.storedQuota, { quota: 'stored' });
      }
      const result = await ctx.blobs.writeVerified(request.raw, sha256, ctx.limits.blobMaxBytes);
      if (result.kind === 'too_large') {
        reply.header('connection', 'close');
        throw new HttpError(413, 'VALIDATION', messages.tooLarge);
      }
      if (result.kind === 'hash_mismatch') throw new HttpError(400, 'VALIDATION', messages.hashMismatch, { sha256: 'sha256.mismatch' });
      // The body is read and verified even when the file exists: that proves the point holds
      // the page (issue 16.5). 201 when it is new for the point, 200 when the point had it.
      const stored = await ctx.recorder.record({ sha256, size: result.size, receptionPointId: device.receptionPointId, deviceId: device.id });
      return reply.code(stored ? 201 : 200).send({ sha256, size: result.size, stored });
    });
  });
}
