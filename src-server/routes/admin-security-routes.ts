import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { StoredText } from '../../src-shared/sync/wire.js';
import { collectGarbage } from '../blobs/blob-gc.js';
import { HttpError } from '../http/errors.js';
import { messages } from '../http/messages.js';
import { blockedLimits, clearLimits } from '../repos/enroll-limits-repo.js';
import { insertSecurityEvent, listSecurityEvents } from '../repos/security-events-repo.js';
import type { ServerContext } from '../server-context.js';

const EventsQuery = z.object({ kind: StoredText(40).optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) });
const ClearInput = z.object({ address: StoredText(100).pipe(z.string().trim().min(1)).optional() }).optional().default({});

/**
 * The admin API's security part (inside the admin-token scope of admin-routes.ts): security
 * events, enrollment lockouts, admin token rotation, garbage collection on demand.
 */
export function adminSecurityRoutes(scope: FastifyInstance, ctx: ServerContext, removeUpload: (id: string) => Promise<void>): void {
  scope.get('/security-events', async (request) => {
    const q = EventsQuery.parse(request.query);
    return listSecurityEvents(ctx.db, q.kind ?? null, q.limit);
  });

  scope.get('/enroll-lockouts', async () => blockedLimits(ctx.db, ctx.now()));
  scope.post('/enroll-lockouts/clear', async (request) => {
    const input = ClearInput.parse(request.body ?? undefined);
    const cleared = await clearLimits(ctx.db, input.address ?? null);
    await insertSecurityEvent(ctx.db, { at: ctx.now(), kind: 'enroll_lockouts_cleared', address: request.ip, detail: input.address ? `addr ${input.address}` : 'all' });
    return { cleared };
  });

  // The new token is in the answer once; from now on the old one is refused, here and on
  // every instance sharing the data folder.
  scope.post('/admin-token/rotate', async (request) => {
    if (ctx.adminToken.fixed) throw new HttpError(409, 'CONFLICT', messages.adminTokenFixed);
    const token = await ctx.adminToken.rotate();
    await insertSecurityEvent(ctx.db, { at: ctx.now(), kind: 'admin_token_rotated', address: request.ip, detail: 'admin api' });
    return { token };
  });

  scope.post('/gc', async () =>
    collectGarbage({ db: ctx.db, blobs: ctx.blobs, now: ctx.now, graceMs: ctx.limits.unreferencedGraceMs, removeUpload }),
  );
}
