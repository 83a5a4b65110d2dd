import type { syncCommands } from '../../src-shared/contract/sync-commands.js';
import type { HandlersOf } from '../ipc/handler-types.js';
import type { DeskSync } from './desk-sync.js';
import type { SyncConflicts } from './sync-conflicts.js';
import { assertMayChangeOptions } from './sync-options.js';

export function syncHandlers(sync: DeskSync, conflicts: SyncConflicts): HandlersOf<typeof syncCommands> {
  return {
    'sync.enroll': (input) => sync.enroll(input),
    'sync.status': ({ dossierIds }) => sync.status(dossierIds),
    'sync.now': () => {
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
      assertMayChangeOptions(input, ctx.user?.role === 'admin');
      return sync.setOptions(input);
    },
    'sync.conflicts': ({ dossierId, includeResolved }) => conflicts.list(dossierId, includeResolved),
    'sync.resolveConflict': ({ id }) => {
      conflicts.resolve(id);
      return { done: true };
    },
  };
}
