import { isIP } from 'node:net';
import { AppError } from '../../src-shared/contract/errors.js';

/** True for hosts that never leave the machine (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1';
  return false;
}

/**
 * Checks the provincial server's address. Citizens' data is sensitive personal data
 * (DOMAIN.md): plain HTTP is refused except to loopback (a local test server) or when an
 * admin has explicitly allowed it (sync.allowInsecureHttp).
 */
export function checkServerUrl(raw: string, allowInsecureHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('VALIDATION', 'sync.urlInvalid', { serverUrl: 'url.format' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('VALIDATION', 'sync.urlNotHttps', { serverUrl: 'url.protocol' });
  }
  if (url.protocol === 'http:' && !allowInsecureHttp && !isLoopbackHost(url.hostname)) {
    throw new AppError('VALIDATION', 'sync.urlInsecure', { serverUrl: 'url.insecure' });
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new AppError('VALIDATION', 'sync.urlHasExtras', { serverUrl: 'url.format' });
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}
