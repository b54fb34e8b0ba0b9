import type { Page } from '@playwright/test';
import type { Backend } from '../../../main/backend/backend';
import type { Connection } from '../../../main/backend/auth/session';
import { pageApiScript } from './page-api-script';
import { serveRenderer } from './serve-renderer';

/**
 * Does for `page` what the preload does for a window: `window.beacon` sends each request to
 * `backend` over `connection` (one per page, as the preload has one port per window), the
 * backend's pushed events reach the page, and the built renderer is served. Answers the
 * function that stops the events.
 */
export async function bindBackend(
  page: Page,
  backend: Pick<Backend, 'dispatch' | 'onEvent'>,
  connection: Connection,
): Promise<() => void> {
  await page.exposeBinding('__beaconRequest', (_source, name: string, input: unknown) =>
    backend.dispatch(name, input, connection),
  );
  const unsubscribe = backend.onEvent((event, payload) => {
    page
      .evaluate(
        ([e, p]) =>
          (window as unknown as { __beaconEvent(e: string, p: unknown): void }).__beaconEvent(e, p),
        [event, payload] as const,
      )
      .catch(() => {}); // the page may be navigating or closed: the event is simply lost
  });
  await page.addInitScript({ content: pageApiScript() });
  await serveRenderer(page);
  return unsubscribe;
}
