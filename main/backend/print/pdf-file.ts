import { isAbsolute } from 'node:path';
import type { PdfReport } from '../../../contract';
import { BeaconError } from '../../../db';

const reportNames: Record<PdfReport, string> = {
  studentProfile: 'Student profile',
  riskList: 'At risk',
  districtReport: 'District report',
};

/** Longest file name offered, extension included: well under every file system's 255. */
const MAX_NAME = 120;

/**
 * The file name the save dialog offers: "Beacon - Student profile - Ana Silva - 2026-12-03.pdf".
 * The subject is a person's or a class's name, so anything a file system refuses or reads as a
 * folder (separators, control characters, `<>:"|?*`, leading dots) becomes a space.
 */
export function pdfFileName(report: PdfReport, subject: string | undefined, today: string): string {
  const cleaned = (subject ?? '')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what goes
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const parts = ['Beacon', reportNames[report], cleaned, today].filter((p) => p !== '');
  const stem = parts.join(' - ');
  const room = MAX_NAME - '.pdf'.length;
  return `${stem.length > room ? stem.slice(0, room).trimEnd() : stem}.pdf`;
}

/**
 * Where a PDF may be written, from the path the save dialog answered: an absolute path, given
 * the `.pdf` extension when it has none (the dialog may drop it), never another extension.
 */
export function pdfTarget(chosen: string): string {
  if (!isAbsolute(chosen)) {
    throw new BeaconError('INVALID_INPUT', `A PDF is saved to a full path, not "${chosen}".`);
  }
  const name = chosen.split(/[\\/]/).pop() ?? '';
  if (name === '')
    throw new BeaconError('INVALID_INPUT', `"${chosen}" names a folder, not a file.`);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return `${chosen}.pdf`;
  if (name.slice(dot).toLowerCase() !== '.pdf') {
    throw new BeaconError(
      'INVALID_INPUT',
      `A PDF file's name ends in .pdf, not "${name.slice(dot)}" ("${name}").`,
    );
  }
  return chosen;
}

/** True when `bytes` begin as every PDF file does ("%PDF-"). */
export const looksLikePdf = (bytes: Uint8Array): boolean =>
  Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
