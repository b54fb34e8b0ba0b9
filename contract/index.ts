/**
 * The one contract between the backend and every client (Electron preload, tests, CLI).
 * The renderer may import its types only.
 */
export * from './result';
export * from './spec';
export * from './requests';
export * from './events';
export * from './api';
export * from './create-api';
export * from './port-transport';
export * from './ipc-channels';
