import type { CommandName } from './commands.js';
import type { EventName } from './events.js';
import type { Result } from './result.js';

/**
 * Messages on the wire, the same for Electron IPC and the web host's WebSocket.
 * The session token travels with every request; transports never interpret it.
 */
export type RequestMessage = {
  type: 'request';
  id: number;
  command: CommandName;
  input: unknown;
  sessionToken: string | null;
};
export type ResponseMessage = { type: 'response'; id: number; result: Result<unknown> };
export type EventMessage = { type: 'event'; event: EventName; payload: unknown };
/** Renderer → main: which session this connection listens for events as. */
export type SubscribeMessage = { type: 'subscribe'; sessionToken: string | null };
