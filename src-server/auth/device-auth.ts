import type { FastifyReply, FastifyRequest } from 'fastify';
import { Uuid } from '../../src-shared/sync/wire.js';
import { HttpError } from '../http/errors.js';
import { messages } from '../http/messages.js';
import { activeDeviceSecret, touchDevice, type DeviceIdentity } from '../repos/devices-repo.js';
import type { ServerContext } from '../server-context.js';
import { sameHash, sha256Hex } from './secrets.js';

declare module 'fastify' {
  interface FastifyRequest {
    device: DeviceIdentity | null;
  }
}

/**
 * `Authorization: Bearer <deviceId>.<secret>`, checked against the database on every
 * request, so a revoked device is refused at once and any instance can answer.
 */
export function deviceAuth(ctx: ServerContext) {
  return async function authenticateDevice(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const m = /^Bearer ([0-9a-f-]{36})\.([A-Za-z0-9_-]{16,128})$/.exec(request.headers.authorization ?? '');
    if (!m || !Uuid.safeParse(m[1]).success) throw new HttpError(401, 'UNAUTHENTICATED', messages.unauthenticated);
    const found = await activeDeviceSecret(ctx.db, m[1]!);
    if (!found || !sameHash(found.secretHash, sha256Hex(m[2]!))) throw new HttpError(401, 'UNAUTHENTICATED', messages.unauthenticated);
    await touchDevice(ctx.db, found.identity.id, ctx.now());
    request.device = found.identity;
  };
}

export function requireDevice(request: FastifyRequest): DeviceIdentity {
  if (!request.device) throw new HttpError(401, 'UNAUTHENTICATED', messages.unauthenticated);
  return request.device;
}
