import type { RxCollection, RxJsonSchema, RxReplicationPullStreamItem } from 'rxdb';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { Subject } from 'rxjs';
import { queueIds, type QueueSummary } from '../../src-shared/contract/queues-commands.js';
import type { Checkpoint } from '../../src-shared/contract/schemas.js';
import type { Client } from '../ipc/client.js';

/** The RxDB document of a queue: its count and oldest item, as counted for the signed-in user. */
export type QueueDoc = Omit<QueueSummary, '_deleted'>;

export const queueSchema: RxJsonSchema<QueueDoc> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', enum: [...queueIds], maxLength: 40 },
    count: { type: 'integer' },
    oldestAt: { type: ['string', 'null'] },
    seq: { type: 'integer' },
  },
  required: ['id', 'count', 'seq'],
};

/**
 * Keeps the `queues` collection current: a checkpoint pull ('replication.pullQueues', counted for
 * this user by main), and on every 'replication.queues' event a RESYNC, since counts differ per
 * user and the event carries none. Returns the initial pull and a way to stop.
 */
export function replicateQueues(collection: RxCollection<QueueDoc>, client: Client): { ready: Promise<void>; resync(): void; cancel(): Promise<void> } {
  const stream$ = new Subject<RxReplicationPullStreamItem<QueueDoc, Checkpoint>>();
  const offEvent = client.connection.bridge.onEvent((event) => {
    if (event === 'replication.queues') stream$.next('RESYNC');
  });
  const offState = client.connection.onState((_state, reconnected) => {
    if (reconnected) stream$.next('RESYNC');
  });
  const replication = replicateRxCollection<QueueDoc, Checkpoint>({
    replicationIdentifier: 'tiepnhan-main-queues',
    collection,
    live: true,
    retryTime: 2_000,
    waitForLeadership: false,
    pull: {
      // One more than a pull can answer: RxDB pulls again when a pull returns a full batch.
      batchSize: queueIds.length + 1,
      async handler(checkpoint) {
        const result = await client.call('replication.pullQueues', { checkpoint: checkpoint ?? null });
        if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
        return { documents: result.value.documents, checkpoint: result.value.checkpoint ?? checkpoint ?? { seq: 0 } };
      },
      stream$: stream$.asObservable(),
    },
  });
  return {
    ready: replication.awaitInitialReplication(),
    resync: () => stream$.next('RESYNC'),
    async cancel() {
      offEvent();
      offState();
      stream$.complete();
      await replication.cancel();
    },
  };
}
