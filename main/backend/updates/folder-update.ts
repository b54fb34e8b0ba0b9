import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { channelFile, parseUpdateInfo, pickInstaller } from './latest-yml';
import { sha512Base64 } from './sha512';
import { isNewer } from './version-order';

/** What a folder offers: nothing newer, or a newer installer whose bytes match latest.yml. */
export type FolderUpdate =
  | { kind: 'none'; version: string }
  | {
      kind: 'verified';
      version: string;
      /** The files a feed may serve from the folder: the metadata, the installer, its blockmap. */
      files: string[];
    };

export interface Runtime {
  currentVersion: string;
  platform: NodeJS.Platform;
  arch: string;
}

/**
 * Reads a folder's latest.yml and, only when it announces a newer version, checks the
 * installer's size and sha512 against it. Throws one sentence a person can act on when the
 * folder, its metadata or the installer is missing or does not match.
 */
export async function inspectUpdateFolder(folder: string, runtime: Runtime): Promise<FolderUpdate> {
  const metadata = channelFile(runtime.platform, runtime.arch);
  let text: string;
  try {
    text = await readFile(join(folder, metadata), 'utf8');
  } catch {
    throw new Error(
      `No ${metadata} in ${folder}: copy the whole release folder (installer and ${metadata}) there.`,
    );
  }
  const info = parseUpdateInfo(text, metadata);
  if (!isNewer(info.version, runtime.currentVersion))
    return { kind: 'none', version: info.version };
  const installer = pickInstaller(info, runtime.platform);
  const path = join(folder, installer.name);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new Error(
      `${metadata} announces Beacon ${info.version} but ${installer.name} is not in ${folder}.`,
    );
  }
  const damaged = (why: string) =>
    new Error(
      `${installer.name} in ${folder} does not match ${metadata} (${why}): the copy is damaged or was changed; copy it again.`,
    );
  if (installer.size !== undefined && installer.size !== size) {
    throw damaged(`${size} bytes, expected ${installer.size}`);
  }
  if ((await sha512Base64(path)) !== installer.sha512) throw damaged('its sha512 differs');
  return {
    kind: 'verified',
    version: info.version,
    files: [metadata, installer.name, `${installer.name}.blockmap`],
  };
}
