import type { z } from 'zod';
import { AppError } from '../../src-shared/contract/errors.js';
import { syncCommands, type SyncCommandName } from '../../src-shared/contract/sync-commands.js';
import type { CallContext } from '../ipc/handler-types.js';
import type { DeskSync } from './desk-sync.js';
import { listConflicts, resolveConflict } from './sync-repo.js';

type SyncCommands = typeof syncCommands;
/** Typed against sync-commands.ts so they compile before the integrator spreads `syncCommands` into commands.ts. */
type SyncHandler<N extends SyncCommandName> = (
  input: z.output<SyncCommands[N]['input']>,
  ctx: CallContext,
) => z.input<SyncCommands[N]['output']> | Promise<z.input<SyncCommands[N]['output']>>;
export type SyncHandlers = { [N in SyncCommandName]: SyncHandler<N> };

const conflictMessages = {
  province_locked: 'Tỉnh đã tiếp nhận xử lý hồ sơ nên không nhận thay đổi từ máy một cửa. Thay đổi của máy được lưu lại để đối chiếu.',
  stale_assumed_state: 'Hồ sơ trên máy chủ tỉnh đã khác bản máy này biết. Máy sẽ gửi lại bản mới nhất ở lần đồng bộ sau.',
} as const;

export function syncHandlers(sync: DeskSync): SyncHandlers {
  return {
    'sync.enroll': (input) => sync.enroll(input),
    'sync.status': ({ dossierIds }) => sync.status(dossierIds),
    'sync.now': async () => {
      void sync.engine.syncOnce();
      return { done: true };
    },
    'sync.pause': async () => {
      await sync.engine.pause();
      return { done: true };
    },
    'sync.resume': () => {
      sync.engine.resume();
      return { done: true };
    },
    'sync.options': () => sync.options(),
    'sync.setOptions': (input, ctx) => {
      // Plain HTTP sends citizens' data in clear: only an admin may allow it.
      if (input.allowInsecureHttp !== undefined && ctx.user?.role !== 'admin') {
        throw new AppError('FORBIDDEN', 'Chỉ quản trị viên được cho phép kết nối HTTP không mã hoá.');
      }
      // A proxy sees where every request goes (and all of plain HTTP): an admin's decision too.
      if (input.proxyUrl !== undefined && ctx.user?.role !== 'admin') {
        throw new AppError('FORBIDDEN', 'Chỉ quản trị viên được đặt máy chủ proxy.');
      }
      return sync.setOptions(input);
    },
    'sync.conflicts': ({ dossierId, includeResolved }) =>
      listConflicts(sync.db, dossierId, includeResolved).map((c) => ({
        id: c.id,
        dossierId: c.dossier_id,
        reason: c.reason,
        message: conflictMessages[c.reason],
        at: c.at,
        resolvedAt: c.resolved_at,
      })),
    'sync.resolveConflict': ({ id }) => {
      if (!resolveConflict(sync.db, id, sync.clock.now().toISOString())) throw new AppError('NOT_FOUND', 'Không tìm thấy xung đột chưa xử lý này.');
      return { done: true };
    },
  };
}
