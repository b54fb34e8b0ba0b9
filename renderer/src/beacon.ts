import type { BeaconApi, Failure } from '../../contract';

declare global {
  interface Window {
    /** Put there by the preload (or the e2e fixture): exactly the contract's requests plus `on`. */
    beacon: BeaconApi;
  }
}

/** The app's only way to the backend. */
export const beacon = window.beacon;

/** What a request answers when the backend process cannot be reached at all. */
export const unreachable: Failure = {
  ok: false,
  code: 'INTERNAL',
  message: 'Beacon could not reach its database process. Restart the app.',
};
