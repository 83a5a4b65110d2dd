import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Core } from '../app/core.js';
import {
  badHostText,
  checkToken,
  hostAllowed,
  newLaunchToken,
  originAllowed,
  tokenCookie,
  unauthorizedText,
} from './access-guard.js';
import { resolveStatic, securityHeaders, sendFile } from './static-files.js';
import { attachConnection, type Connection } from './ws-connection.js';

export type WebHostOptions = {
  core: Core;
  /** 0 = any free port. */
  port: number;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** Only loopback is allowed: the host has no TLS and trusts whoever holds the token. */
  host?: string;
  /** Largest WebSocket message; attaching a scanned dossier's pages is the biggest one. */
  maxMessageBytes?: number;
};

export type WebHost = { url: string; port: number; token: string; close(): Promise<void> };

/** 25 MB: a batch of scanned A4 pages at 300 dpi as JPEG, with room to spare. */
export const defaultMaxMessageBytes = 25 * 1024 * 1024;

export class BindAddressError extends Error {
  constructor(host: string) {
    super(`Máy chủ web chỉ được lắng nghe trên 127.0.0.1, không phải "${host}". (The web host binds to 127.0.0.1 only, not "${host}".)`);
    this.name = 'BindAddressError';
  }
}

function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function refuseUpgrade(socket: Duplex, status: 401 | 403 | 404 | 421, text: string): void {
  const reason = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 421: 'Misdirected Request' }[status];
  const body = Buffer.from(text);
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\n\r\n${text}`,
  );
}

/**
 * Serves the renderer and carries the contract over a WebSocket at `/ws`, on loopback,
 * behind a per-launch token (URL `?token=` or the HttpOnly cookie it sets).
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { core, staticDir, host = '127.0.0.1' } = options;
  if (host !== '127.0.0.1') throw new BindAddressError(host);
  const token = newLaunchToken();
  let port = options.port;
  const connections = new Set<Connection>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes ?? defaultMaxMessageBytes });

  const version = async (): Promise<string> => {
    const info = await core.dispatch('setup.status', {}, null);
    return info.ok ? (info.value as { version: string }).version : 'unknown';
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const headers = securityHeaders(port);
    if (!hostAllowed(req, port)) return plain(res, 421, badHostText, headers);
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const check = checkToken(req, url, port, token);
    if (!check.ok) return plain(res, 401, unauthorizedText, headers);
    if (check.fromUrl) headers['Set-Cookie'] = tokenCookie(port, token);
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Method Not Allowed\n', { ...headers, Allow: 'GET, HEAD' });
    if (url.pathname === '/health') {
      res.writeHead(200, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify({ ok: true, version: await version() }));
      return;
    }
    const file = resolveStatic(staticDir, url.pathname);
    if (!file) return plain(res, 404, 'Không tìm thấy. (Not found.)\n', headers);
    sendFile(res, file, headers, req.method === 'HEAD');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      core.logger.error('web host request failed', { error });
      if (!res.headersSent) plain(res, 500, 'Lỗi nội bộ. (Internal error.)\n');
      else res.destroy();
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    if (!hostAllowed(req, port)) return refuseUpgrade(socket, 421, badHostText);
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (!checkToken(req, url, port, token).ok) return refuseUpgrade(socket, 401, unauthorizedText);
    if (!originAllowed(req, port)) return refuseUpgrade(socket, 403, 'Nguồn không hợp lệ. (Cross-origin WebSocket refused.)\n');
    if (url.pathname !== '/ws') return refuseUpgrade(socket, 404, 'Not found\n');
    wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = attachConnection(ws, core);
      connections.add(connection);
      ws.on('close', () => connections.delete(connection));
    });
  });

  const unsubscribe = core.events.subscribe((event, payload) => {
    for (const c of connections) c.deliver(event, payload);
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolvePromise();
    });
  }).catch((error: unknown) => {
    unsubscribe();
    throw error;
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('web host has no TCP address');
  port = address.port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      unsubscribe();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
