/**
 * The backend's process entry. In the app it runs as an Electron utilityProcess: the main process
 * sends one MessagePort per window, and each port is served until it closes. The same parent
 * port carries the backend's calls to the main process (the OS key store, the updater).
 */
import { startBackend } from './backend';
import { defaultDatabasePath } from './paths';
import { servePort } from './transport/port';
import { shellCaller, type FromBackend, type LinkEnd, type ToBackend } from './shell/shell-link';

interface ElectronPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  on(event: 'close', listener: () => void): void;
  postMessage(message: unknown): void;
  start(): void;
}
interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown; ports: ElectronPort[] }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) {
  console.error('The Beacon backend entry runs inside the app; use `beacon` for the command line.');
  process.exit(2);
}

const dbFlag = process.argv.indexOf('--db');
const dbPath = dbFlag >= 0 ? process.argv[dbFlag + 1] : undefined;

const listeners: ((message: ToBackend) => void)[] = [];
// Windows ask for a port only once the backend is ready; one that comes early waits here.
let serve: ((port: ElectronPort, windowId?: number) => void) | undefined;
const early: [ElectronPort, number | undefined][] = [];
parentPort.on('message', ({ data, ports }) => {
  const message = data as ToBackend | null;
  if (message?.type === 'connect') {
    const port = ports[0];
    // The window's id lets a request act on its own window (saving it as a PDF).
    const windowId = typeof message.windowId === 'number' ? message.windowId : undefined;
    if (port && serve) serve(port, windowId);
    else if (port) early.push([port, windowId]);
    return;
  }
  if (message) for (const listener of listeners) listener(message);
});
const link: LinkEnd<ToBackend, FromBackend> = {
  post: (message) => parentPort.postMessage(message),
  onMessage: (listener) => listeners.push(listener),
};

try {
  const backend = await startBackend({
    dbPath: dbPath ?? defaultDatabasePath(),
    runJobs: true,
    shell: {
      call: shellCaller(link),
      onUpdaterState: (listener) =>
        link.onMessage((message) => {
          if (message.type === 'updater') listener(message.state);
        }),
    },
  });
  serve = (port: ElectronPort, windowId?: number) => {
    servePort(
      backend,
      {
        onMessage: (listener) => port.on('message', (e) => listener(e.data)),
        onClose: (listener) => port.on('close', listener),
        post: (message) => port.postMessage(message),
      },
      windowId,
    );
    port.start();
  };
  for (const [port, windowId] of early.splice(0)) serve(port, windowId);
  link.post({ type: 'ready', schemaVersion: backend.context.schemaVersion });
} catch (err) {
  // The main process shows this to the user: a refused database must not look like a crash.
  const e = err as { code?: string; message?: string };
  link.post({ type: 'failed', code: e.code ?? 'INTERNAL', message: String(e.message) });
}
