import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { afterEach, describe, expect, it } from 'vitest';
import { describeFuses, fuseProblems } from '../../scripts/package/fuse-check';
import { makeElectronStandIn } from '../../scripts/package/stand-ins';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const wireOf = async (path: string) =>
  (await getCurrentFuseWire(path)) as unknown as Record<number, number>;

describe('the fuse check of npm run package:check', () => {
  it('finds every hardening fuse wrong on Electron’s defaults (the stand-in carries them)', async () => {
    const dir = makeElectronStandIn();
    dirs.push(dir);
    const exe = join(dir, 'electron');
    expect(readFileSync(exe, 'latin1')).toContain('STAND-IN for the Electron binary');
    expect(fuseProblems(await wireOf(exe))).toEqual([
      'fuse RunAsNode is on, must be off',
      'fuse EnableCookieEncryption is off, must be on',
      'fuse EnableNodeOptionsEnvironmentVariable is on, must be off',
      'fuse EnableNodeCliInspectArguments is on, must be off',
      'fuse EnableEmbeddedAsarIntegrityValidation is off, must be on',
      'fuse OnlyLoadAppFromAsar is off, must be on',
      'fuse GrantFileProtocolExtraPrivileges is on, must be off',
    ]);
  });

  it('passes a binary flipped the way electron-builder.yml asks, and names one left on', async () => {
    const dir = makeElectronStandIn();
    dirs.push(dir);
    const exe = join(dir, 'electron');
    const hardened = {
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    } as const;
    const copy = join(dir, 'electron-copy');
    copyFileSync(exe, copy);
    await flipFuses(exe, hardened);
    expect(fuseProblems(await wireOf(exe))).toEqual([]);
    expect(describeFuses(await wireOf(exe))).toContain('RunAsNode=off');

    await flipFuses(copy, { ...hardened, [FuseV1Options.RunAsNode]: true });
    expect(fuseProblems(await wireOf(copy))).toEqual(['fuse RunAsNode is on, must be off']);
  });
});
