import { ipcMain, type BrowserWindow, type IpcMainEvent } from 'electron';
import type { IpcChannel } from '../../contract/ipc-channels';
import { isTrustedUrl } from './trusted-url';

/**
 * Listens on a channel but drops messages from anything that is not the main frame of one of
 * the app's own windows showing the app's own page.
 */
export function onTrusted(
  channel: IpcChannel,
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
