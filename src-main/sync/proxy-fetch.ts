import { fetch as undiciFetch, ProxyAgent } from 'undici';
import { isLoopbackHost } from './server-url.js';
import type { FetchLike } from './sync-http.js';

/**
 * The proxy for a server address from the usual environment variables (HTTPS_PROXY for
 * https://, HTTP_PROXY for http://, lower case too), unless NO_PROXY lists its host or the
 * server is on loopback. Node's global fetch ignores these variables, so they are read here.
 */
export function proxyFromEnv(serverUrl: string, env: NodeJS.ProcessEnv = process.env): string | null {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    return null;
  }
  if (isLoopbackHost(url.hostname)) return null;
  const proxy = url.protocol === 'https:' ? (env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy) : (env.HTTP_PROXY ?? env.http_proxy);
  if (!proxy) return null;
  const noProxy = (env.NO_PROXY ?? env.no_proxy ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const host = url.hostname.toLowerCase();
  if (noProxy.some((n) => n === '*' || host === n.replace(/^\./, '') || host.endsWith(n.startsWith('.') ? n : '.' + n))) return null;
  return proxy;
}

/**
 * A fetch whose requests go through an HTTP proxy (CONNECT for https://, absolute-form for
 * http://) with undici's ProxyAgent as the dispatcher. Used for every request to the server:
 * the record lane, the SSE stream, page uploads by PUT and by tus (tus-fetch-stack.ts).
 */
export function createProxyFetch(proxyUrl: string): FetchLike & { close(): Promise<void> } {
  const agent = new ProxyAgent(proxyUrl);
  const f = ((input: string, init?: RequestInit) =>
    undiciFetch(input, { ...(init as Record<string, unknown>), dispatcher: agent } as Parameters<typeof undiciFetch>[1]) as unknown as Promise<Response>) as FetchLike & { close(): Promise<void> };
  f.close = () => agent.close();
  return f;
}
