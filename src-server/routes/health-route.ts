import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../server-context.js';

/** 200 once migrations ran and the database answers (the server listens only after that). */
export function healthRoute(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/health', async (_request, reply) => {
    try {
      await ctx.db.query('SELECT 1');
    } catch {
      return reply.code(503).send({ ok: false, version: ctx.version, database: ctx.db.kind });
    }
    return { ok: true, version: ctx.version, database: ctx.db.kind };
  });
}
