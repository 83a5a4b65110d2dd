import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../http/errors.js';
import { messages } from '../http/messages.js';
import type { ServerContext } from '../server-context.js';

/** `Authorization: Bearer <admin token>`, the token in force now (admin-token-file.ts). */
export function adminAuth(ctx: ServerContext) {
  return async function authenticateAdmin(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const m = /^Bearer (\S{16,256})$/.exec(request.headers.authorization ?? '');
    if (!m || !(await ctx.adminToken.verify(m[1]!))) throw new HttpError(401, 'UNAUTHENTICATED', messages.adminUnauthenticated);
  };
}
