import { Upload, type UrlStorage } from 'tus-js-client';
import { BlobPutResponse, TUS_SHA256_METADATA } from '../../src-shared/sync/wire.js';
import { SyncHttpError, type SyncHttp } from './sync-http.js';
import { fetchHttpStack } from './tus-fetch-stack.js';

export type BlobUploadOptions = {
  /** Files above this go by tus (resumable mid-file); smaller ones by one PUT. */
  tusThresholdBytes: number;
  /** tus PATCH size; also the granularity of the bandwidth cap. */
  tusChunkBytes: number;
  /** Bytes per second, or null for no cap. */
  bandwidth: () => number | null;
  sleep: (ms: number) => Promise<void>;
  urlStorage: UrlStorage;
};

export type BlobUploadResult = { via: 'put' | 'tus'; /** Offset a tus upload resumed from (0 = from the start). */ resumedFrom: number };

// Defaults: "anything over a few MB" goes resumable (issue 5); 1 MiB PATCHes bound what a cut loses.
export const DEFAULT_TUS_THRESHOLD = 2 * 1024 * 1024;
export const DEFAULT_TUS_CHUNK = 1024 * 1024;

/**
 * Uploads one page file the server lacks. The server re-hashes every byte (PUT and tus) and
 * refuses a mismatch; `onBytes` reports absolute bytes of this file sent so far, and the
 * offset a resumed tus upload started from (bytes the server already had).
 */
export async function uploadBlob(
  http: SyncHttp,
  data: Buffer,
  sha256: string,
  opts: BlobUploadOptions,
  onBytes: (sent: number, resumedFrom: number) => void,
  signal: AbortSignal,
): Promise<BlobUploadResult> {
  if (data.length <= opts.tusThresholdBytes) {
    // Long enough for a small page over a 256 kbit/s link.
    const res = await http.raw('PUT', `/blobs/${sha256}`, { body: Uint8Array.from(data), headers: { 'content-type': 'application/octet-stream' }, signal: anySignal(signal, 120_000) });
    BlobPutResponse.parse(await res.json());
    onBytes(data.length, 0);
    // The cap averages over each file: wait as long as the file should have taken.
    const cap = opts.bandwidth();
    if (cap) await opts.sleep((data.length / cap) * 1000);
    return { via: 'put', resumedFrom: 0 };
  }
  return tusUpload(http, data, sha256, opts, onBytes, signal);
}

function anySignal(signal: AbortSignal, timeoutMs: number): AbortSignal {
  return AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
}

function tusUpload(http: SyncHttp, data: Buffer, sha256: string, opts: BlobUploadOptions, onBytes: (sent: number, resumedFrom: number) => void, signal: AbortSignal): Promise<BlobUploadResult> {
  return new Promise((resolve, reject) => {
    let resumedFrom = 0;
    let lastChunk = 0;
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      fn();
    };
    const upload = new Upload(data, {
      endpoint: http.baseUrl + '/tus',
      headers: { authorization: http.authHeader() },
      // The desk's fetch: through the proxy when one is set, like every other request.
      httpStack: fetchHttpStack(http.fetch),
      metadata: { [TUS_SHA256_METADATA]: sha256 },
      chunkSize: opts.tusChunkBytes,
      // Retries belong to the engine (backoff with jitter); the next pass resumes from storage.
      retryDelays: null,
      urlStorage: opts.urlStorage,
      fingerprint: async () => `tus:${http.baseUrl}:${sha256}`,
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      onBeforeRequest: async (req) => {
        const cap = opts.bandwidth();
        if (cap && req.getMethod() === 'PATCH' && lastChunk > 0) await opts.sleep((lastChunk / cap) * 1000);
      },
      onAfterResponse: (req, res) => {
        if (req.getMethod() === 'HEAD') resumedFrom = Number(res.getHeader('Upload-Offset') ?? 0);
      },
      onChunkComplete: (chunk) => {
        lastChunk = chunk;
      },
      onProgress: (sent) => onBytes(sent, resumedFrom),
      onError: (error) => {
        const res = (error as { originalResponse?: { getStatus(): number; getBody(): string } | null }).originalResponse;
        finish(() => reject(new SyncHttpError(res?.getStatus() ?? 0, null, `tus: ${error.message.split('\n')[0]}`, envelopeFields(res?.getBody()))));
      },
      onSuccess: () => {
        onBytes(data.length, resumedFrom);
        finish(() => resolve({ via: 'tus', resumedFrom }));
      },
    });
    const onAbort = () => {
      void upload.abort(false);
      finish(() => reject(new SyncHttpError(0, null, 'aborted')));
    };
    signal.addEventListener('abort', onAbort);
    if (signal.aborted) return onAbort();
    upload
      .findPreviousUploads()
      .then((previous) => {
        if (previous[0]) upload.resumeFromPreviousUpload(previous[0]);
        upload.start();
      })
      .catch((error: unknown) => finish(() => reject(error)));
  });
}

/** The `fields` of the server's error envelope in a tus answer (a quota refusal says which quota). */
function envelopeFields(body: string | undefined): Record<string, string> {
  try {
    const f = (JSON.parse(body ?? '') as { error?: { fields?: Record<string, unknown> } }).error?.fields ?? {};
    return Object.fromEntries(Object.entries(f).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}
