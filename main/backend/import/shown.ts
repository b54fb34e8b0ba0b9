/** How much of a value a message repeats: enough to find it, never a whole megabyte. */
export const SHOWN_CHARS = 80;

/** `text` cut to about 80 characters, saying how long it really was when it is cut. */
export function shown(text: string, max = SHOWN_CHARS): string {
  if (text.length <= max) return text;
  const length = ` (${text.length.toLocaleString('en')} characters)`;
  return `${text.slice(0, Math.max(1, max - length.length - 1))}…${length}`;
}

/** Longest message a report carries; reasons quote values, each already cut by `cutQuoted`. */
const MAX_REASON_CHARS = 400;

/**
 * A message with every quoted value in it cut to about 80 characters, and the whole kept short:
 * a 1 MB cell must not become 2 MB of error output.
 */
export function cutQuoted(message: string): string {
  const cut = message.replace(/"([^"]{81,})"/g, (_m, inner: string) => `"${shown(inner)}"`);
  return shown(cut, MAX_REASON_CHARS);
}
