import type { FastifyInstance } from 'fastify';
import { EnrollRequest, SLOT_BLOCK_SIZE, type EnrollResponse } from '../../src-shared/sync/wire.js';
import { normalizeEnrollmentCode, randomSecret, sha256Hex } from '../auth/secrets.js';
import { HttpError } from '../http/errors.js';
import { messages } from '../http/messages.js';
import { claimableEnrollmentCode, insertDevice, markEnrollmentCodeUsed, pickDeskSlot } from '../repos/devices-repo.js';
import { getReceptionPoint } from '../repos/points-repo.js';
import type { ServerContext } from '../server-context.js';

/** POST /enroll: a one-time code becomes a device credential and a desk slot. */
export function enrollRoute(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/enroll', async (request, reply) => {
    const input = EnrollRequest.parse(request.body);
    const codeHash = sha256Hex(normalizeEnrollmentCode(input.code));
    const now = ctx.now();
    const result = await ctx.db.transaction(async (tx): Promise<EnrollResponse> => {
      const claim = await claimableEnrollmentCode(tx, codeHash, now);
      if (!claim) throw new HttpError(401, 'BAD_CREDENTIALS', messages.enrollmentInvalid);
      // The point's row lock serialises enrollments of one point, so slots are never shared.
      const point = await getReceptionPoint(tx, claim.receptionPointId, true);
      if (!point) throw new HttpError(401, 'BAD_CREDENTIALS', messages.enrollmentInvalid);
      const slot = await pickDeskSlot(tx, point.id, now);
      if (slot === null) throw new HttpError(409, 'CONFLICT', messages.slotsExhausted);
      const secret = randomSecret();
      const device = await insertDevice(tx, { receptionPointId: point.id, name: input.deviceName, secretHash: sha256Hex(secret), deskSlot: slot }, now);
      await markEnrollmentCodeUsed(tx, codeHash, device.id, now);
      return {
        deviceId: device.id,
        credential: secret,
        receptionPoint: { id: point.id, code: point.agencyCode, name: point.name },
        deskSlot: slot,
        slotBlockSize: SLOT_BLOCK_SIZE,
      };
    });
    return reply.code(201).send(result);
  });
}
