import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The operating system's user-data folder for Beacon: the same folder Electron's
 * app.getPath('userData') gives for productName "Beacon", so the CLI and the app share a database.
 */
export function userDataDir(env = process.env, platform = process.platform): string {
  if (platform === 'win32') {
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Beacon');
  }
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Beacon');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Beacon');
}

export const defaultDatabasePath = (): string => join(userDataDir(), 'beacon.sqlite');
