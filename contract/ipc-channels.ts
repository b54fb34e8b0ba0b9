/**
 * The Electron IPC channels between a window's preload and the main process: one copy for both
 * sides. There are two: the preload asks on `connect`, and the main process answers on `port`
 * with the window's MessagePort to the backend. Requests and events never travel over IPC; they
 * go over that port (see port-transport.ts). Kept apart from the contract's index so the preload
 * can import it without the zod schemas.
 */
export const ipcChannels = {
  connect: 'beacon:connect',
  port: 'beacon:port',
} as const;

export type IpcChannel = (typeof ipcChannels)[keyof typeof ipcChannels];
