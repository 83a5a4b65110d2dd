import type { Problem } from '../../src-shared/contract/errors.js';
import { problemText } from '../../src-shared/i18n/problems/index.js';
import type { z } from 'zod';
import { errorCodes, type ErrorCode } from '../../src-shared/contract/errors.js';

/** The network transport, injected (DESIGN.md habit 4): global fetch, a proxying fetch, or a test's. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** A failed exchange with the server: `status` 0 when the network itself failed. */
export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | null,
    message: string,
    /** The envelope's `fields`, when the server sent any (e.g. which dossiers a push refused). */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }
  /** Worth trying again later: network errors, timeouts, 408/429 and 5xx. Auth or 4xx: not without a change. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

export type SyncHttp = {
  readonly baseUrl: string;
  json<T extends z.ZodType>(method: string, path: string, body: unknown, schema: T, timeoutMs?: number): Promise<z.output<T>>;
  raw(method: string, path: string, init?: RequestInit & { timeoutMs?: number }): Promise<Response>;
  authHeader(): string;
  /** The transport itself (proxy included), for clients that read statuses themselves: tus. */
  readonly fetch: FetchLike;
};

const DEFAULT_TIMEOUT_MS = 30_000;

/** `signal` (optional) ends every request of this client at once: pause or stop of the engine. */
export function createSyncHttp(opts: { baseUrl: string; fetch: FetchLike; auth: () => string; signal?: AbortSignal }): SyncHttp {
  const raw: SyncHttp['raw'] = async (method, path, init = {}) => {
    const { timeoutMs = DEFAULT_TIMEOUT_MS, ...rest } = init;
    const own = rest.signal ?? AbortSignal.timeout(timeoutMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, own]) : own;
    let res: Response;
    try {
      res = await opts.fetch(opts.baseUrl + path, {
        ...rest,
        method,
        signal,
        headers: { authorization: opts.auth(), ...(rest.headers as Record<string, string> | undefined) },
      });
    } catch (error) {
      throw new SyncHttpError(0, null, `network: ${(error as Error).message}`);
    }
    if (!res.ok) {
      const text = await res.text().catch(() => '');
      let code: ErrorCode | null = null;
      let message = `HTTP ${res.status}`;
      let fields: Record<string, string> = {};
      try {
        const env = JSON.parse(text) as { error?: { code?: string; message?: string; fields?: unknown } };
        if (env.error?.code && (errorCodes as readonly string[]).includes(env.error.code)) code = env.error.code as ErrorCode;
        if (env.error?.message) message = `HTTP ${res.status}: ${env.error.message}`;
        const f = env.error?.fields;
        if (f && typeof f === 'object') fields = Object.fromEntries(Object.entries(f).filter((e): e is [string, string] => typeof e[1] === 'string'));
      } catch {
        // Not our envelope (a proxy's error page): keep the status line.
      }
      throw new SyncHttpError(res.status, code, message, fields);
    }
    return res;
  };
  return {
    baseUrl: opts.baseUrl,
    raw,
    fetch: opts.fetch,
    authHeader: opts.auth,
    async json(method, path, body, schema, timeoutMs) {
      const res = await raw(method, path, {
        timeoutMs,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      let parsed: unknown;
      try {
        parsed = await res.json();
      } catch (error) {
        throw new SyncHttpError(0, null, `network: ${(error as Error).message}`);
      }
      const result = schema.safeParse(parsed);
      if (!result.success) throw new SyncHttpError(502, null, `unexpected answer from ${path}`);
      return result.data;
    },
  };
}

/** What went wrong with a request to the province, for the status panel (in the reader's language). */
export function syncProblem(error: unknown): Problem {
  if (error instanceof SyncHttpError) {
    if (error.status === 0) return { key: 'sync.offline' };
    if (error.status === 401) return { key: 'sync.deviceRefused' };
    if (error.status === 403) return { key: 'sync.otherPoint' };
    if (error.status === 413 && error.fields.quota === 'stored') return { key: 'sync.quotaStored' };
    if (error.status === 413 && error.fields.quota === 'reserved') return { key: 'sync.quotaReserved' };
    if (error.status === 413) return { key: 'sync.tooLarge' };
    if (error.status === 429) return { key: 'sync.enrollThrottled' };
    if (error.status >= 500) return { key: 'sync.serverError', params: { status: error.status } };
    return { key: 'sync.serverRefused', params: { detail: error.message } };
  }
  return { key: 'sync.failed', params: { detail: (error as Error)?.message ?? String(error) } };
}

/** The same in Vietnamese, for logs and the outbox row's last error. */
export function describeSyncError(error: unknown): string {
  const p = syncProblem(error);
  return problemText('vi', p.key, p.params);
}
