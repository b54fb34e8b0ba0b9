import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { SavedPdf, SavePdfRequest } from '../../../contract';
import { BeaconError } from '../../../db';
import { looksLikePdf, pdfFileName, pdfTarget } from './pdf-file';

/** What only the app's main process can do for a PDF: the save dialog and printing a window. */
export interface PrintShell {
  /** Asks where to save (the OS dialog over that window); null when the person cancels. */
  choosePath(windowId: number, defaultName: string): Promise<string | null>;
  /** That window's page as printed (its print stylesheet), as PDF bytes. */
  print(windowId: number): Promise<Uint8Array>;
}

/**
 * Saves the asking window's printable report as a PDF: the backend names the file, checks the
 * place chosen and the bytes, and writes them; the main process only shows the dialog and
 * prints. Without the app (a browser, the command line) there is no window to print.
 */
export async function savePdf(
  input: SavePdfRequest,
  shell: PrintShell | null,
  windowId: number | undefined,
  today: string,
): Promise<SavedPdf> {
  if (!shell || windowId === undefined) {
    throw new BeaconError(
      'NOT_AVAILABLE',
      'Saving a PDF file needs the Beacon app; print the page instead.',
    );
  }
  const chosen = await shell.choosePath(windowId, pdfFileName(input.report, input.subject, today));
  if (chosen === null) return { saved: false, fileName: null, bytes: null };
  const target = pdfTarget(chosen);
  const bytes = await shell.print(windowId);
  if (!looksLikePdf(bytes)) throw new Error('printToPDF answered something that is not a PDF');
  try {
    await writeFile(target, bytes);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOSPC')
      throw new BeaconError('DISK_FULL', `The disk holding ${target} is full.`);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOENT') {
      throw new BeaconError(
        'INVALID_INPUT',
        `Beacon cannot write ${target}: choose a folder you can save to.`,
      );
    }
    throw err;
  }
  return { saved: true, fileName: basename(target), bytes: bytes.length };
}
