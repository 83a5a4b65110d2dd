import { AppError } from '../../src-shared/contract/errors.js';
import type { Clock } from '../kernel/clock.js';
import type { Db } from '../db/open.js';
import { listConflicts, resolveConflict } from './sync-repo.js';

const conflictMessages = {
  province_locked: 'Tỉnh đã tiếp nhận xử lý hồ sơ nên không nhận thay đổi từ máy một cửa. Thay đổi của máy được lưu lại để đối chiếu.',
  stale_assumed_state: 'Hồ sơ trên máy chủ tỉnh đã khác bản máy này biết. Máy sẽ gửi lại bản mới nhất ở lần đồng bộ sau.',
} as const;

/** Pushes the province refused, kept for a supervisor to look at and mark as dealt with. */
export function createSyncConflicts(db: Db, clock: Clock) {
  return {
    list: (dossierId: string | undefined, includeResolved: boolean) =>
      listConflicts(db, dossierId, includeResolved).map((c) => ({
        id: c.id,
        dossierId: c.dossier_id,
        reason: c.reason,
        message: conflictMessages[c.reason],
        at: c.at,
        resolvedAt: c.resolved_at,
      })),

    resolve(id: number): void {
      if (!resolveConflict(db, id, clock.now().toISOString())) throw new AppError('NOT_FOUND', 'Không tìm thấy xung đột chưa xử lý này.');
    },
  };
}

export type SyncConflicts = ReturnType<typeof createSyncConflicts>;
