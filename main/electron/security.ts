import { app, session, type WebContents } from 'electron';
import { isTrustedUrl } from './trusted-url';

/**
 * Locks every web contents down in one place: no navigation away from the app, no new windows,
 * no webviews, no permissions (camera, geolocation, notifications...), and DevTools only where
 * the shell policy allows them (development).
 */
export function lockDown(devTools: boolean): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    // webPreferences.devTools is false in a package; this also catches any other opener.
    if (!devTools) contents.on('devtools-opened', () => contents.closeDevTools());
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isTrustedUrl(url)) event.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);
  // Offline-first: nothing in the renderer may reach the network.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) =>
    callback({
      cancel: !isTrustedUrl(details.url) && !(devTools && details.url.startsWith('devtools://')),
    }),
  );
}
