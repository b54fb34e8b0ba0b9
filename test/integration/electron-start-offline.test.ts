import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { driverPackage, ensureElectronBinding } from '../../scripts/electron/sqlite-binding';
import { startFailureLine } from '../../scripts/electron/start-failure';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const root = fileURLToPath(new URL('../..', import.meta.url));
const nodeBuild = join(driverPackage().dir, 'build', 'Release', 'better_sqlite3.node');
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/**
 * An environment in which every download `npm start` attempts goes to a closed port on this
 * machine, with empty caches: offline on any machine, whatever its network or caches hold.
 */
function offlineEnv(): NodeJS.ProcessEnv {
  const nowhere = 'http://127.0.0.1:9';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ELECTRON_MIRROR: `${nowhere}/`,
    electron_config_cache: tempDir(),
    npm_config_cache: tempDir(),
    npm_config_devdir: tempDir(),
    npm_config_better_sqlite3_multiple_ciphers_binary_host: nowhere,
    BEACON_ELECTRON_HEADERS_URL: nowhere,
  };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  return env;
}

const offlineLine =
  /^Beacon cannot start: (Electron 45\.5\.0|better-sqlite3 for Electron 45\.5\.0) could not be downloaded \(no internet connection: (connect ECONNREFUSED 127\.0\.0\.1:9|fetch failed)\)\. Connect to the internet and run `npm start` again; `npm test` and the beacon CLI work offline\.$/;

describe('npm start’s first step, offline', () => {
  it('neither fetches nor builds the Electron binding, reports why, and leaves the Node one alone', () => {
    const before = sha(nodeBuild);
    const nativeRoot = tempDir();
    const outcome = ensureElectronBinding(
      { nativeRoot, electronVersion: '45.5.0', platform: process.platform, arch: process.arch },
      offlineEnv(),
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(startFailureLine('better-sqlite3 for Electron 45.5.0', outcome.output)).toMatch(
      offlineLine,
    );
    expect(readdirSync(nativeRoot)).toEqual([]);
    expect(sha(nodeBuild)).toBe(before);
  });

  it('the script says so in exactly one line on stderr, and fails', () => {
    const nativeRoot = tempDir();
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/prepare-electron.ts', '--native-root', nativeRoot],
      { cwd: root, env: offlineEnv(), encoding: 'utf8' },
    );
    expect(r.status).toBe(1);
    const stderr = r.stderr.replace(/\n$/, '');
    expect(stderr).not.toContain('\n');
    expect(stderr).toMatch(offlineLine);
    expect(existsSync(join(nativeRoot, 'native'))).toBe(false);
  });
});
