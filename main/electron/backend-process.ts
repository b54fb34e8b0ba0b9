import {
  MessageChannelMain,
  utilityProcess,
  type UtilityProcess,
  type WebContents,
} from 'electron';
import {
  serveShellCalls,
  type FromBackend,
  type LinkEnd,
  type ShellHandlers,
  type ToBackend,
} from '../backend/shell/shell-link';
import type { UpdaterState } from '../backend/updates/update-shell';

export interface BackendProcess {
  /** Gives a window its own port to the backend; the main process never sees the traffic. */
  connect(contents: WebContents): void;
  /** Tells the backend how electron-updater is getting on; it tells every window. */
  updaterState(state: UpdaterState): void;
  stop(): void;
}

/**
 * Starts the backend as a utility process, so a long query never freezes a window, and answers
 * its calls (the key store, the updater) from the moment it starts: it needs the database key
 * before it is ready.
 */
export function startBackendProcess(
  entry: string,
  dbPath: string,
  env: NodeJS.ProcessEnv,
  handlers: ShellHandlers,
  onFatal: (message: string) => void,
): Promise<BackendProcess> {
  const child: UtilityProcess = utilityProcess.fork(entry, ['--db', dbPath], {
    serviceName: 'Beacon backend',
    stdio: 'inherit',
    env,
  });
  let stopping = false;
  child.on('exit', (code) => {
    if (!stopping) onFatal(`The Beacon backend stopped unexpectedly (exit code ${code}).`);
  });
  const link: LinkEnd<FromBackend, ToBackend> = {
    post: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', (message: FromBackend) => listener(message)),
  };
  serveShellCalls(link, handlers);
  return new Promise((resolve, reject) => {
    link.onMessage((message) => {
      if (message.type === 'failed') reject(new Error(message.message));
      if (message.type !== 'ready') return;
      console.log(`[beacon] backend ready: schema version ${message.schemaVersion}`);
      resolve({
        connect(contents) {
          const { port1, port2 } = new MessageChannelMain();
          child.postMessage({ type: 'connect', windowId: contents.id } satisfies ToBackend, [
            port1,
          ]);
          contents.postMessage('beacon:port', null, [port2]);
        },
        updaterState: (state) => link.post({ type: 'updater', state }),
        stop() {
          stopping = true;
          child.kill();
        },
      });
    });
  });
}
