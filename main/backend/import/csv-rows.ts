import { FileProblem } from './table';

/**
 * One pass over CSV text, a row at a time, so a million-row file never becomes a million arrays
 * at once. RFC 4180: a field that starts with a quote may hold separators, line breaks and
 * doubled quotes; a quote anywhere else is an ordinary character. CRLF, LF and CR end rows.
 * Rows are numbered as a spreadsheet numbers them (the first is 1), so a quoted line break
 * starts no new row. Throws FileProblem for a quote never closed, or text after a closing quote.
 */
export function* csvRows(text: string, separator: string): Generator<string[]> {
  const sep = separator.charCodeAt(0);
  const n = text.length;
  let i = 0;
  let row = 1;
  while (i < n) {
    const cells: string[] = [];
    for (;;) {
      let cell: string;
      if (text.charCodeAt(i) === 34) {
        const opened = row;
        let parts = '';
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) {
            throw new FileProblem(
              `The file ends inside a quoted value that starts on row ${opened}: it is cut ` +
                'short, or that row has a quote (") that is never closed.',
              opened,
            );
          }
          parts += text.slice(from, q);
          if (text.charCodeAt(q + 1) === 34) {
            parts += '"';
            from = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        cell = parts;
        const c = text.charCodeAt(i);
        if (i < n && c !== sep && c !== 10 && c !== 13) {
          throw new FileProblem(
            `Row ${row} cannot be read as CSV: a quoted value is followed by more text before ` +
              'the next separator. Put the whole value in quotes, or double the quote inside it.',
            row,
          );
        }
      } else {
        let j = i;
        for (; j < n; j++) {
          const c = text.charCodeAt(j);
          if (c === sep || c === 10 || c === 13) break;
        }
        cell = text.slice(i, j);
        i = j;
      }
      cells.push(cell);
      const c = text.charCodeAt(i);
      if (i < n && c === sep) {
        i++;
        continue;
      }
      // The end of the row: CRLF, LF, CR or the end of the text.
      if (c === 13 && text.charCodeAt(i + 1) === 10) i += 2;
      else if (i < n) i++;
      break;
    }
    yield cells;
    row++;
  }
}
