import type { FastifyInstance } from 'fastify';
import { EnrollRequest, SLOT_BLOCK_SIZE, type EnrollResponse } from '../../src-shared/sync/wire.js';
import { afterFailure, blockedUntil } from '../auth/enroll-limiter.js';
import { normalizeEnrollmentCode, randomSecret, sha256Hex } from '../auth/secrets.js';
import { HttpError } from '../http/errors.js';
import { messages } from '../http/messages.js';
import { claimableEnrollmentCode, enrollmentCodeState, insertDevice, markEnrollmentCodeUsed, pickDeskSlot } from '../repos/devices-repo.js';
import { deleteLimits, lockLimits, saveLimit } from '../repos/enroll-limits-repo.js';
import { getReceptionPoint } from '../repos/points-repo.js';
import { insertSecurityEvent } from '../repos/security-events-repo.js';
import type { ServerContext } from '../server-context.js';

type Outcome =
  | { kind: 'enrolled'; response: EnrollResponse }
  | { kind: 'failed'; reason: string }
  | { kind: 'throttled'; until: Date };

/**
 * POST /enroll: a one-time code becomes a device credential and a desk slot. Guesses are
 * limited per client address and per code (enroll-limiter.ts); the limiter's rows are locked
 * for the attempt, so concurrent guesses queue instead of slipping past the count. Every
 * failed attempt leaves a security event (address and reason, never the code), and so does the
 * first throttled one of each blocked period (the others are counted in the limiter row).
 */
export function enrollRoute(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/enroll', async (request, reply) => {
    const input = EnrollRequest.parse(request.body);
    const codeHash = sha256Hex(normalizeEnrollmentCode(input.code));
    const now = ctx.now();
    const keys = [`addr:${request.ip}`, `code:${codeHash}`];
    const outcome = await ctx.db.transaction(async (tx): Promise<Outcome> => {
      const limits = await lockLimits(tx, keys, now);
      const blocked = limits.filter((l) => blockedUntil(l, now) !== null);
      if (blocked.length > 0) {
        // One event per blocked period, not per request: a flood must not fill the log.
        if (blocked.some((l) => l.throttled === 0)) await insertSecurityEvent(tx, { at: now, kind: 'enroll_throttled', address: request.ip });
        for (const l of blocked) await saveLimit(tx, { ...l, throttled: l.throttled + 1 });
        const until = blocked.map((l) => l.blockedUntil!).sort((a, b) => b.getTime() - a.getTime())[0]!;
        return { kind: 'throttled', until };
      }
      const claim = await claimableEnrollmentCode(tx, codeHash, now);
      const point = claim ? await getReceptionPoint(tx, claim.receptionPointId, true) : null;
      if (!claim || !point) {
        const reason = await enrollmentCodeState(tx, codeHash, now);
        for (const l of limits) await saveLimit(tx, afterFailure(l, now, ctx.limits.enroll));
        await insertSecurityEvent(tx, { at: now, kind: 'enroll_failed', address: request.ip, detail: reason });
        return { kind: 'failed', reason };
      }
      // The point's row lock serialises enrollments of one point, so slots are never shared.
      const slot = await pickDeskSlot(tx, point.id, now);
      if (slot === null) throw new HttpError(409, 'CONFLICT', messages.slotsExhausted);
      const secret = randomSecret();
      const device = await insertDevice(tx, { receptionPointId: point.id, name: input.deviceName, secretHash: sha256Hex(secret), deskSlot: slot }, now);
      await markEnrollmentCodeUsed(tx, codeHash, device.id, now);
      // A right code from this address: its earlier typos are forgiven.
      await deleteLimits(tx, keys);
      return {
        kind: 'enrolled',
        response: {
          deviceId: device.id,
          credential: secret,
          receptionPoint: { id: point.id, code: point.agencyCode, name: point.name },
          deskSlot: slot,
          slotBlockSize: SLOT_BLOCK_SIZE,
        },
      };
    });
    if (outcome.kind === 'throttled') {
      reply.header('retry-after', String(Math.max(1, Math.ceil((outcome.until.getTime() - now.getTime()) / 1000))));
      throw new HttpError(429, 'BAD_CREDENTIALS', messages.enrollThrottled);
    }
    if (outcome.kind === 'failed') {
      request.log.warn({ address: request.ip, reason: outcome.reason }, 'enrollment refused');
      throw new HttpError(401, 'BAD_CREDENTIALS', messages.enrollmentInvalid);
    }
    return reply.code(201).send(outcome.response);
  });
}
