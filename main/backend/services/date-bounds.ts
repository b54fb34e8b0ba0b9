import { BeaconError, type Db } from '../../../db';
import { addDays } from './records-dates';
import { readSetting } from '../../../db/settings';

/** The school setting: days after today a record may still be dated (clocks and time zones). */
export const futureMarginKey = 'records.futureMarginDays';
export const defaultFutureMarginDays = 1;
const maxFutureMarginDays = 366;

/** No school record (attendance, marks, incidents, entry, status) is dated before this. */
export const recordsFloor = '1970-01-01';
/** Nobody on a school's roll was born before this. */
export const birthFloor = '1900-01-01';

/** What a date is: a school record's, or a date of birth (which is never in the future at all). */
export type DateKind = 'record' | 'birth';

/** The window a school accepts dates in, from its calendar's today. */
export interface DateBounds {
  today: string;
  /** The latest record date accepted: today plus the margin. */
  latest: string;
}

/** The local calendar date, as staff see it on the laptop. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Days after today a record may be dated: the school's setting, or one day when unset or odd. */
export function readFutureMarginDays(db: Db, schoolId: string): number {
  const stored = readSetting(db, schoolId, futureMarginKey);
  return typeof stored === 'number' && Number.isInteger(stored) && stored >= 0
    ? Math.min(stored, maxFutureMarginDays)
    : defaultFutureMarginDays;
}

/** The school's bounds on `today`. */
export function readDateBounds(db: Db, schoolId: string, today: string): DateBounds {
  return { today, latest: addDays(today, readFutureMarginDays(db, schoolId)) };
}

/**
 * Why `date` cannot be a record of this kind (in the future beyond the margin, a birth after
 * today, or before the floor), as words to follow the date; null when it can.
 */
export function dateProblem(date: string, kind: DateKind, bounds: DateBounds): string | null {
  const floor = kind === 'birth' ? birthFloor : recordsFloor;
  const latest = kind === 'birth' ? bounds.today : bounds.latest;
  if (date > latest) {
    return kind === 'birth'
      ? `is in the future (today is ${bounds.today})`
      : `is in the future: records may be dated up to ${latest} (today is ${bounds.today})`;
  }
  if (date < floor) return `is before ${floor}, too far in the past to be right`;
  return null;
}

/**
 * Refuses a date that cannot be (see `dateProblem`) with INVALID_INPUT naming the field, in the
 * shape forms place next to it. `what` names it in the sentence ("The incident date").
 */
export function assertPossibleDate(
  bounds: DateBounds,
  field: string,
  what: string,
  date: string | null | undefined,
  kind: DateKind = 'record',
): void {
  if (!date) return;
  const problem = dateProblem(date, kind, bounds);
  if (problem) {
    throw new BeaconError('INVALID_INPUT', `${what} ${date} ${problem}.`, [
      { path: [field], message: problem },
    ]);
  }
}

/** The bounds for a write by `actor`, on its today (the laptop's when it names none). */
export const boundsFor = (db: Db, actor: { schoolId: string; today?: string }): DateBounds =>
  readDateBounds(db, actor.schoolId, actor.today ?? localToday());
