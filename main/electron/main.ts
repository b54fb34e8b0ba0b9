import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu, safeStorage } from 'electron';
import { defaultDatabasePath } from '../backend/paths';
import { sealedSecretStore } from '../backend/secrets/sealed-secret-store';
import { isSecretName, type SecretName } from '../backend/secrets/secret-store';
import type { ShellHandlers } from '../backend/shell/shell-link';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { backendEnvironment } from './backend-environment';
import { startBackendProcess, type BackendProcess } from './backend-process';
import { CONNECT_CHANNEL, onTrusted } from './ipc';
import { pdfShellHandlers } from './pdf-shell';
import { lockDown } from './security';
import { shellPolicy } from './shell-policy';
import { APP_ENTRY } from './trusted-url';
import { createUpdater } from './updater';

const here = fileURLToPath(new URL('.', import.meta.url));
const out = join(here, '..');
const policy = shellPolicy({ isPackaged: app.isPackaged, platform: process.platform });
let backend: BackendProcess | undefined;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    title: 'Beacon',
    show: false,
    webPreferences: {
      preload: join(out, 'preload', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
      devTools: policy.devTools,
      // A middle click must not open a link in a new window (window opens are denied anyway).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY);
  return win;
}

/**
 * What the backend asks of the main process: the OS key store, electron-updater, and the save
 * dialog and printToPDF behind "Save as PDF".
 */
function shellHandlers(): ShellHandlers {
  const secrets = sealedSecretStore(join(app.getPath('userData'), 'secrets'), safeStorage);
  const updater = createUpdater({
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    onState: (state) => backend?.updaterState(state),
  });
  const known = (name: unknown): SecretName => {
    if (!isSecretName(name)) throw new Error(`Unknown secret "${String(name)}".`);
    return name;
  };
  return {
    getSecret: ({ name }) => secrets.get(known(name)),
    setSecret: async ({ name, value }) => {
      await secrets.set(known(name), value);
      return null;
    },
    deleteSecret: async ({ name }) => {
      await secrets.delete(known(name));
      return null;
    },
    checkForUpdate: async ({ feed }) => {
      await updater.check(feed);
      return null;
    },
    installUpdate: async () => {
      updater.install();
      return null;
    },
    ...pdfShellHandlers,
  };
}

function fatal(message: string): void {
  dialog.showErrorBox('Beacon cannot start', message);
  app.exit(1);
}

// One Beacon per user: two would fight over the same database file.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => backend?.stop());

  void app.whenReady().then(async () => {
    lockDown(policy.devTools);
    Menu.setApplicationMenu(Menu.buildFromTemplate(policy.menu));
    serveRenderer(join(out, 'renderer'));
    const dbPath = process.env.BEACON_DB ?? defaultDatabasePath();
    const env = backendEnvironment({
      isPackaged: app.isPackaged,
      appPath: app.getAppPath(),
      resourcesPath: process.resourcesPath,
    });
    try {
      backend = await startBackendProcess(
        join(out, 'backend', 'backend.js'),
        dbPath,
        env,
        shellHandlers(),
        fatal,
      );
    } catch (err) {
      fatal((err as Error).message);
      return;
    }
    onTrusted(
      CONNECT_CHANNEL,
      () => BrowserWindow.getAllWindows(),
      (event) => backend?.connect(event.sender),
    );
    createWindow();
  });
}
