import { load } from 'js-yaml';
import { z } from 'zod';

/**
 * electron-builder's update metadata (latest.yml and its per-platform siblings), as far as
 * Beacon reads it: the version, and each file's name, size and base64 sha512.
 */
const fileEntry = z.object({
  url: z.string().min(1),
  sha512: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'must be a base64 sha512'),
  size: z.number().int().positive().optional(),
});
const updateInfo = z.object({
  version: z.string().min(1),
  files: z.array(fileEntry).min(1),
  releaseDate: z.string().optional(),
});
export type UpdateInfo = z.infer<typeof updateInfo>;
export type UpdateFile = z.infer<typeof fileEntry>;

/** The metadata file electron-updater reads on a platform (the "latest" channel). */
export function channelFile(platform: NodeJS.Platform, arch: string): string {
  if (platform === 'win32') return 'latest.yml';
  if (platform === 'darwin') return 'latest-mac.yml';
  return arch === 'x64' ? 'latest-linux.yml' : `latest-linux-${arch}.yml`;
}

/** Parses a latest.yml; throws one sentence naming what is wrong with it. */
export function parseUpdateInfo(text: string, name = 'latest.yml'): UpdateInfo {
  let raw: unknown;
  try {
    raw = load(text);
  } catch (err) {
    throw new Error(`${name} is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const parsed = updateInfo.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `${name} is not update metadata: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
    );
  }
  return parsed.data;
}

/** Installer kinds each platform can update itself with, most preferred first. */
const installerKinds: Record<string, string[]> = {
  win32: ['.exe'],
  darwin: ['.zip'],
  // An AppImage replaces itself; a .deb needs the package manager.
  linux: ['.AppImage', '.deb'],
};

/**
 * The installer this platform would run, with its file name reduced to a plain name inside the
 * folder (a url with a path, `..` or a scheme is refused, so a crafted latest.yml cannot point
 * outside the folder).
 */
export function pickInstaller(
  info: UpdateInfo,
  platform: NodeJS.Platform,
): UpdateFile & { name: string } {
  for (const ext of installerKinds[platform] ?? []) {
    const file = info.files.find((f) => f.url.endsWith(ext));
    if (!file) continue;
    const name = decodeURIComponent(file.url);
    if (name.includes('/') || name.includes('\\') || name.startsWith('.') || name.includes(':')) {
      throw new Error(
        `latest.yml names the installer "${file.url}", which is not a plain file name`,
      );
    }
    return { ...file, name };
  }
  throw new Error(
    `latest.yml lists no installer for ${platform} (${(installerKinds[platform] ?? []).join(', ')})`,
  );
}
