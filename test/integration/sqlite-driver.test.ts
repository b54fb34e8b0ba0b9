import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../db';
import { driverVersion } from '../../db/driver';
import { electronBindingDir, NATIVE_ROOT_ENV } from '../../db/native-binding';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const nodeBuild = join(
  require.resolve('better-sqlite3/package.json'),
  '..',
  'build',
  'Release',
  'better_sqlite3.node',
);
const onLinux = process.platform === 'linux';

/** Runs the real backend in a child that looks like Electron `version` (or plain Node). */
function startAs(version: string, dbPath: string, nativeRoot?: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_NO_WARNINGS: '1' };
  delete env[NATIVE_ROOT_ENV];
  if (nativeRoot) env[NATIVE_ROOT_ENV] = nativeRoot;
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'test/support/as-electron-child.ts', version, dbPath],
    { cwd: root, encoding: 'utf8', env },
  );
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as { ok?: boolean; error?: string; loaded: string[] };
}

/**
 * A native/ folder holding, as a labelled STAND-IN for an Electron build (which cannot be
 * fetched here), a copy of the Node build with a manifest claiming this process's ABI.
 */
function standInNativeRoot(manifest: Record<string, string> = {}): string {
  const nativeRoot = tempDir();
  const dir = electronBindingDir(nativeRoot, process.platform, process.arch);
  mkdirSync(dir, { recursive: true });
  copyFileSync(nodeBuild, join(dir, 'better_sqlite3.node'));
  const fields = {
    module: 'better-sqlite3-multiple-ciphers',
    moduleVersion: driverVersion(),
    electronVersion: '45.5.0',
    abi: process.versions.modules,
    platform: process.platform,
    arch: process.arch,
    source: 'rebuilt',
    ...manifest,
  };
  writeFileSync(join(dir, 'binding.json'), JSON.stringify(fields));
  return nativeRoot;
}

describe('the SQLite binding a process loads', () => {
  it('under Node: better-sqlite3’s own build, and a real database opens', () => {
    const db = openSqlite(join(tempDir(), 'plain.sqlite'));
    expect(db.prepare('SELECT sqlite3mc_version()').pluck().get()).toMatch(/Multiple Ciphers/);
    db.close();
    if (onLinux) expect(readFileSync('/proc/self/maps', 'utf8')).toContain(nodeBuild);
  });

  it.runIf(onLinux)('the backend started under plain Node maps only the Node build', () => {
    const r = startAs('node', join(tempDir(), 'b.sqlite'), standInNativeRoot());
    expect(r).toEqual({ ok: true, loaded: [nodeBuild] });
  });

  it.runIf(onLinux)('the backend started under Electron maps the build under native/', () => {
    const nativeRoot = standInNativeRoot();
    const r = startAs('45.5.0', join(tempDir(), 'b.sqlite'), nativeRoot);
    const expected = join(
      electronBindingDir(nativeRoot, process.platform, process.arch),
      'better_sqlite3.node',
    );
    expect(r).toEqual({ ok: true, loaded: [expected] });
  });

  it('under Electron without the build, start-up fails in one sentence saying what to do', () => {
    const r = startAs('45.5.0', join(tempDir(), 'b.sqlite'), tempDir());
    expect(r.error).toMatch(
      /^Beacon cannot open its database under Electron 45\.5\.0: the database engine built for Electron is missing \(.*electron-.*better_sqlite3\.node\)\. Run `npm start` again with internet access/,
    );
    expect(r.loaded).toEqual([]);
  });

  it('under Electron, a build made for another Electron is refused before it is loaded', () => {
    const r = startAs('45.5.0', join(tempDir(), 'b.sqlite'), standInNativeRoot({ abi: '1' }));
    expect(r.error).toMatch(
      /does not fit: it was built for Electron ABI 1, this Electron needs ABI/,
    );
    expect(r.loaded).toEqual([]);
  });
});
