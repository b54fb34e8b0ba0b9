import type { ClientMessage, ServerMessage } from './api';
import type { ApiTransport } from './create-api';
import type { EventName } from './events';
import type { Result } from './result';

/** A client's end of a message channel to the backend. */
export interface ClientPort {
  post(message: ClientMessage): void;
  onMessage(listener: (message: ServerMessage) => void): void;
}

/** Matches responses to requests by id, and fans events out to their subscribers. */
export function createPortTransport(port: ClientPort): ApiTransport {
  let nextId = 1;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const subscribers = new Map<EventName, Set<(payload: unknown) => void>>();
  port.onMessage((message) => {
    if (message.kind === 'response') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else {
      for (const listener of subscribers.get(message.event) ?? []) listener(message.payload);
    }
  });
  return {
    request: (name, input) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        port.post({ kind: 'request', id, name, input });
      }),
    subscribe: (event, listener) => {
      const set = subscribers.get(event) ?? new Set();
      subscribers.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}
