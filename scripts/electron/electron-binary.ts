/**
 * Electron's own binary: `npm ci` skips it where ELECTRON_SKIP_BINARY_DOWNLOAD is set (CI, these
 * machines), so `npm start` checks for it and downloads it then, the way electron's install.js
 * would, but reports a failure as one line instead of a stack.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the executable sits inside electron's dist folder, per platform (as install.js has it). */
export function electronExecutablePath(platform: string): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/** The installed electron package's version. */
export function electronVersionIn(electronDir: string): string {
  return (
    JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')) as { version: string }
  ).version;
}

/** True when electron's binary for this version and platform is unpacked in `electronDir`. */
export function electronInstalled(electronDir: string, platform = process.platform): boolean {
  try {
    const version = readFileSync(join(electronDir, 'dist', 'version'), 'utf8').replace(/^v/, '');
    const pathTxt = readFileSync(join(electronDir, 'path.txt'), 'utf8');
    return (
      version === electronVersionIn(electronDir) &&
      pathTxt === electronExecutablePath(platform) &&
      existsSync(join(electronDir, 'dist', pathTxt))
    );
  } catch {
    return false;
  }
}

/** Runs electron's own installer (it honours ELECTRON_MIRROR); returns its combined output. */
export function downloadElectron(
  electronDir: string,
  env: NodeJS.ProcessEnv,
): { ok: boolean; output: string } {
  const childEnv = { ...env };
  delete childEnv.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: electronDir,
    env: childEnv,
    encoding: 'utf8',
  });
  const output = `${r.stdout ?? ''}\n${r.stderr ?? ''}\n${r.error?.message ?? ''}`;
  return { ok: r.status === 0 && electronInstalled(electronDir), output };
}
