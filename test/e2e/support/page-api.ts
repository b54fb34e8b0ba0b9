/**
 * Bundled by the e2e fixture and run in the page before the app's own scripts: the preload's job,
 * with the MessagePort to the backend replaced by Playwright bindings. It builds `window.beacon`
 * with the contract's own `createApi`, so the page sees exactly the surface the preload exposes.
 */
import type { BeaconApi } from '../../../contract/api';
import type { ApiTransport } from '../../../contract/create-api';
import { createApi } from '../../../contract/create-api';
import type { EventName } from '../../../contract/events';
import type { Result } from '../../../contract/result';

type Listener = (payload: unknown) => void;

declare global {
  interface Window {
    /** What specs call in `page.evaluate`: the same surface the preload exposes. */
    beacon: BeaconApi;
  }
}

interface Hooks {
  /** Installed by `page.exposeBinding`: answers a request from the backend in the test process. */
  __beaconRequest?: (name: string, input: unknown) => Promise<Result<unknown>>;
}

const subscribers = new Map<EventName, Set<Listener>>();

const transport: ApiTransport = {
  request: (name, input) => {
    const send = (window as Window & Hooks).__beaconRequest;
    if (!send) return Promise.reject(new Error('The e2e backend binding is not installed'));
    return send(name, input);
  },
  subscribe: (event, listener) => {
    const set = subscribers.get(event) ?? new Set();
    subscribers.set(event, set);
    set.add(listener);
    return () => set.delete(listener);
  },
};

/** Called by the fixture (through `page.evaluate`) for every event the backend pushes. */
function deliver(event: EventName, payload: unknown): void {
  for (const listener of subscribers.get(event) ?? []) listener(payload);
}

Object.defineProperty(window, '__beaconEvent', { value: deliver });
// Like contextBridge: a frozen object the page can neither replace nor extend.
Object.defineProperty(window, 'beacon', {
  value: Object.freeze(createApi(transport)),
  enumerable: true,
});
