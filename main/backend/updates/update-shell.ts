import type { UpdatePhase } from '../../../contract';

/** Where the main process should point electron-updater (a verified folder is served locally). */
export type UpdateFeed =
  | { kind: 'built-in' }
  | { kind: 'server'; url: string }
  | { kind: 'folder'; path: string; files: string[] };

/** What the main process reports as electron-updater moves on. */
export interface UpdaterState {
  phase: Exclude<UpdatePhase, 'idle'>;
  version?: string;
  progress?: number;
  message?: string;
}

/**
 * The part of updating only the Electron main process can do (electron-updater): check a feed
 * and download what is newer, then quit and install. Null where there is no app (CLI, tests).
 */
export interface UpdateShell {
  check(feed: UpdateFeed): Promise<void>;
  install(): Promise<void>;
}
