import type { ImportOptions } from '../../../contract/domains/import';
import { readCsv } from './csv-read';
import { decodeText, EncodingProblem } from './decode';
import { FileProblem, type SourceTable } from './table';
import { readXlsx } from './xlsx-read';

/** A file as the request carries it: exactly one of text, base64 or bytes. */
export interface FileInput {
  name: string;
  text?: string | undefined;
  base64?: string | undefined;
  bytes?: Uint8Array | undefined;
  format?: 'csv' | 'xlsx' | undefined;
}

export const fileFormat = (file: FileInput): 'csv' | 'xlsx' =>
  file.format ?? (/\.xlsx$/i.test(file.name) ? 'xlsx' : 'csv');

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Reads a request's file into rows of text; problems with the file throw FileProblem. */
export async function readSource(file: FileInput, options: ImportOptions): Promise<SourceTable> {
  const format = fileFormat(file);
  const bytes =
    file.bytes ?? (file.base64 !== undefined ? Buffer.from(file.base64, 'base64') : undefined);
  if (format === 'xlsx') {
    if (!bytes) throw new FileProblem('An .xlsx file must be sent as bytes or base64, not text.');
    return readXlsx(bytes, options.sheet);
  }
  if (bytes && ZIP_MAGIC.every((b, i) => bytes[i] === b)) {
    throw new FileProblem(
      `${file.name} looks like an Excel workbook, not CSV text: name it .xlsx or save it as CSV.`,
    );
  }
  let text: string;
  try {
    text = file.text ?? decodeText(bytes ?? new Uint8Array(), options.encoding);
  } catch (err) {
    if (err instanceof EncodingProblem) throw new FileProblem(err.message, err.row);
    throw err;
  }
  return readCsv(text, options.separator);
}
