import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectUpdateFolder } from '../../main/backend/updates/folder-update';
import { useTempDir } from '../support/temp-dir';
import { writeReleaseFolder } from '../support/update-folder';

const tempDir = useTempDir();
const windows = { currentVersion: '0.1.0', platform: 'win32' as const, arch: 'x64' };

describe('an update folder (USB drive or share)', () => {
  it('offers a newer installer whose size and sha512 match latest.yml', async () => {
    const dir = tempDir();
    const release = writeReleaseFolder(dir, '0.2.0', 'win32', 'x64');
    expect(release.metadata).toBe('latest.yml');
    await expect(inspectUpdateFolder(dir, windows)).resolves.toEqual({
      kind: 'verified',
      version: '0.2.0',
      files: ['latest.yml', 'Beacon-Setup-0.2.0.exe', 'Beacon-Setup-0.2.0.exe.blockmap'],
    });
  });

  it('reads the platform’s own metadata file', async () => {
    const dir = tempDir();
    writeReleaseFolder(dir, '0.2.0', 'linux', 'x64');
    const linux = { ...windows, platform: 'linux' as const };
    await expect(inspectUpdateFolder(dir, linux)).resolves.toMatchObject({
      kind: 'verified',
      files: ['latest-linux.yml', 'Beacon-0.2.0.AppImage', 'Beacon-0.2.0.AppImage.blockmap'],
    });
    await expect(inspectUpdateFolder(dir, windows)).rejects.toThrow(/^No latest\.yml in /);
  });

  it('offers nothing when the folder holds the same or an older version, without hashing', async () => {
    const dir = tempDir();
    const release = writeReleaseFolder(dir, '0.1.0', 'win32', 'x64');
    rmSync(release.installerPath); // not even looked at
    await expect(inspectUpdateFolder(dir, windows)).resolves.toEqual({
      kind: 'none',
      version: '0.1.0',
    });
  });

  it('refuses an installer changed after latest.yml was written (same size, other bytes)', async () => {
    const dir = tempDir();
    const release = writeReleaseFolder(dir, '0.2.0', 'win32', 'x64');
    const bytes = readFileSync(release.installerPath);
    bytes[1000] = (bytes[1000] ?? 0) ^ 0xff;
    writeFileSync(release.installerPath, bytes);
    await expect(inspectUpdateFolder(dir, windows)).rejects.toThrow(
      /Beacon-Setup-0\.2\.0\.exe in .* does not match latest\.yml \(its sha512 differs\): the copy is damaged or was changed; copy it again\./,
    );
  });

  it('refuses a truncated or padded copy by its size', async () => {
    const dir = tempDir();
    const release = writeReleaseFolder(dir, '0.2.0', 'win32', 'x64');
    appendFileSync(release.installerPath, 'x');
    await expect(inspectUpdateFolder(dir, windows)).rejects.toThrow(
      /262145 bytes, expected 262144/,
    );
  });

  it('says which file is missing', async () => {
    const dir = tempDir();
    const release = writeReleaseFolder(dir, '0.2.0', 'win32', 'x64');
    rmSync(release.installerPath);
    await expect(inspectUpdateFolder(dir, windows)).rejects.toThrow(
      /latest\.yml announces Beacon 0\.2\.0 but Beacon-Setup-0\.2\.0\.exe is not in /,
    );
  });

  it('refuses metadata that points outside the folder, or is not metadata at all', async () => {
    const dir = tempDir();
    const sha512 = `${'A'.repeat(86)}==`;
    writeFileSync(
      join(dir, 'latest.yml'),
      `version: 0.2.0\nfiles:\n  - url: ../../evil.exe\n    sha512: ${sha512}\n`,
    );
    await expect(inspectUpdateFolder(dir, windows)).rejects.toThrow(/not a plain file name/);
    writeFileSync(join(dir, 'latest.yml'), 'version: [0.2.0\n');
    await expect(inspectUpdateFolder(dir, windows)).rejects.toThrow(
      /latest\.yml is not valid YAML/,
    );
    writeFileSync(join(dir, 'latest.yml'), 'version: 0.2.0\n');
    await expect(inspectUpdateFolder(dir, windows)).rejects.toThrow(
      /latest\.yml is not update metadata: files/,
    );
  });
});
