import { z } from 'zod';
import { request } from '../spec';

/** The printable reports the app can save as a PDF file. */
export const pdfReports = ['studentProfile', 'riskList', 'districtReport'] as const;
export type PdfReport = (typeof pdfReports)[number];

export const savePdfInput = z
  .object({
    report: z.enum(pdfReports),
    /** What the report is about, for the file name: a student's name, a class. */
    subject: z.string().trim().min(1).max(120).optional(),
  })
  .strict();
export type SavePdfRequest = z.input<typeof savePdfInput>;

export interface SavedPdf {
  /** False when the person closed the save dialog without choosing a file. */
  saved: boolean;
  /** The file's name (not its folder), when saved. */
  fileName: string | null;
  bytes: number | null;
}

/**
 * Saving the window's printable report as a PDF file. Only the app can (Electron's
 * printToPDF on the asking window); elsewhere it answers NOT_AVAILABLE, and Print remains.
 */
export const printRequests = {
  savePdf: request<SavedPdf>()(savePdfInput, 'user'),
};
