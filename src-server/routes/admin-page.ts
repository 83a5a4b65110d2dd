import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { packageRoot } from '../package-root.js';

/**
 * No inline script or style is allowed: the page's code is a file of this origin, so markup
 * that slipped through an escape can never run (issue 16.6).
 */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * GET /admin: one self-contained Vietnamese page (no CDN) with its script and style beside it,
 * calling the admin API with the token the operator pastes in (kept in sessionStorage only).
 * The page itself holds no data.
 */
export function adminPageRoute(app: FastifyInstance): void {
  const dir = join(packageRoot(), 'src-server', 'admin');
  const files = [
    { url: '/admin', file: 'admin-page.html', type: 'text/html; charset=utf-8' },
    { url: '/admin/admin-page.js', file: 'admin-page.js', type: 'text/javascript; charset=utf-8' },
    { url: '/admin/admin-page.css', file: 'admin-page.css', type: 'text/css; charset=utf-8' },
  ];
  for (const f of files) {
    const body = readFileSync(join(dir, f.file), 'utf8');
    app.get(f.url, async (_request, reply) =>
      reply
        .type(f.type)
        .header('content-security-policy', CSP)
        .header('x-content-type-options', 'nosniff')
        .header('x-frame-options', 'DENY')
        .header('referrer-policy', 'no-referrer')
        .header('cache-control', 'no-cache')
        .send(body),
    );
  }
}
