import { app, BrowserWindow, dialog } from 'electron';
import { join } from 'node:path';
import type { ShellHandlers } from '../backend/shell/shell-link';
import { isTrustedUrl } from './trusted-url';

/** One of our windows showing our own page, by its webContents id; throws for anything else. */
function ourWindow(windowId: number): BrowserWindow {
  const win = BrowserWindow.getAllWindows().find((w) => w.webContents.id === windowId);
  if (!win || !isTrustedUrl(win.webContents.getURL())) {
    throw new Error(`No Beacon window ${windowId} to print.`);
  }
  return win;
}

/**
 * The main process's part of "Save as PDF": the OS save dialog and printToPDF. The backend
 * names the file, checks the path and writes the bytes (main/backend/print/).
 */
export const pdfShellHandlers: Pick<ShellHandlers, 'choosePdfPath' | 'printWindowToPdf'> = {
  choosePdfPath: async ({ windowId, defaultName }) => {
    const { canceled, filePath } = await dialog.showSaveDialog(ourWindow(windowId), {
      defaultPath: join(app.getPath('documents'), defaultName),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    return canceled || !filePath ? null : filePath;
  },
  printWindowToPdf: async ({ windowId }) => {
    const pdf = await ourWindow(windowId).webContents.printToPDF({
      pageSize: 'A4',
      printBackground: false,
    });
    return new Uint8Array(pdf);
  },
};
