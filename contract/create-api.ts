import type { BeaconApi } from './api';
import type { EventName, Events } from './events';
import { requestNames } from './request-names';
import type { RequestName } from './requests';
import type { Result } from './result';

export interface ApiTransport {
  request(name: RequestName, input: unknown): Promise<Result<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

/**
 * Builds the typed API object from a transport: one method per request in the contract and
 * nothing else. The preload, the tests and the CLI all use it, so they expose the same surface.
 */
export function createApi(transport: ApiTransport): BeaconApi {
  const api: Record<string, unknown> = {};
  for (const name of requestNames) {
    api[name] = (input: unknown) => transport.request(name, input ?? {});
  }
  api.on = <E extends EventName>(event: E, listener: (payload: Events[E]) => void) =>
    transport.subscribe(event, (payload) => listener(payload as Events[E]));
  return api as BeaconApi;
}
