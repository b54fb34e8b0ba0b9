/**
 * The backend's process entry. In the app it runs as an Electron utilityProcess: the main process
 * sends one MessagePort per window, and each port is served until it closes.
 */
import { startBackend } from './backend';
import { defaultDatabasePath } from './paths';
import { servePort } from './transport/port';

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

try {
  const backend = await startBackend({ dbPath: dbPath ?? defaultDatabasePath(), runJobs: true });
  parentPort.on('message', ({ data, ports }) => {
    const port = ports[0];
    if ((data as { type?: unknown } | null)?.type !== 'connect' || !port) return;
    servePort(backend, {
      onMessage: (listener) => port.on('message', (e) => listener(e.data)),
      onClose: (listener) => port.on('close', listener),
      post: (message) => port.postMessage(message),
    });
    port.start();
  });
  parentPort.postMessage({ type: 'ready', schemaVersion: backend.context.schemaVersion });
} catch (err) {
  // The main process shows this to the user: a refused database must not look like a crash.
  const e = err as { code?: string; message?: string };
  parentPort.postMessage({
    type: 'failed',
    code: e.code ?? 'INTERNAL',
    message: String(e.message),
  });
}
