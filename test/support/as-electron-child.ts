/**
 * Starts the real backend in a child process that looks like Electron to the binding chooser
 * (`process.versions.electron` set before anything loads), then prints as JSON which compiled
 * SQLite binding the process mapped, or the error it started with.
 * Usage: as-electron-child.ts <electron-version|node> <db-path>
 */
import { readFileSync } from 'node:fs';
import { systemConnection } from '../../main/backend/transport/in-process';

const [version, dbPath] = process.argv.slice(2);
if (version !== 'node') {
  Object.defineProperty(process.versions, 'electron', { value: version, enumerable: true });
}
const loaded = () => [
  ...new Set(readFileSync('/proc/self/maps', 'utf8').match(/\S*better_sqlite3\.node/g) ?? []),
];
try {
  const { startBackend } = await import('../../main/backend/backend');
  const backend = await startBackend({ dbPath: dbPath ?? '' });
  const health = await backend.dispatch('health', {}, systemConnection());
  await backend.close();
  console.log(JSON.stringify({ ok: health.ok, loaded: loaded() }));
} catch (err) {
  console.log(JSON.stringify({ error: (err as Error).message, loaded: loaded() }));
}
