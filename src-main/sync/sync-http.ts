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

/** Vietnamese text for the status panel. */
export function describeSyncError(error: unknown): string {
  if (error instanceof SyncHttpError) {
    if (error.status === 0) return 'Không kết nối được máy chủ tỉnh (mất mạng hoặc máy chủ không trả lời). Sẽ thử lại tự động.';
    if (error.status === 401) return 'Máy chủ tỉnh từ chối thiết bị này (đã bị thu hồi hoặc mã xác thực sai). Cần đăng ký lại máy.';
    if (error.status === 403) return 'Máy chủ tỉnh không cho phép thiết bị này gửi hồ sơ của điểm tiếp nhận khác.';
    if (error.status === 413 && error.fields.quota === 'stored') return 'Máy này đã dùng hết dung lượng lưu trang được cấp trên máy chủ tỉnh; hãy liên hệ CNTT tỉnh.';
    if (error.status === 413 && error.fields.quota === 'reserved') return 'Máy này đang có quá nhiều tệp tải dở trên máy chủ tỉnh; sẽ thử lại tự động.';
    if (error.status === 413) return 'Tệp quá lớn so với giới hạn của máy chủ tỉnh.';
    if (error.status === 429) return 'Máy chủ tỉnh tạm chặn vì nhập sai mã đăng ký quá nhiều lần; hãy chờ rồi thử lại, hoặc nhờ CNTT tỉnh mở khoá.';
    if (error.status >= 500) return `Máy chủ tỉnh gặp lỗi (${error.status}). Sẽ thử lại tự động.`;
    return `Máy chủ tỉnh trả lỗi (${error.message}).`;
  }
  return `Lỗi đồng bộ: ${(error as Error)?.message ?? String(error)}`;
}
