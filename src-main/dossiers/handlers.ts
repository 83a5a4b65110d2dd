import type { dossiersCommands } from '../../src-shared/contract/dossiers-commands.js';
import type { KernelDeps } from '../kernel/deps.js';
import { callerOf, type HandlersOf } from '../ipc/handler-types.js';
import { createDossier, dossierOrFail, receiveDossier, updateDossier } from './dossier-service.js';

/** Dossier drafts and receiving; the logic lives in dossier-service and src-shared/domain. */
export function dossiersHandlers(deps: Pick<KernelDeps, 'db' | 'clock' | 'settings'>): HandlersOf<typeof dossiersCommands> {
  return {
    'dossiers.create': (input, ctx) => createDossier(deps, input, callerOf(ctx)),
    'dossiers.update': ({ id, draft }, ctx) => updateDossier(deps, id, draft, callerOf(ctx)),
    'dossiers.receive': ({ id }, ctx) => receiveDossier(deps, id, callerOf(ctx)),
    'dossiers.get': ({ id }) => dossierOrFail(deps.db, id),
  };
}
