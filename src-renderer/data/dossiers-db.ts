import { createRxDatabase, type RxCollection, type RxDatabase, type RxJsonSchema } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { RxReplicationPullStreamItem } from 'rxdb';
import { Subject } from 'rxjs';
import type { Checkpoint, DossierSummary } from '../../src-shared/contract/schemas.js';
import type { EventPayload } from '../../src-shared/contract/events.js';
import type { Client } from '../ipc/client.js';
import { queueSchema, replicateQueues, type QueueDoc } from './queues-replication.js';

/** The RxDB document: DossierSummary without the replication's deleted flag. */
export type DossierDoc = Omit<DossierSummary, '_deleted'>;

const nullableString = { type: ['string', 'null'] } as const;

/** JSON schema of the read model, mirroring DossierSummary in src-shared/contract/schemas.ts. */
const dossierSchema: RxJsonSchema<DossierDoc> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 36 },
    status: { type: 'string', enum: ['draft', 'received'] },
    code: nullableString,
    procedureCode: { type: 'string' },
    procedureName: { type: 'string' },
    applicantName: { type: 'string' },
    applicantIdNumber: { type: 'string' },
    receivedAt: nullableString,
    appointmentAt: nullableString,
    updatedAt: { type: 'string' },
    assignedTo: { type: 'string' },
    reviewState: { type: 'string', enum: ['none', 'pending', 'returned', 'approved'] },
    returnReasons: { type: 'array', items: { type: 'string' } },
    closedAt: nullableString,
    seq: { type: 'integer' },
  },
  required: ['id', 'status', 'procedureCode', 'applicantName', 'updatedAt', 'assignedTo', 'reviewState', 'seq'],
};

export type DossiersStore = {
  dossiers: RxCollection<DossierDoc>;
  /** The work queues' counts for the signed-in user (queues-replication.ts). */
  queues: RxCollection<QueueDoc>;
  /** Resolves once the first pull has caught up (the list can stop showing its spinner). */
  ready: Promise<void>;
  /** Resolves once the queue counts are in: a few documents, long before the dossiers on a big desk. */
  queuesReady: Promise<void>;
  /** Re-pulls from the last checkpoint (after a lock, when events were withheld). */
  resync(): void;
  close(): Promise<void>;
};

let counter = 0;

/**
 * An in-memory RxDB with the `dossiers` collection replicated from main: checkpoint pull
 * through 'replication.pullDossiers', live stream from the 'replication.dossiers' event,
 * and RESYNC when the link to main comes back; and the `queues` collection (queue counts,
 * queues-replication.ts). No push: writes go through commands.
 * Memory storage because main's SQLite is the truth; each window rebuilds on sign-in.
 */
export async function openDossiersStore(client: Client): Promise<DossiersStore> {
  const db: RxDatabase<{ dossiers: RxCollection<DossierDoc>; queues: RxCollection<QueueDoc> }> = await createRxDatabase({
    name: `tiepnhan-${Date.now()}-${counter++}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
    eventReduce: true,
  });
  await db.addCollections({ dossiers: { schema: dossierSchema }, queues: { schema: queueSchema } });
  const queues = replicateQueues(db.queues, client);

  const stream$ = new Subject<RxReplicationPullStreamItem<DossierDoc, Checkpoint>>();
  const offEvent = client.connection.bridge.onEvent((event, payload) => {
    if (event !== 'replication.dossiers') return;
    const { documents, checkpoint } = payload as EventPayload<'replication.dossiers'>;
    stream$.next({ documents, checkpoint });
  });
  const offState = client.connection.onState((_state, reconnected) => {
    if (reconnected) stream$.next('RESYNC');
  });

  const replication: RxReplicationState<DossierDoc, Checkpoint> = replicateRxCollection<DossierDoc, Checkpoint>({
    replicationIdentifier: 'tiepnhan-main-dossiers',
    collection: db.dossiers,
    live: true,
    retryTime: 2_000,
    waitForLeadership: false,
    pull: {
      batchSize: 200,
      async handler(checkpoint, batchSize) {
        const result = await client.call('replication.pullDossiers', { checkpoint: checkpoint ?? null, limit: batchSize });
        // Throwing makes RxDB retry after retryTime (e.g. while offline or locked).
        if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
        return { documents: result.value.documents, checkpoint: result.value.checkpoint ?? checkpoint ?? { seq: 0 } };
      },
      stream$: stream$.asObservable(),
    },
  });

  return {
    dossiers: db.dossiers,
    queues: db.queues,
    ready: replication.awaitInitialReplication(),
    queuesReady: queues.ready,
    resync: () => {
      stream$.next('RESYNC');
      queues.resync();
    },
    async close() {
      offEvent();
      offState();
      stream$.complete();
      await Promise.all([replication.cancel(), queues.cancel()]);
      await db.close();
    },
  };
}
