import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import type { Configuration, TargetConfigType } from 'electron-builder';
// electron-builder's own loader and schema validator, so the test judges the file exactly as
// `electron-builder --config electron-builder.yml` would.
import { DebugLogger } from 'builder-util';
import { getConfig } from 'app-builder-lib/out/util/config/load.js';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config.js';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const configPath = path.join(projectDir, 'electron-builder.yml');

async function loadConfig(): Promise<Configuration> {
  const loaded = await getConfig<Configuration>(
    { packageKey: 'build', configFilename: 'electron-builder', projectDir, packageMetadata: null },
    configPath,
  );
  if (loaded === null) throw new Error(`could not read ${configPath}`);
  return loaded.result;
}

function validate(config: Configuration): Promise<void> {
  return validateConfiguration(config, new DebugLogger(false));
}

function targetNames(target: TargetConfigType | undefined): string[] {
  if (target === null || target === undefined) return [];
  const list = Array.isArray(target) ? target : [target];
  return list.map((t) => (typeof t === 'string' ? t : t.target));
}

describe('electron-builder.yml', () => {
  it('is accepted by electron-builder’s own validator', async () => {
    await expect(validate(await loadConfig())).resolves.toBeUndefined();
  });

  it('the validator rejects an unknown top-level key', async () => {
    const broken = { ...(await loadConfig()), installerFlavour: 'deluxe' } as Configuration;
    await expect(validate(broken)).rejects.toThrow(/Invalid configuration object/);
  });

  it('the validator rejects a wrongly typed value', async () => {
    const broken = { ...(await loadConfig()), asar: 'yes' } as unknown as Configuration;
    await expect(validate(broken)).rejects.toThrow(/Invalid configuration object/);
  });

  it('packs the Electron build of better-sqlite3 from native/ outside the asar, never the Node one', async () => {
    const { asar, asarUnpack, extraResources, files, npmRebuild } = await loadConfig();
    expect(asar).toBe(true);
    const patterns = typeof asarUnpack === 'string' ? [asarUnpack] : (asarUnpack ?? []);
    expect(patterns).toContain('**/*.node');
    expect(extraResources).toEqual([
      {
        from: 'native/electron-${platform}-${arch}',
        to: 'native/electron-${platform}-${arch}',
        filter: ['better_sqlite3.node', 'binding.json'],
      },
    ]);
    expect(files).toContain('!**/node_modules/better-sqlite3/{deps,src,docs,benchmark,build}/**');
    // A rebuild in place would leave node_modules with a binding the tests cannot load.
    expect(npmRebuild).toBe(false);
  });

  it('sets every hardening fuse', async () => {
    const { electronFuses } = await loadConfig();
    expect(electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships only the compiled app, without source maps', async () => {
    const { files } = await loadConfig();
    expect(files).toEqual(expect.arrayContaining(['package.json', 'out/**', '!**/*.map']));
  });

  it('publishes to a generic server whose URL comes from BEACON_UPDATE_URL', async () => {
    const { publish } = await loadConfig();
    expect(publish).toMatchObject({ provider: 'generic', url: '${env.BEACON_UPDATE_URL}' });
  });

  it('builds nsis, AppImage, deb and dmg installers', async () => {
    const config = await loadConfig();
    expect(targetNames(config.win?.target)).toContain('nsis');
    expect(targetNames(config.linux?.target)).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(targetNames(config.mac?.target)).toContain('dmg');
  });

  it('offers IT a per-machine install in an assisted NSIS installer', async () => {
    const { nsis } = await loadConfig();
    expect(nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
    });
  });

  it('gives deb the maintainer and homepage it refuses to build without', async () => {
    const { linux } = await loadConfig();
    expect(linux?.maintainer).toMatch(/^.+ <.+@.+>$/);
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(pkg).toMatchObject({ homepage: expect.stringMatching(/^https?:\/\//) });
  });
});
