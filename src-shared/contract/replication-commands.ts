import { z } from 'zod';
import { anyone, define } from './define.js';
import { QueueSummary } from './queues-commands.js';
import { Checkpoint, DossierSummary } from './schemas.js';

/** The renderer's RxDB read model, replicated from main's SQLite: a checkpoint pull and a live stream. */
export const replicationCommands = {
  /** RxDB replication pull: documents changed after the checkpoint, oldest first. */
  'replication.pullDossiers': define(
    anyone,
    z.object({ checkpoint: Checkpoint.nullable(), limit: z.number().int().min(1).max(1000) }),
    z.object({ documents: z.array(DossierSummary), checkpoint: Checkpoint.nullable() }),
  ),
  /**
   * RxDB replication pull of the queue counts (the `queues` collection): every queue, counted for
   * the caller (a clerk: their own dossiers), when the queue counter moved past the checkpoint.
   */
  'replication.pullQueues': define(
    anyone,
    z.object({ checkpoint: Checkpoint.nullable() }),
    z.object({ documents: z.array(QueueSummary), checkpoint: Checkpoint.nullable() }),
  ),
} as const;

export const replicationEvents = {
  /** Live change stream for RxDB replication (the pull stream$). */
  'replication.dossiers': z.object({ documents: z.array(DossierSummary), checkpoint: Checkpoint }),
  /**
   * The queues moved. Counts differ per caller, so the event carries none: each renderer pulls
   * its own (RxDB's RESYNC).
   */
  'replication.queues': z.object({ checkpoint: Checkpoint }),
} as const;
