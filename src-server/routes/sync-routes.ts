import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  MAX_PULL_LIMIT,
  MissingBlobsRequest,
  PushRequest,
  Uuid,
  type DossierSyncStatus,
} from '../../src-shared/sync/wire.js';
import { deviceAuth, requireDevice } from '../auth/device-auth.js';
import { HttpError } from '../http/errors.js';
import { messages } from '../http/messages.js';
import { missingBlobs } from '../repos/blobs-repo.js';
import { getDossier, missingPages, pullDossiers, pushDossiers, PushRefusedError } from '../repos/dossiers-repo.js';
import { insertSecurityEvent } from '../repos/security-events-repo.js';
import type { ServerContext } from '../server-context.js';

const PullQuery = z.object({
  checkpoint: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(100),
});

/** The record lane (RxDB replication protocol shape) and the missing-blobs query. */
export function syncRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.register(async (scope) => {
    scope.addHook('preHandler', deviceAuth(ctx));

    scope.post('/sync/dossiers/push', async (request) => {
      const device = requireDevice(request);
      const rows = PushRequest.parse(request.body);
      try {
        const out = await ctx.db.transaction((tx) => pushDossiers(tx, device, rows, ctx.now()));
        return out.conflicts;
      } catch (err) {
        if (err instanceof PushRefusedError) {
          // A desk pushing codes of another unit or slot is worth IT's attention (no code logged).
          const reasons = [...new Set(err.refused.values())].join(',');
          await insertSecurityEvent(ctx.db, { at: ctx.now(), kind: 'push_refused', address: request.ip, detail: `device ${device.id}: ${err.refused.size} × ${reasons}` });
        }
        throw err;
      }
    });

    scope.get('/sync/dossiers/pull', async (request) => {
      const device = requireDevice(request);
      const q = PullQuery.parse(request.query);
      return pullDossiers(ctx.db, device.receptionPointId, q.checkpoint, q.limit);
    });

    scope.get('/sync/dossiers/stream', async (request, reply) => {
      const device = requireDevice(request);
      reply.hijack();
      await ctx.hub.open(device, reply.raw);
    });

    scope.get('/sync/dossiers/:id/status', async (request): Promise<DossierSyncStatus> => {
      const device = requireDevice(request);
      const id = Uuid.safeParse((request.params as { id: string }).id);
      const doc = id.success ? await getDossier(ctx.db, id.data) : null;
      // Another point's dossier answers like a missing one: its existence is not disclosed.
      if (!doc || doc.receptionPointId !== device.receptionPointId) throw new HttpError(404, 'NOT_FOUND', messages.notFound);
      return { id: doc.id, seq: doc.seq, complete: doc.complete, missing: await missingPages(ctx.db, doc.id), province: doc.province };
    });

    scope.post('/sync/blobs/missing', async (request) => {
      const device = requireDevice(request);
      const { hashes } = MissingBlobsRequest.parse(request.body);
      return { missing: await missingBlobs(ctx.db, device.receptionPointId, hashes) };
    });
  });
}
