import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { channelFile } from '../../main/backend/updates/latest-yml';

const installerNames: Record<string, (v: string) => string> = {
  win32: (v) => `Beacon-Setup-${v}.exe`,
  darwin: (v) => `Beacon-${v}-mac.zip`,
  linux: (v) => `Beacon-${v}.AppImage`,
};

/**
 * A release folder as electron-builder leaves it in dist/: a (random, 256 KB) installer and
 * the latest*.yml for the platform, with the installer's real size and sha512.
 */
export function writeReleaseFolder(
  dir: string,
  version: string,
  platform: NodeJS.Platform = process.platform,
  arch = process.arch,
) {
  const installer = (installerNames[platform] ?? installerNames.linux!)(version);
  const bytes = randomBytes(256 * 1024);
  writeFileSync(join(dir, installer), bytes);
  const sha512 = createHash('sha512').update(bytes).digest('base64');
  const metadata = channelFile(platform, arch);
  const info = {
    version,
    files: [{ url: installer, sha512, size: bytes.length }],
    path: installer,
    sha512,
    releaseDate: '2026-11-30T10:00:00.000Z',
  };
  writeFileSync(join(dir, metadata), dump(info));
  return { installer, metadata, installerPath: join(dir, installer), sha512 };
}
