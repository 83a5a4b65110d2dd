import type { replicationCommands } from '../../src-shared/contract/replication-commands.js';
import type { Db } from '../db/open.js';
import type { HandlersOf } from '../ipc/handler-types.js';
import type { QueuesService } from '../queues/queues-service.js';
import { pullDossiers } from './dossier-feed.js';
import { pullQueues } from './queue-feed.js';

export function replicationHandlers(db: Db, queues: QueuesService): HandlersOf<typeof replicationCommands> {
  return {
    'replication.pullDossiers': ({ checkpoint, limit }) => pullDossiers(db, checkpoint, limit),
    'replication.pullQueues': ({ checkpoint }, ctx) => pullQueues(db, checkpoint, () => queues.counts(ctx.user)),
  };
}
