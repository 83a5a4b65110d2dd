import { z } from 'zod';
import { anyone, define } from './define.js';
import { Checkpoint, DossierSummary } from './schemas.js';

/** The renderer's RxDB read model, replicated from main's SQLite: a checkpoint pull and a live stream. */
export const replicationCommands = {
  /** RxDB replication pull: documents changed after the checkpoint, oldest first. */
  'replication.pullDossiers': define(
    anyone,
    z.object({ checkpoint: Checkpoint.nullable(), limit: z.number().int().min(1).max(1000) }),
    z.object({ documents: z.array(DossierSummary), checkpoint: Checkpoint.nullable() }),
  ),
} as const;

export const replicationEvents = {
  /** Live change stream for RxDB replication (the pull stream$). */
  'replication.dossiers': z.object({ documents: z.array(DossierSummary), checkpoint: Checkpoint }),
} as const;
