import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { load } from 'js-yaml';
import electronUpdater from 'electron-updater';
import type { UpdateFeed, UpdaterState } from '../backend/updates/update-shell';
import { serveUpdateFolder, type FolderFeed } from './folder-feed';

export interface Updater {
  check(feed: UpdateFeed): Promise<void>;
  install(): void;
}

/**
 * electron-updater, thinly: the backend decides what to check and whether to install; this
 * points the generic provider at the feed (a folder is served on 127.0.0.1), downloads what is
 * newer (differentially where a blockmap allows; sha512-checked by electron-updater), reports
 * each step, and restarts into the update only when asked. Nothing installs on quit unasked.
 */
export function createUpdater(options: {
  isPackaged: boolean;
  resourcesPath: string;
  onState(state: UpdaterState): void;
}): Updater {
  const { autoUpdater } = electronUpdater;
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.allowDowngrade = false;
  autoUpdater.logger = null;
  const report = options.onState;
  autoUpdater.on('checking-for-update', () => report({ phase: 'checking' }));
  autoUpdater.on('update-not-available', (info) =>
    report({ phase: 'none', version: info.version }),
  );
  autoUpdater.on('update-available', (info) =>
    report({ phase: 'downloading', version: info.version, progress: 0 }),
  );
  autoUpdater.on('download-progress', (p) =>
    report({ phase: 'downloading', progress: Math.min(1, p.percent / 100) }),
  );
  autoUpdater.on('update-downloaded', (info) => report({ phase: 'ready', version: info.version }));
  autoUpdater.on('error', (err) =>
    report({ phase: 'failed', message: `The update failed: ${err.message}` }),
  );

  let folder: FolderFeed | undefined;
  const builtInUrl = async (): Promise<string> => {
    try {
      const config = load(await readFile(join(options.resourcesPath, 'app-update.yml'), 'utf8'));
      const url = (config as { url?: unknown } | null)?.url;
      if (typeof url === 'string' && url !== '') return url;
    } catch {
      // no built-in server: said below
    }
    throw new Error(
      'This Beacon was built without an update server: choose a server or a folder in Settings.',
    );
  };

  return {
    async check(feed) {
      if (!options.isPackaged) {
        report({
          phase: 'unsupported',
          message: 'This is a development build: updates apply to installed Beacon only.',
        });
        return;
      }
      await folder?.close();
      folder = undefined;
      let url: string;
      if (feed.kind === 'folder') {
        folder = await serveUpdateFolder(feed.path, feed.files);
        url = folder.url;
      } else url = feed.kind === 'server' ? feed.url : await builtInUrl();
      autoUpdater.setFeedURL({ provider: 'generic', url });
      await autoUpdater.checkForUpdates();
    },
    install() {
      autoUpdater.quitAndInstall(false, true);
    },
  };
}
