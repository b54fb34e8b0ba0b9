import { inflateRawSync } from 'node:zlib';
import { FileProblem } from './table';

/**
 * Checks an .xlsx file before any parser inflates it: a workbook is a zip, and a 410 KB zip can
 * inflate to a 400 MB cell, or a 27 MB one to two million rows, which cost a parser gigabytes
 * and minutes before it fails. Sizes are taken from the zip's directory and then proved while
 * inflating (a directory may lie), each part with a hard cap on what it may inflate to.
 */

/** Everything inside a workbook, inflated: far beyond a school's spreadsheet. */
export const MAX_XLSX_INFLATED_BYTES = 100 * 1024 * 1024;
/** Rows in all sheets together: a bigger register imports as CSV, which streams. */
export const MAX_XLSX_ROWS = 250_000;
/** The longest text a spreadsheet program lets one cell hold. */
export const MAX_XLSX_CELL_CHARS = 32_767;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const damaged = (why: string) =>
  new FileProblem(
    `The file is damaged: it is not a readable .xlsx workbook (${why}). Open it in your ` +
      'spreadsheet and save it again as "Excel Workbook (.xlsx)", or as "CSV UTF-8".',
  );

const MIB = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;

function tooBig(): FileProblem {
  return new FileProblem(
    `The workbook unpacks to more than ${MIB(MAX_XLSX_INFLATED_BYTES)}, more than any school ` +
      'register needs: it was refused before reading. Save the sheet as "CSV UTF-8" and import that.',
  );
}

/** The zip's central directory: every part's name, sizes and where its data starts. */
function zipEntries(buf: Buffer): ZipEntry[] {
  const from = Math.max(0, buf.length - 22 - 0xffff);
  let end = -1;
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw damaged('its table of contents is missing; it may be cut short');
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) {
      throw damaged('its table of contents is broken');
    }
    const nameLength = buf.readUInt16LE(at + 28);
    entries.push({
      method: buf.readUInt16LE(at + 10),
      compressedSize: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      name: buf.toString('utf8', at + 46, at + 46 + nameLength),
      localOffset: buf.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return entries;
}

/** One part's bytes, inflated to at most `budget` bytes. */
function inflated(buf: Buffer, entry: ZipEntry, budget: number): Buffer {
  const at = entry.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== 0x04034b50) {
    throw damaged(`the part ${entry.name} is missing`);
  }
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  if (data.length < entry.compressedSize) throw damaged(`the part ${entry.name} is cut short`);
  if (entry.method === 0) {
    if (data.length > budget) throw tooBig();
    return data;
  }
  if (entry.method !== 8) throw damaged(`the part ${entry.name} is packed in an unknown way`);
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooBig();
    throw damaged(`the part ${entry.name} cannot be unpacked`);
  }
}

/** Rows in a sheet's XML, and its longest run of text between two tags. */
function measureSheet(xml: Buffer): { rows: number; longestText: number } {
  let rows = 0;
  let longestText = 0;
  let last = -1;
  for (let i = xml.indexOf(0x3c); i >= 0; i = xml.indexOf(0x3c, i + 1)) {
    if (last >= 0 && i - last > longestText) longestText = i - last;
    last = i;
    // <row ...> or <x:row ...>: the tag name ends "row", then a space, "/" or ">".
    const name = xml.subarray(i + 1, Math.min(i + 12, xml.length)).toString('latin1');
    if (/^(?:[A-Za-z]\w*:)?row[\s/>]/.test(name)) rows++;
  }
  return { rows, longestText };
}

/**
 * Refuses a workbook that is damaged, inflates beyond MAX_XLSX_INFLATED_BYTES, holds more than
 * MAX_XLSX_ROWS rows or a cell longer than any spreadsheet allows; throws FileProblem.
 */
export function checkXlsxLimits(bytes: Uint8Array): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = zipEntries(buf);
  let declared = 0;
  for (const e of entries) declared += e.size;
  if (declared > MAX_XLSX_INFLATED_BYTES || entries.some((e) => e.size === 0xffffffff)) {
    throw tooBig();
  }
  let budget = MAX_XLSX_INFLATED_BYTES;
  let rows = 0;
  for (const e of entries) {
    if (!/^xl\/(worksheets\/[^/]+|sharedStrings)\.xml$/i.test(e.name)) continue;
    const xml = inflated(buf, e, budget);
    budget -= xml.length;
    const m = measureSheet(xml);
    if (m.longestText > MAX_XLSX_CELL_CHARS * 6 + 64) {
      throw new FileProblem(
        `The workbook holds a cell of more than ${MAX_XLSX_CELL_CHARS.toLocaleString('en')} ` +
          'characters, longer than spreadsheet programs allow: it was refused before reading.',
      );
    }
    if (e.name.toLowerCase().includes('worksheets/')) rows += m.rows;
    if (rows > MAX_XLSX_ROWS) {
      throw new FileProblem(
        `The workbook has more than ${MAX_XLSX_ROWS.toLocaleString('en')} rows, more than an ` +
          '.xlsx import reads: save the sheet as "CSV UTF-8" (which Beacon reads in batches) ' +
          'or split it.',
      );
    }
  }
}
