import { AppError } from '../../src-shared/contract/errors.js';
import { EnrollResponse } from '../../src-shared/sync/wire.js';
import type { Clock } from '../kernel/clock.js';
import { readSettings, writeSettings } from '../settings/settings-repo.js';
import type { Db } from '../db/open.js';
import type { CredentialStore } from './credential-store.js';
import { checkServerUrl } from './server-url.js';
import { createSyncHttp, SyncHttpError, syncProblem, type FetchLike } from './sync-http.js';
import { getState, setState } from './sync-repo.js';

export type SyncConfig = { serverUrl: string; deviceId: string; receptionPoint: { id: string; code: string; name: string } };

export function readSyncConfig(db: Db): SyncConfig | null {
  return getState<SyncConfig>(db, 'config');
}

export type EnrollDeps = { db: Db; fetch: FetchLike; credentials: CredentialStore; clock: Clock; allowInsecureHttp: () => boolean };

/**
 * Exchanges a one-time enrollment code for a device credential (POST /enroll). The desk's
 * slot and block size go into settings in one transaction with the sync config, so dossier
 * codes issued offline by the desks of one reception point never collide.
 */
export async function enrollDesk(deps: EnrollDeps, input: { serverUrl: string; code: string; deviceName: string }) {
  const settings = readSettings(deps.db);
  if (!settings) throw new AppError('SETUP_REQUIRED');
  const baseUrl = checkServerUrl(input.serverUrl, deps.allowInsecureHttp());
  const http = createSyncHttp({ baseUrl, fetch: deps.fetch, auth: () => '' });
  let answer: EnrollResponse;
  try {
    answer = await http.json('POST', '/enroll', { code: input.code, deviceName: input.deviceName }, EnrollResponse);
  } catch (error) {
    if (error instanceof SyncHttpError && error.status === 401) throw new AppError('BAD_CREDENTIALS', 'sync.enrollBadCode');
    if (error instanceof SyncHttpError && error.status === 409) throw new AppError('CONFLICT', 'sync.enrollPointFull');
    if (error instanceof SyncHttpError && error.status === 429) throw new AppError('BAD_CREDENTIALS', 'sync.enrollThrottled');
    if (error instanceof SyncHttpError && error.status === 0) {
      throw new AppError('INTERNAL', 'sync.enrollUnreachable', { serverUrl: 'enroll.unreachable' });
    }
    throw new AppError('INTERNAL', syncProblem(error));
  }
  // Dossier codes carry the desk's unit code; a desk enrolled under another unit would number
  // dossiers the province files elsewhere.
  if (answer.receptionPoint.code !== settings.receptionPoint.agencyCode) {
    throw new AppError(
      'VALIDATION',
      { key: 'sync.enrollOtherPoint', params: { code: answer.receptionPoint.code, name: answer.receptionPoint.name, own: settings.receptionPoint.agencyCode } },
      { code: 'enroll.otherPoint' },
    );
  }
  deps.credentials.save(answer.credential);
  const config: SyncConfig = { serverUrl: baseUrl, deviceId: answer.deviceId, receptionPoint: answer.receptionPoint };
  deps.db.transaction(() => {
    setState(deps.db, 'config', config);
    setState(deps.db, 'enrolledAt', deps.clock.now().toISOString());
    writeSettings(deps.db, { deskSlot: answer.deskSlot, slotBlockSize: answer.slotBlockSize });
  })();
  return {
    deviceId: answer.deviceId,
    receptionPoint: answer.receptionPoint,
    deskSlot: answer.deskSlot,
    slotBlockSize: answer.slotBlockSize,
    credentialEncrypted: deps.credentials.encrypted,
  };
}
