import type { SyncOptions } from '../../src-shared/contract/sync-commands.js';
import type { SyncConfig } from './enroll.js';
import { checkServerUrl } from './server-url.js';
import { createSyncHttp, type FetchLike, type SyncHttp } from './sync-http.js';

/**
 * An HTTP client for the enrolled device: the server's address re-checked against the options
 * on every use (an admin may have withdrawn the HTTP exception since enrollment), requests
 * signed with the device id and credential, all of them ended by `signal` when given.
 */
export function deviceHttp(config: SyncConfig, credential: string, options: Pick<SyncOptions, 'allowInsecureHttp'>, fetch: FetchLike, signal?: AbortSignal): SyncHttp {
  const baseUrl = checkServerUrl(config.serverUrl, options.allowInsecureHttp);
  return createSyncHttp({ baseUrl, fetch, auth: () => `Bearer ${config.deviceId}.${credential}`, ...(signal ? { signal } : {}) });
}
