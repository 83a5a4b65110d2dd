import { AppError } from '../../src-shared/contract/errors.js';
import { problemText } from '../../src-shared/i18n/problems/index.js';
import type { Clock } from '../kernel/clock.js';
import type { Db } from '../db/open.js';
import { listConflicts, resolveConflict } from './sync-repo.js';

/** Pushes the province refused, kept for a supervisor to look at and mark as dealt with. */
export function createSyncConflicts(db: Db, clock: Clock) {
  return {
    list: (dossierId: string | undefined, includeResolved: boolean) =>
      listConflicts(db, dossierId, includeResolved).map((c) => ({
        id: c.id,
        dossierId: c.dossier_id,
        reason: c.reason,
        problem: { key: `sync.conflict.${c.reason}` as const },
        message: problemText('vi', `sync.conflict.${c.reason}`),
        at: c.at,
        resolvedAt: c.resolved_at,
      })),

    resolve(id: number): void {
      if (!resolveConflict(db, id, clock.now().toISOString())) throw new AppError('NOT_FOUND', 'sync.conflictNotFound');
    },
  };
}

export type SyncConflicts = ReturnType<typeof createSyncConflicts>;
