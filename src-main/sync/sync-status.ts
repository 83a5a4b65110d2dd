import type { Problem } from '../../src-shared/contract/errors.js';
import type { DossierSyncState, SyncEngineState, SyncStatus } from '../../src-shared/contract/sync-commands.js';
import type { Db } from '../db/open.js';
import { readSyncConfig } from './enroll.js';
import { getRefusals, getState, outboxStats } from './sync-repo.js';

type Row = {
  id: string; code: string | null; status: string;
  pushed: number | null; upload_pending: number | null; bytes_done: number | null; bytes_total: number | null;
  p_status: DossierSyncState['province'] extends infer P ? (P extends { status: infer S } ? S : null) : null;
  p_note: string | null; p_updated_at: string | null; has_province: number | null; conflicts: number;
};

const PER_DOSSIER_DEFAULT = 100;

const select = `SELECT d.id, d.code, d.status,
      s.dossier_id IS NOT NULL AS pushed, s.upload_pending, s.bytes_done, s.bytes_total,
      p.status AS p_status, p.note AS p_note, p.updated_at AS p_updated_at, p.dossier_id IS NOT NULL AS has_province,
      (SELECT COUNT(*) FROM sync_conflicts c WHERE c.dossier_id = d.id AND c.resolved_at IS NULL) AS conflicts
    FROM dossiers d
    LEFT JOIN sync_dossiers s ON s.dossier_id = d.id
    LEFT JOIN dossier_province_status p ON p.dossier_id = d.id`;

/** The sync screen's default list: the most recently changed dossiers (index dossiers_updated_at, migration 0008). */
export const latestDossiersSql = `${select} ORDER BY d.updated_at DESC LIMIT ?`;

/** Where each dossier stands; `ids` or the most recently changed dossiers. */
export function dossierSyncStates(db: Db, ids?: readonly string[]): DossierSyncState[] {
  const refusals = getRefusals(db);
  const rows = ids
    ? ids.flatMap((id) => (db.prepare(`${select} WHERE d.id = ?`).all(id) as Row[]))
    : (db.prepare(latestDossiersSql).all(PER_DOSSIER_DEFAULT) as Row[]);
  return rows.map((r) => ({
    dossierId: r.id,
    code: r.code,
    stage: r.status === 'draft' ? 'draft' : !r.pushed ? 'local_only' : r.upload_pending === 1 ? 'uploading' : 'at_province',
    bytesDone: r.bytes_done ?? 0,
    bytesTotal: r.bytes_total ?? 0,
    province: r.has_province ? { status: r.p_status, note: r.p_note ?? '', updatedAt: r.p_updated_at } : null,
    conflicts: r.conflicts,
    refusal: refusals[r.id] ?? null,
  }));
}

export function syncStatus(db: Db, engine: { state(): SyncEngineState; nextAttemptAt(): Date | null }, ids?: readonly string[]): SyncStatus {
  const config = readSyncConfig(db);
  const outbox = outboxStats(db);
  // Dossiers pushed but with pages still on their way are not synced yet either.
  const uploading = db.prepare('SELECT COUNT(*) AS n, MIN(pushed_at) AS oldest FROM sync_dossiers WHERE upload_pending = 1 AND dossier_id NOT IN (SELECT dossier_id FROM sync_outbox)').get() as { n: number; oldest: string | null };
  const oldest = [outbox.oldest, uploading.oldest].filter((v): v is string => v !== null).sort()[0] ?? null;
  return {
    state: engine.state(),
    enrolled: config !== null,
    serverUrl: config?.serverUrl ?? null,
    queueLength: outbox.count + uploading.n,
    oldestUnsyncedAt: oldest,
    lastSuccessAt: getState<string>(db, 'lastSuccessAt'),
    lastProblem: getState<Problem | null>(db, 'lastProblem'),
    lastError: getState<string | null>(db, 'lastError'),
    nextAttemptAt: engine.nextAttemptAt()?.toISOString() ?? null,
    perDossier: dossierSyncStates(db, ids),
  };
}
