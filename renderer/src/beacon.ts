import type { BeaconApi } from '../../contract';

declare global {
  interface Window {
    /** Put there by the preload (or the e2e fixture): exactly the contract's requests plus `on`. */
    beacon: BeaconApi;
  }
}

/** The app's only way to the backend. */
export const beacon = window.beacon;
