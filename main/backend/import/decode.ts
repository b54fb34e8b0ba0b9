/**
 * Bytes to text for CSV files. UTF-8 (with or without a byte-order mark) is the default; a file
 * that is not valid UTF-8 is refused with the row and byte where it breaks, because decoding it
 * anyway would silently turn "João" into "Jo�o". `latin1` reads Windows-1252, what older
 * spreadsheet programs save as "CSV" on Windows.
 */

export type TextEncodingName = 'utf8' | 'latin1';

export class EncodingProblem extends Error {
  constructor(
    message: string,
    readonly row: number,
  ) {
    super(message);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const windows1252 = new TextDecoder('windows-1252');

/** The offset of the first byte that breaks UTF-8, or -1 when the bytes are valid UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** The spreadsheet row the end of `text` falls in: newlines inside quoted fields start none. */
export function rowAtEnd(text: string): number {
  let row = 1;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 10 && !quoted) row++;
  }
  return row;
}

/** UTF-16 by its byte-order mark: spreadsheets save "Unicode text" that way. */
function utf16Order(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * Decodes a CSV file's bytes, dropping a byte-order mark: UTF-16 (either order) is read when its
 * mark says so, else the encoding asked for. Throws EncodingProblem.
 */
export function decodeText(bytes: Uint8Array, encoding: TextEncodingName = 'utf8'): string {
  const utf16 = utf16Order(bytes);
  if (utf16) {
    try {
      return new TextDecoder(utf16, { fatal: true }).decode(bytes);
    } catch {
      throw new EncodingProblem(
        `The file starts as UTF-16 text (${utf16 === 'utf-16le' ? 'little' : 'big'}-endian) but ` +
          'breaks off part-way: it is cut short or damaged. Save it again from your spreadsheet.',
        1,
      );
    }
  }
  if (encoding === 'latin1') return windows1252.decode(bytes).replace(/^\u00ef\u00bb\u00bf/, '');
  try {
    // The fatal decoder strips a leading BOM itself (ignoreBOM: false).
    return utf8.decode(bytes);
  } catch {
    const bad = Math.max(0, firstInvalidUtf8(bytes));
    const row = rowAtEnd(utf8.decode(bytes.subarray(0, bad)));
    const hex = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    throw new EncodingProblem(
      `The file is not UTF-8 text: row ${row} has the byte 0x${hex} (byte ${bad + 1} of the ` +
        'file), which UTF-8 does not allow. Save it from your spreadsheet as "CSV UTF-8", or ' +
        'import it as Latin-1 / Windows-1252 (--encoding latin1).',
      row,
    );
  }
}
