import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';

/** Why a database cannot be written: its file, or its folder (where SQLite keeps -wal and -shm). */
export type ReadOnlyReason = 'file' | 'folder' | null;

const writable = (path: string) => {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * Whether `path` can be written, asked of the system (permissions and read-only mounts alike),
 * so Beacon opens a read-only database for reading instead of failing on its first write.
 */
export function readOnlyReason(path: string): ReadOnlyReason {
  // The folder first: without it SQLite cannot even read a WAL database (no -shm file).
  const folder = dirname(path);
  if (existsSync(folder) && !writable(folder)) return 'folder';
  if (existsSync(path) && !writable(path)) return 'file';
  return null;
}
