import { createApi, type BeaconApi } from '../../../contract';
import type { Backend } from '../backend';
import type { Connection, Session } from '../auth/session';

/** The local system actor: the command line run by IT on the laptop itself. */
export const systemSession: Session = {
  userId: null,
  username: 'system',
  role: 'admin',
  schoolId: null,
  kind: 'system',
};

/** A fresh connection signed in as the system actor, for setting up data in tests and tools. */
export const systemConnection = (): Connection => ({ session: systemSession });

/**
 * The contract's API bound straight to a backend in this process, for the CLI, tests and
 * benchmarks, on a connection of its own. Inputs and outputs are cloned as they would be over a
 * port, so no caller can share objects with the backend.
 */
export function inProcessApi(backend: Backend, session: Session | null = null): BeaconApi {
  const connection: Connection = { session };
  return createApi({
    request: async (name, input) =>
      structuredClone(await backend.dispatch(name, structuredClone(input), connection)),
    subscribe: (event, listener) =>
      backend.onEvent((e, payload) => {
        if (e === event) listener(structuredClone(payload));
      }),
  });
}
