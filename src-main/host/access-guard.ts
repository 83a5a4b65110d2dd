import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** 32 random bytes: unguessable for the life of one launch. */
export function newLaunchToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Constant-time comparison. Hashing both sides first gives equal lengths, so neither the
 * content nor the length of the expected token leaks through timing.
 */
export function tokensEqual(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The cookie carries the port so two hosts on different ports (cookies ignore ports) do not clash. */
export function cookieName(port: number): string {
  return `tiepnhan_token_${port}`;
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export function tokenCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

/** The only Host values a loopback page may use; anything else is DNS rebinding or a mistake. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host?.toLowerCase();
  return host !== undefined && allowedHosts(port).includes(host);
}

/**
 * A WebSocket upgrade from a browser always carries Origin; it must be this very origin.
 * A client without Origin is not a browser page (so not a cross-site attack) and still
 * needs the token.
 */
export function originAllowed(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const host = req.headers.host?.toLowerCase();
  return host !== undefined && allowedHosts(port).includes(host) && origin.toLowerCase() === `http://${host}`;
}

export type TokenCheck = { ok: true; fromUrl: boolean } | { ok: false };

/** The token from `?token=` or from the cookie the first tokened request set. */
export function checkToken(req: IncomingMessage, url: URL, port: number, token: string): TokenCheck {
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null) return tokensEqual(fromUrl, token) ? { ok: true, fromUrl: true } : { ok: false };
  const fromCookie = readCookie(req.headers.cookie, cookieName(port));
  return tokensEqual(fromCookie, token) ? { ok: true, fromUrl: false } : { ok: false };
}

export const unauthorizedText =
  'Không có quyền truy cập: hãy mở TiepNhan bằng đường dẫn có mã (token) mà ứng dụng đã in ra.\n' +
  'Unauthorized: open TiepNhan with the link (including its token) that the app printed.\n';

export const badHostText = 'Địa chỉ máy chủ không hợp lệ. (Invalid Host header.)\n';
