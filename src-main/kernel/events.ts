import type { EventName, EventPayload } from '../../src-shared/contract/events.js';

type Listener = <N extends EventName>(name: N, payload: EventPayload<N>) => void;

/** Events main pushes to renderers; each transport subscribes once and forwards to its clients. */
export type EventBus = {
  emit<N extends EventName>(name: N, payload: EventPayload<N>): void;
  subscribe(listener: Listener): () => void;
};

export function createEventBus(): EventBus {
  const listeners = new Set<Listener>();
  return {
    emit(name, payload) {
      for (const l of listeners) l(name, payload);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
