import type { EventName, Events } from './events';
import type { RequestInput, RequestName, RequestOutput } from './requests';
import type { Result } from './result';

/** The shape of `window.beacon`: one method per request, plus event subscription. */
export type BeaconApi = {
  [K in RequestName]: (input: RequestInput<K>) => Promise<Result<RequestOutput<K>>>;
} & {
  /** Subscribes to a pushed event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
};

/** Messages on the port between a client and the backend. */
export type ClientMessage = { kind: 'request'; id: number; name: string; input: unknown };
export type ServerMessage =
  | { kind: 'response'; id: number; result: Result<unknown> }
  | { kind: 'event'; event: EventName; payload: unknown };
