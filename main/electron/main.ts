import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu } from 'electron';
import { defaultDatabasePath } from '../backend/paths';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { backendEnvironment } from './backend-environment';
import { startBackendProcess, type BackendProcess } from './backend-process';
import { CONNECT_CHANNEL, onTrusted } from './ipc';
import { lockDown } from './security';
import { shellPolicy } from './shell-policy';
import { APP_ENTRY } from './trusted-url';

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
      backend = await startBackendProcess(join(out, 'backend', 'backend.js'), dbPath, env, fatal);
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
