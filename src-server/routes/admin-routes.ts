import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AgencyCode } from '../../src-shared/contract/schemas.js';
import { ProvinceStatus, StoredText, Uuid } from '../../src-shared/sync/wire.js';
import { adminAuth } from '../auth/admin-auth.js';
import { newEnrollmentCode, normalizeEnrollmentCode, sha256Hex } from '../auth/secrets.js';
import { HttpError } from '../http/errors.js';
import { messages } from '../http/messages.js';
import { notifyChange } from '../repos/change-notify.js';
import { insertEnrollmentCode, listDevices, revokeDevice } from '../repos/devices-repo.js';
import { getDossier, listConflicts, listDossiersForAdmin, missingPages, setProvinceStatus } from '../repos/dossiers-repo.js';
import { branchExists, getReceptionPoint, insertBranch, insertReceptionPoint, listBranches, listReceptionPoints } from '../repos/points-repo.js';
import type { ServerContext } from '../server-context.js';
import { adminSecurityRoutes } from './admin-security-routes.js';

const Name = StoredText(200).pipe(z.string().trim().min(1, 'required'));
const BranchInput = z.object({ code: z.string().trim().regex(/^[0-9A-Za-z._-]{1,32}$/, 'branchCode.format'), name: Name });
const PointInput = z.object({ agencyCode: AgencyCode, name: Name, branchId: Uuid.nullable().optional().default(null) });
const EnrollmentCodeInput = z.object({ ttlHours: z.number().min(0.1).max(24 * 7).optional() }).optional().default({});
const StatusInput = z.object({ status: ProvinceStatus, note: StoredText(2000).optional().default('') });
const ListQuery = z.object({
  receptionPointId: Uuid.optional(),
  dossierId: Uuid.optional(),
  code: StoredText(64).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

const idParam = (params: unknown): string => {
  const id = Uuid.safeParse((params as { id?: string }).id);
  if (!id.success) throw new HttpError(404, 'NOT_FOUND', messages.notFound);
  return id.data;
};

/** The admin API under /admin/api, guarded by the admin token. */
export function adminRoutes(app: FastifyInstance, ctx: ServerContext, removeUpload: (id: string) => Promise<void>): void {
  app.register(
    async (scope) => {
      scope.addHook('preHandler', adminAuth(ctx));
      adminSecurityRoutes(scope, ctx, removeUpload);

      scope.get('/branches', async () => listBranches(ctx.db));
      scope.post('/branches', async (request, reply) => {
        const input = BranchInput.parse(request.body);
        const branch = await insertBranch(ctx.db, input, ctx.now());
        if (!branch) throw new HttpError(409, 'CONFLICT', messages.branchCodeTaken);
        return reply.code(201).send(branch);
      });

      scope.get('/reception-points', async () => listReceptionPoints(ctx.db));
      scope.post('/reception-points', async (request, reply) => {
        const input = PointInput.parse(request.body);
        if (input.branchId && !(await branchExists(ctx.db, input.branchId))) {
          throw new HttpError(400, 'VALIDATION', messages.validation, { branchId: 'notFound' });
        }
        const point = await insertReceptionPoint(ctx.db, input, ctx.now());
        if (!point) throw new HttpError(409, 'CONFLICT', messages.agencyCodeTaken);
        return reply.code(201).send(point);
      });

      scope.post('/reception-points/:id/enrollment-codes', async (request, reply) => {
        const id = idParam(request.params);
        const input = EnrollmentCodeInput.parse(request.body ?? undefined);
        if (!(await getReceptionPoint(ctx.db, id))) throw new HttpError(404, 'NOT_FOUND', messages.notFound);
        const code = newEnrollmentCode();
        const now = ctx.now();
        const expiresAt = new Date(now.getTime() + (input.ttlHours ?? ctx.limits.enrollmentTtlHours) * 3600 * 1000);
        // Only the hash is kept: the code is shown this once.
        await insertEnrollmentCode(ctx.db, sha256Hex(normalizeEnrollmentCode(code)), id, now, expiresAt);
        return reply.code(201).send({ code, receptionPointId: id, expiresAt: expiresAt.toISOString() });
      });

      scope.get('/devices', async (request) => listDevices(ctx.db, ListQuery.parse(request.query).receptionPointId));
      scope.post('/devices/:id/revoke', async (request) => {
        const id = idParam(request.params);
        const device = await ctx.db.transaction(async (tx) => {
          const d = await revokeDevice(tx, id, ctx.now());
          if (d) await notifyChange(tx, { t: 'revoked', d: id });
          return d;
        });
        // After the commit, before the answer: from now on no request of this device is let in.
        ctx.credentials.forget(id);
        if (!device) throw new HttpError(404, 'NOT_FOUND', messages.notFound);
        return device;
      });

      scope.get('/dossiers', async (request) => {
        const q = ListQuery.parse(request.query);
        return listDossiersForAdmin(ctx.db, { receptionPointId: q.receptionPointId ?? null, code: q.code?.trim() || null }, q.limit);
      });
      scope.get('/dossiers/:id', async (request) => {
        const doc = await getDossier(ctx.db, idParam(request.params));
        if (!doc) throw new HttpError(404, 'NOT_FOUND', messages.notFound);
        return { ...doc, missing: await missingPages(ctx.db, doc.id) };
      });
      scope.post('/dossiers/:id/status', async (request) => {
        const id = idParam(request.params);
        const input = StatusInput.parse(request.body);
        return ctx.db.transaction((tx) => setProvinceStatus(tx, id, input.status, input.note, ctx.now()));
      });

      scope.get('/conflicts', async (request) => {
        const q = ListQuery.parse(request.query);
        return listConflicts(ctx.db, q.dossierId ?? null, q.limit);
      });
    },
    { prefix: '/admin/api' },
  );
}
