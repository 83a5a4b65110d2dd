import type { catalogCommands } from '../../src-shared/contract/catalog-commands.js';
import { toLocal } from '../../src-shared/domain/local-time.js';
import type { KernelDeps } from '../kernel/deps.js';
import type { HandlersOf } from '../ipc/handler-types.js';
import { listProcedures } from './catalog-repo.js';

export function catalogHandlers({ db, clock, settings }: Pick<KernelDeps, 'db' | 'clock' | 'settings'>): HandlersOf<typeof catalogCommands> {
  return {
    // The catalog in force on the desk's local date.
    'catalog.procedures': () => listProcedures(db, toLocal(clock.now(), settings().timeZone).date),
  };
}
