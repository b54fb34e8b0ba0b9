import { createApi, type BeaconApi } from '../../../contract';
import type { Backend } from '../backend';

/**
 * The contract's API bound straight to a backend in this process, for the CLI, tests and
 * benchmarks. Inputs are cloned as they would be over a port, so no caller can share objects.
 */
export function inProcessApi(backend: Backend): BeaconApi {
  return createApi({
    request: async (name, input) =>
      structuredClone(await backend.dispatch(name, structuredClone(input))),
    subscribe: (event, listener) =>
      backend.onEvent((e, payload) => {
        if (e === event) listener(structuredClone(payload));
      }),
  });
}
