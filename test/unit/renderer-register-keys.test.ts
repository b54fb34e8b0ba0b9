import { describe, expect, it } from 'vitest';
import type { AttendanceStatus } from '../../contract';
import { registerKeyAction } from '../../renderer/src/register/register-keys';

type Letters = Record<AttendanceStatus, string>;
const english: Letters = { present: 'p', absent: 'a', late: 'l', excused: 'e' };
const portuguese: Letters = { present: 'p', absent: 'f', late: 'a', excused: 'j' };
const plain = { ctrl: false, alt: false, meta: false };
const press = (key: string, row: number, letters = english, modifiers = plain) =>
  registerKeyAction(key, modifiers, row, 35, letters);

describe('register keys', () => {
  it('moves between students without leaving the list', () => {
    expect(press('ArrowDown', 3)).toEqual({ kind: 'move', row: 4 });
    expect(press('ArrowDown', 34)).toEqual({ kind: 'move', row: 34 });
    expect(press('ArrowUp', 0)).toEqual({ kind: 'move', row: 0 });
    expect(press('End', 2)).toEqual({ kind: 'move', row: 34 });
    expect(press('Home', 20)).toEqual({ kind: 'move', row: 0 });
  });

  it("sets a status by the language's letter, either case, and steps to the next student", () => {
    expect(press('A', 5)).toEqual({ kind: 'set', status: 'absent', row: 5, next: 6 });
    expect(press('l', 34)).toEqual({ kind: 'set', status: 'late', row: 34, next: 34 });
    expect(press('a', 5, portuguese)).toEqual({ kind: 'set', status: 'late', row: 5, next: 6 });
    expect(press('l', 5, portuguese)).toEqual({ kind: 'none' });
  });

  it('saves on Enter and leaves shortcuts with modifiers and other keys alone', () => {
    expect(press('Enter', 7)).toEqual({ kind: 'save' });
    expect(press('p', 7, english, { ...plain, ctrl: true })).toEqual({ kind: 'none' });
    expect(press('x', 7)).toEqual({ kind: 'none' });
    expect(press('Tab', 7)).toEqual({ kind: 'none' });
    expect(registerKeyAction('ArrowDown', plain, 0, 0, english)).toEqual({ kind: 'none' });
  });
});
