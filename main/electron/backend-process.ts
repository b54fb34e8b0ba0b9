import {
  MessageChannelMain,
  utilityProcess,
  type UtilityProcess,
  type WebContents,
} from 'electron';

type BackendMessage =
  { type: 'ready'; schemaVersion: number } | { type: 'failed'; code: string; message: string };

export interface BackendProcess {
  /** Gives a window its own port to the backend; the main process never sees the traffic. */
  connect(contents: WebContents): void;
  stop(): void;
}

/** Starts the backend as a utility process, so a long query never freezes a window. */
export function startBackendProcess(
  entry: string,
  dbPath: string,
  env: NodeJS.ProcessEnv,
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
  return new Promise((resolve, reject) => {
    child.on('message', (message: BackendMessage) => {
      if (message.type === 'failed') {
        reject(new Error(message.message));
        return;
      }
      console.log(`[beacon] backend ready: schema version ${message.schemaVersion}`);
      resolve({
        connect(contents) {
          const { port1, port2 } = new MessageChannelMain();
          child.postMessage({ type: 'connect' }, [port1]);
          contents.postMessage('beacon:port', null, [port2]);
        },
        stop() {
          stopping = true;
          child.kill();
        },
      });
    });
  });
}
