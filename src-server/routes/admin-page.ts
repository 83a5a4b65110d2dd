import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { packageRoot } from '../package-root.js';

/**
 * GET /admin: one self-contained Vietnamese page (no CDN) that calls the admin API with the
 * token the operator pastes in (kept in sessionStorage only). The page itself holds no data.
 */
export function adminPageRoute(app: FastifyInstance): void {
  const html = readFileSync(join(packageRoot(), 'src-server', 'admin', 'admin-page.html'), 'utf8');
  app.get('/admin', async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'self'; img-src 'self' data:; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'")
      .header('x-frame-options', 'DENY')
      .send(html),
  );
}
