import type { EventName } from './events.js';
import type { Result } from './result.js';

/**
 * What the renderer sees of main, whatever the transport: Electron's preload exposes
 * exactly this as `window.tiepnhan`; in the web host the renderer builds it over the
 * WebSocket at `/ws` (messages in wire.ts). Inputs and outputs are validated by main.
 */
export interface TiepNhanBridge {
  invoke(command: string, input: unknown, sessionToken: string | null): Promise<Result<unknown>>;
  /** Declares which session this window listens as; events flow only to signed-in sessions. */
  subscribe(sessionToken: string | null): void;
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void;
}

/** IPC channel names used by the Electron transport. */
export const ipcChannels = {
  invoke: 'tiepnhan:invoke',
  subscribe: 'tiepnhan:subscribe',
  event: 'tiepnhan:event',
} as const;
