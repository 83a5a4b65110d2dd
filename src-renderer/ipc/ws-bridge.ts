import type { TiepNhanBridge } from '../../src-shared/contract/bridge.js';
import type { EventName } from '../../src-shared/contract/events.js';
import type { Result } from '../../src-shared/contract/result.js';
import type { EventMessage, RequestMessage, ResponseMessage, SubscribeMessage } from '../../src-shared/contract/wire.js';
import { offlineMessage, type Connection, type ConnectionState } from './connection.js';

type Pending = (result: Result<unknown>) => void;

const offline = (): Result<unknown> => ({ ok: false, error: { code: 'INTERNAL', message: offlineMessage } });

/** How long a command waits for the first connection before failing (ms). */
const connectWaitMs = 10_000;
/** Reconnect backoff: doubles from 500 ms up to 10 s. */
const backoff = (attempt: number) => Math.min(10_000, 500 * 2 ** attempt);

/**
 * The TiepNhanBridge over the web host's WebSocket (messages in wire.ts). Reconnects with
 * backoff; requests in flight when the socket drops fail at once with an offline error
 * rather than hanging, because main may or may not have run them.
 */
export function createWsBridge(url: string): Connection {
  let socket: WebSocket | null = null;
  let state: ConnectionState = 'connecting';
  let everOpened = false;
  let attempt = 0;
  let nextId = 1;
  let sessionToken: string | null = null;
  let subscribed = false;
  const pending = new Map<number, Pending>();
  const eventListeners = new Set<(event: EventName, payload: unknown) => void>();
  const stateListeners = new Set<(state: ConnectionState, reconnected: boolean) => void>();

  const setState = (next: ConnectionState, reconnected = false) => {
    if (next === state && !reconnected) return;
    state = next;
    for (const l of stateListeners) l(next, reconnected);
  };

  const send = (message: RequestMessage | SubscribeMessage) => socket?.send(JSON.stringify(message));

  const connect = () => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      const reconnected = everOpened;
      everOpened = true;
      attempt = 0;
      if (subscribed) send({ type: 'subscribe', sessionToken });
      setState('online', reconnected);
    };
    ws.onmessage = (e: MessageEvent) => {
      let message: ResponseMessage | EventMessage;
      try {
        message = JSON.parse(String(e.data)) as ResponseMessage | EventMessage;
      } catch {
        return;
      }
      if (message.type === 'response') {
        const resolve = pending.get(message.id);
        pending.delete(message.id);
        resolve?.(message.result);
      } else if (message.type === 'event') {
        for (const l of eventListeners) l(message.event, message.payload);
      }
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      for (const resolve of pending.values()) resolve(offline());
      pending.clear();
      setState('offline');
      setTimeout(connect, backoff(attempt++));
    };
  };
  connect();

  const waitOnline = () =>
    new Promise<boolean>((resolve) => {
      if (state === 'online') return resolve(true);
      if (state === 'offline') return resolve(false);
      const timer = setTimeout(() => {
        stop();
        resolve(false);
      }, connectWaitMs);
      const listener = (s: ConnectionState) => {
        if (s === 'connecting') return;
        clearTimeout(timer);
        stop();
        resolve(s === 'online');
      };
      stateListeners.add(listener);
      const stop = () => stateListeners.delete(listener);
    });

  const bridge: TiepNhanBridge = {
    async invoke(command, input, token) {
      if (!(await waitOnline()) || !socket) return offline();
      const id = nextId++;
      const ws = socket;
      return new Promise<Result<unknown>>((resolve) => {
        pending.set(id, resolve);
        // The command name is checked by main; the bridge is deliberately untyped (bridge.ts).
        ws.send(JSON.stringify({ type: 'request', id, command, input, sessionToken: token } as RequestMessage));
      });
    },
    subscribe(token) {
      sessionToken = token;
      subscribed = true;
      if (state === 'online') send({ type: 'subscribe', sessionToken: token });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
  };

  return {
    bridge,
    state: () => state,
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
  };
}
