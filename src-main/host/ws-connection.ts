import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { EventName } from '../../src-shared/contract/events.js';
import type { Result } from '../../src-shared/contract/result.js';
import type { EventMessage, ResponseMessage } from '../../src-shared/contract/wire.js';
import type { Core } from '../app/core.js';

/** The renderer → main messages of wire.ts, checked before anything reaches the core. */
const IncomingMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('request'),
    id: z.number().int().nonnegative(),
    command: z.string().max(200),
    input: z.unknown(),
    sessionToken: z.string().max(200).nullable(),
  }),
  z.object({ type: z.literal('subscribe'), sessionToken: z.string().max(200).nullable() }),
]);

/** WebSocket close codes from RFC 6455 §7.4.1. */
export const closeCodes = { invalidPayload: 1007, policyViolation: 1008 } as const;

const badMessage: Result<never> = {
  ok: false,
  error: { code: 'VALIDATION', message: 'Thông điệp không hợp lệ. (Malformed message.)' },
};

export type Connection = {
  /** Forwards an event if this connection's session may receive it. */
  deliver(event: EventName, payload: unknown): void;
};

/** One renderer connected over `/ws`: requests go to core.dispatch, answers carry the same id. */
export function attachConnection(ws: WebSocket, core: Core): Connection {
  let sessionToken: string | null = null;
  const send = (message: ResponseMessage | EventMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };

  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      ws.close(closeCodes.invalidPayload, 'text JSON only');
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString());
    } catch {
      ws.close(closeCodes.invalidPayload, 'invalid JSON');
      return;
    }
    const parsed = IncomingMessage.safeParse(raw);
    if (!parsed.success) {
      // Answer a request we can still match by id; otherwise there is no one to answer.
      const id = (raw as { id?: unknown } | null)?.id;
      if (typeof id === 'number' && Number.isInteger(id)) send({ type: 'response', id, result: badMessage });
      else ws.close(closeCodes.policyViolation, 'malformed message');
      return;
    }
    const message = parsed.data;
    if (message.type === 'subscribe') {
      sessionToken = message.sessionToken;
      return;
    }
    core
      .dispatch(message.command, message.input, message.sessionToken)
      .catch((error: unknown): Result<unknown> => {
        core.logger.error('web host dispatch failed', { command: message.command, error });
        return { ok: false, error: { code: 'INTERNAL', message: 'Lỗi nội bộ. (Internal error.)' } };
      })
      .then((result) => send({ type: 'response', id: message.id, result }));
  });

  // Oversized frames and protocol errors arrive here; ws closes the socket itself.
  ws.on('error', (error) => core.logger.warn('web host socket error', { error }));

  return {
    deliver(event, payload) {
      if (core.mayReceiveEvents(sessionToken)) send({ type: 'event', event, payload });
    },
  };
}
