import type { AttendanceStatus } from '../../../contract';

/** What a key press on the register means. */
export type RegisterKeyAction =
  | { kind: 'move'; row: number }
  | { kind: 'set'; status: AttendanceStatus; row: number; next: number }
  | { kind: 'save' }
  | { kind: 'none' };

/**
 * Reads a key press on row `row` of `count`: ↑/↓ (and Home/End) move, the language's status
 * letters set the row and step to the next one (so a run of letters takes a register), Enter
 * saves. Letters with a modifier (Ctrl+P to print) are left to the browser.
 */
export function registerKeyAction(
  key: string,
  modifiers: { ctrl: boolean; alt: boolean; meta: boolean },
  row: number,
  count: number,
  letters: Readonly<Record<AttendanceStatus, string>>,
): RegisterKeyAction {
  if (count === 0) return { kind: 'none' };
  const last = count - 1;
  switch (key) {
    case 'ArrowDown':
      return { kind: 'move', row: Math.min(row + 1, last) };
    case 'ArrowUp':
      return { kind: 'move', row: Math.max(row - 1, 0) };
    case 'Home':
      return { kind: 'move', row: 0 };
    case 'End':
      return { kind: 'move', row: last };
    case 'Enter':
      return { kind: 'save' };
  }
  if (modifiers.ctrl || modifiers.alt || modifiers.meta || key.length !== 1)
    return { kind: 'none' };
  const lower = key.toLocaleLowerCase();
  for (const [status, letter] of Object.entries(letters) as [AttendanceStatus, string][]) {
    if (letter.toLocaleLowerCase() === lower) {
      return { kind: 'set', status, row, next: Math.min(row + 1, last) };
    }
  }
  return { kind: 'none' };
}
