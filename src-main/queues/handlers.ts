import type { queuesCommands } from '../../src-shared/contract/queues-commands.js';
import { callerOf, type HandlersOf } from '../ipc/handler-types.js';
import type { QueuesService } from './queues-service.js';

/** The desk's work queues; counts travel by replication (replication/queue-feed.ts). */
export function queuesHandlers(queues: QueuesService): HandlersOf<typeof queuesCommands> {
  return {
    'queues.list': (input, ctx) => queues.list(input, callerOf(ctx)),
  };
}
