import { ipcMain, type BrowserWindow, type IpcMainEvent } from 'electron';
import { isTrustedUrl } from './trusted-url';

/** The only IPC channel: a window asking for its port to the backend. */
export const CONNECT_CHANNEL = 'beacon:connect';

/**
 * Listens on a channel but drops messages from anything that is not the main frame of one of
 * the app's own windows showing the app's own page.
 */
export function onTrusted(
  channel: string,
  windows: () => BrowserWindow[],
  listener: (event: IpcMainEvent) => void,
): void {
  ipcMain.on(channel, (event) => {
    const frame = event.senderFrame;
    const ours = windows().some((w) => w.webContents.id === event.sender.id);
    if (!ours || !frame || frame.parent !== null || !isTrustedUrl(frame.url)) return;
    listener(event);
  });
}
