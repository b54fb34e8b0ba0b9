import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bindingAbiOf,
  bindingManifestProblem,
  chooseSqliteBinding,
  type RuntimeInfo,
} from '../../db/native-binding';

const node: RuntimeInfo = {
  electron: undefined,
  abi: '115',
  platform: 'linux',
  arch: 'x64',
  nativeRoot: undefined,
};
const electron: RuntimeInfo = {
  ...node,
  electron: '45.5.0',
  abi: '150',
  nativeRoot: '/opt/Beacon/resources',
};
const manifest = {
  module: 'better-sqlite3-multiple-ciphers',
  moduleVersion: '12.11.1',
  electronVersion: '45.5.0',
  abi: '150',
  platform: 'linux',
  arch: 'x64',
  source: 'prebuilt',
};

describe('chooseSqliteBinding', () => {
  it('leaves Node (tests, the CLI) on better-sqlite3’s own build', () => {
    expect(chooseSqliteBinding(node)).toEqual({ runtime: 'node' });
    // Node ignores a native root: only Electron needs the other build.
    expect(chooseSqliteBinding({ ...node, nativeRoot: '/x' })).toEqual({ runtime: 'node' });
  });

  it('sends Electron to the build under <root>/native/electron-<platform>-<arch>', () => {
    expect(chooseSqliteBinding(electron)).toEqual({
      runtime: 'electron',
      path: join('/opt/Beacon/resources', 'native', 'electron-linux-x64', 'better_sqlite3.node'),
      manifestPath: join('/opt/Beacon/resources', 'native', 'electron-linux-x64', 'binding.json'),
      expected: { abi: '150', platform: 'linux', arch: 'x64' },
    });
    const win = chooseSqliteBinding({ ...electron, platform: 'win32', arch: 'arm64' });
    expect(win.runtime === 'electron' && win.path).toContain('electron-win32-arm64');
  });

  it('refuses to guess under Electron when nobody said where native/ is', () => {
    expect(() => chooseSqliteBinding({ ...electron, nativeRoot: undefined })).toThrow(
      /BEACON_NATIVE_ROOT is not set/,
    );
  });
});

describe('bindingManifestProblem', () => {
  const expected = { abi: '150', platform: 'linux', arch: 'x64' };

  it('accepts a binding built for this Electron, platform and driver version', () => {
    expect(bindingManifestProblem(manifest, expected, '12.11.1')).toBeNull();
  });

  it('names what does not fit', () => {
    expect(bindingManifestProblem({ ...manifest, abi: '140' }, expected, '12.11.1')).toMatch(
      /ABI 140, this Electron needs ABI 150/,
    );
    expect(bindingManifestProblem({ ...manifest, arch: 'arm64' }, expected, '12.11.1')).toMatch(
      /linux-arm64, not linux-x64/,
    );
    expect(bindingManifestProblem(manifest, expected, '12.12.0')).toMatch(
      /better-sqlite3 12.11.1, the installed one is 12.12.0/,
    );
    expect(bindingManifestProblem(null, expected, '12.11.1')).toMatch(/unreadable/);
    expect(
      bindingManifestProblem({ ...manifest, source: 'stand-in' }, expected, '12.11.1'),
    ).toMatch(/stand-in, not a real binding/);
  });
});

describe('bindingAbiOf', () => {
  it('reads the ABI a real compiled binding registers with', () => {
    const require = createRequire(import.meta.url);
    const dir = join(require.resolve('better-sqlite3/package.json'), '..');
    const bytes = readFileSync(join(dir, 'build', 'Release', 'better_sqlite3.node'));
    expect(bindingAbiOf(bytes)).toBe(process.versions.modules);
  });

  it('finds none in a file that is not a Node addon', () => {
    expect(bindingAbiOf(Buffer.from('STAND-IN: not a binary'))).toBeNull();
  });
});
