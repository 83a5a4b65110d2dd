import { z } from 'zod';
import { ocrEvents } from './ocr-commands.js';
import { pageEvents } from './pages-commands.js';
import { syncEvents } from './sync-commands.js';
import { scanEvents } from './scan-commands.js';
import { Checkpoint, DossierSummary } from './schemas.js';

/** Events main pushes to every signed-in renderer. */
export const events = {
  /** Live change stream for RxDB replication (the pull stream$). */
  'replication.dossiers': z.object({ documents: z.array(DossierSummary), checkpoint: Checkpoint }),
  ...pageEvents,
  ...ocrEvents,
  ...syncEvents,
  ...scanEvents,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<N extends EventName> = z.output<Events[N]>;
