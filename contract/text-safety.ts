/**
 * Characters no name holds: control characters (a terminal runs ESC sequences, a bell rings) and
 * the bidirectional embeddings, overrides and isolates that make "Ana" display as something else.
 * Line breaks and tabs are allowed only in free text (notes, descriptions).
 */

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

const isControl = (c: number) => c < 0x20 || (c >= 0x7f && c <= 0x9f);
const isBidiControl = (c: number) => (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);

/**
 * Why `text` is unfit to store, or null when it is fine. `freeText` allows tabs and line breaks
 * (a note may have several lines); names and labels never hold them.
 */
export function unsafeCharacter(text: string, freeText = false): string | null {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    if (isControl(c)) {
      if (freeText && (c === 9 || c === 10 || c === 13)) continue;
      return `contains a control character (${hex(c)}) that text never holds: retype it`;
    }
    if (isBidiControl(c)) {
      return `contains a bidirectional override (${hex(c)}) that makes text read out of order: retype it`;
    }
  }
  return null;
}
