/**
 * Exposes exactly the contract on window.beacon, and nothing else: no ipcRenderer, no Node.
 * The backend's port arrives once, after this script asks for it.
 */
import { contextBridge, ipcRenderer } from 'electron';
// Imported file by file: the contract's index would pull the zod schemas into the preload.
import type { BeaconApi, ClientMessage, ServerMessage } from '../contract/api';
import { createApi } from '../contract/create-api';
import { ipcChannels } from '../contract/ipc-channels';
import { createPortTransport } from '../contract/port-transport';

const port = new Promise<MessagePort>((resolve) => {
  ipcRenderer.once(ipcChannels.port, (event) => {
    const [p] = event.ports;
    if (p) resolve(p);
  });
});
ipcRenderer.send(ipcChannels.connect);

const api = createApi(
  createPortTransport({
    post: (message: ClientMessage) => void port.then((p) => p.postMessage(message)),
    onMessage: (listener: (message: ServerMessage) => void) =>
      void port.then((p) => {
        p.onmessage = (e: MessageEvent<ServerMessage>) => listener(e.data);
      }),
  }),
) satisfies BeaconApi;

contextBridge.exposeInMainWorld('beacon', api);
