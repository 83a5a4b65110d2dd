import type { z } from 'zod';
import { ocrEvents } from './ocr-commands.js';
import { pagesEvents } from './pages-commands.js';
import { replicationEvents } from './replication-commands.js';
import { scanEvents } from './scan-commands.js';
import { syncEvents } from './sync-commands.js';

/** Events main pushes to every signed-in renderer, gathered from the feature contract files. */
export const events = {
  ...replicationEvents,
  ...pagesEvents,
  ...ocrEvents,
  ...syncEvents,
  ...scanEvents,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<N extends EventName> = z.output<Events[N]>;
