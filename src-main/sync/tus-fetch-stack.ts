import type { HttpRequest, HttpResponse, HttpStack } from 'tus-js-client';
import type { FetchLike } from './sync-http.js';

/** One PATCH of 1 MiB over a 256 kbit/s link takes about 33 s; the same bound as a single PUT. */
const REQUEST_TIMEOUT_MS = 120_000;

/**
 * tus-js-client's transport on the desk's own fetch, so resumable uploads take the same road as
 * every other request: the configured proxy (undici ProxyAgent), a test's fault proxy.
 * tus-js-client's default Node stack opens its own http.request and would go direct, past the
 * proxy. A pause or stop of the engine arrives through upload.abort() (blob-upload.ts); each
 * request also ends after REQUEST_TIMEOUT_MS, so a link that dies silently fails the pass (and
 * the next one resumes) within two minutes instead of waiting out undici's five-minute limits.
 *
 * Progress: fetch does not report bytes sent, so a PATCH reports its whole chunk when the
 * server has answered (chunks are 1 MiB by default: the granularity of the progress bar).
 */
export function fetchHttpStack(fetchImpl: FetchLike): HttpStack {
  return {
    getName: () => 'TiepNhanFetchHttpStack',
    createRequest: (method, url) => new FetchRequest(fetchImpl, method, url),
  };
}

class FetchRequest implements HttpRequest {
  private readonly headers: Record<string, string> = {};
  private readonly controller = new AbortController();
  private onProgress: (bytesSent: number) => void = () => undefined;

  constructor(
    private readonly fetchImpl: FetchLike,
    private readonly method: string,
    private readonly url: string,
  ) {}

  getMethod(): string {
    return this.method;
  }
  getURL(): string {
    return this.url;
  }
  setHeader(header: string, value: string): void {
    this.headers[header] = value;
  }
  getHeader(header: string): string | undefined {
    return this.headers[header];
  }
  setProgressHandler(handler: (bytesSent: number) => void): void {
    this.onProgress = handler;
  }

  async send(body: unknown = null): Promise<HttpResponse> {
    // tus-js-client's Node file reader hands over Buffer slices (our uploads are Buffers).
    if (body !== null && body !== undefined && !(body instanceof Uint8Array)) {
      throw new Error(`tus: unsupported request body (${typeof body})`);
    }
    const res = await this.fetchImpl(this.url, {
      method: this.method,
      headers: this.headers,
      body: body ? new Uint8Array(body) : undefined,
      signal: AbortSignal.any([this.controller.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
    });
    const text = await res.text();
    if (body) this.onProgress(body.length);
    return new FetchResponse(res, text);
  }

  abort(): Promise<void> {
    this.controller.abort();
    return Promise.resolve();
  }

  getUnderlyingObject(): AbortController {
    return this.controller;
  }
}

class FetchResponse implements HttpResponse {
  constructor(
    private readonly res: Response,
    private readonly body: string,
  ) {}
  getStatus(): number {
    return this.res.status;
  }
  getHeader(header: string): string | undefined {
    return this.res.headers.get(header) ?? undefined;
  }
  getBody(): string {
    return this.body;
  }
  getUnderlyingObject(): Response {
    return this.res;
  }
}
