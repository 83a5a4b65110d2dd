import { connect } from 'node:tls';
import type { Clock } from '../../kernel/clock.js';
import type { FetchLike } from '../../sync/sync-http.js';
import { message } from '../check-result.js';

export type ServerProbe = {
  url: string;
  /** HTTP status of GET /health, or null when no answer came. */
  status: number | null;
  /** The failure's code (ECONNREFUSED, CERT_HAS_EXPIRED, TimeoutError, …) and text. */
  errorCode: string | null;
  error: string | null;
  ms: number;
  /** Local clock minus the server's Date header, in ms (null without the header). */
  skewMs: number | null;
  serverVersion: string | null;
};

/** Node's and undici's codes for a certificate the connection refused. */
export const tlsErrorCodes = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME|TLS|SSL/;

function codeOf(error: unknown): string {
  const e = error as { name?: string; code?: string; cause?: { code?: string; name?: string } };
  return e.cause?.code ?? e.code ?? e.cause?.name ?? e.name ?? 'ERROR';
}

/**
 * One GET /health through the desk's own transport (its proxy included), timed on the monotonic
 * clock. The clock skew compares the desk's clock at the middle of the exchange with the server's
 * Date header (whole seconds, so taken as the middle of its second).
 */
export async function probeServer(fetch: FetchLike, baseUrl: string, clock: Clock, timeoutMs = 10_000): Promise<ServerProbe> {
  const url = `${baseUrl.replace(/\/+$/, '')}/health`;
  const sentAt = clock.now().getTime();
  const t0 = performance.now();
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    const ms = Math.round(performance.now() - t0);
    const date = res.headers.get('date');
    const skewMs = date && !Number.isNaN(Date.parse(date)) ? Math.round(sentAt + ms / 2 - (Date.parse(date) + 500)) : null;
    let serverVersion: string | null = null;
    try {
      serverVersion = ((await res.json()) as { version?: string }).version ?? null;
    } catch {
      serverVersion = null;
    }
    return { url, status: res.status, errorCode: null, error: null, ms, skewMs, serverVersion };
  } catch (error) {
    return { url, status: null, errorCode: codeOf(error), error: message((error as { cause?: unknown }).cause ?? error), ms: Math.round(performance.now() - t0), skewMs: null, serverVersion: null };
  }
}

export type Certificate = { subject: string; issuer: string; validTo: string; authorized: boolean; authorizationError: string | null };

/** The server's certificate, read over a direct TLS connection (not through a proxy). */
export function readCertificate(host: string, port: number, timeoutMs = 10_000): Promise<Certificate> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, servername: host, rejectUnauthorized: false, timeout: timeoutMs }, () => {
      const cert = socket.getPeerCertificate();
      resolve({
        subject: String(cert.subject?.CN ?? ''),
        issuer: String(cert.issuer?.CN ?? cert.issuer?.O ?? ''),
        validTo: new Date(cert.valid_to).toISOString(),
        authorized: socket.authorized,
        authorizationError: socket.authorizationError ? String(socket.authorizationError) : null,
      });
      socket.end();
    });
    socket.on('timeout', () => socket.destroy(new Error('timeout')));
    socket.on('error', reject);
  });
}
