/** What a typed cell holds: nothing, a valid mark, or a problem with it. */
export type CellCheck =
  | { kind: 'empty' }
  | { kind: 'mark'; score: number }
  | { kind: 'notNumber' }
  | { kind: 'negative' }
  | { kind: 'aboveMax' };

/**
 * Reads a typed mark against the assessment's maximum, as the backend will: a decimal comma
 * is accepted (spreadsheets in French, Spanish and Portuguese write 12,5).
 */
export function checkCell(text: string, max: number): CellCheck {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  if (!/^-?\d+([.,]\d+)?$/.test(trimmed)) return { kind: 'notNumber' };
  const score = Number(trimmed.replace(',', '.'));
  if (score < 0) return { kind: 'negative' };
  if (score > max) return { kind: 'aboveMax' };
  return { kind: 'mark', score };
}

/**
 * Spreadsheet text (rows on lines, cells split by tabs) as a block of cells, without the
 * trailing empty line spreadsheets add when copying.
 */
export function pastedBlock(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => line.split('\t'));
}
