import type { replicationCommands } from '../../src-shared/contract/replication-commands.js';
import type { Db } from '../db/open.js';
import type { HandlersOf } from '../ipc/handler-types.js';
import { pullDossiers } from './dossier-feed.js';

export function replicationHandlers(db: Db): HandlersOf<typeof replicationCommands> {
  return {
    'replication.pullDossiers': ({ checkpoint, limit }) => pullDossiers(db, checkpoint, limit),
  };
}
