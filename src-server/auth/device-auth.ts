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

// touchDevice records activity at most once a minute; asking the database more often is waste.
const TOUCH_EVERY_MS = 60_000;

/**
 * `Authorization: Bearer <deviceId>.<secret>`, checked against the database on every
 * request (or, on PGlite, against credentials it confirmed seconds ago: credential-cache.ts),
 * so a revoked device is refused at once and any instance can answer.
 */
export function deviceAuth(ctx: ServerContext) {
  return async function authenticateDevice(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const m = /^Bearer ([0-9a-f-]{36})\.([A-Za-z0-9_-]{16,128})$/.exec(request.headers.authorization ?? '');
    if (!m || !Uuid.safeParse(m[1]).success) throw new HttpError(401, 'UNAUTHENTICATED', messages.unauthenticated);
    const deviceId = m[1]!;
    const presented = sha256Hex(m[2]!);
    let identity = ctx.credentials.get(deviceId, presented);
    if (!identity) {
      const epoch = ctx.credentials.begin();
      const found = await activeDeviceSecret(ctx.db, deviceId);
      if (!found || !sameHash(found.secretHash, presented)) throw new HttpError(401, 'UNAUTHENTICATED', messages.unauthenticated);
      identity = found.identity;
      ctx.credentials.put(epoch, found.secretHash, identity);
    }
    const now = ctx.now();
    const last = ctx.lastTouched.get(deviceId);
    if (last === undefined || Math.abs(now.getTime() - last) >= TOUCH_EVERY_MS) {
      ctx.lastTouched.set(deviceId, now.getTime());
      await touchDevice(ctx.db, deviceId, now);
    }
    request.device = identity;
  };
}

export function requireDevice(request: FastifyRequest): DeviceIdentity {
  if (!request.device) throw new HttpError(401, 'UNAUTHENTICATED', messages.unauthenticated);
  return request.device;
}
