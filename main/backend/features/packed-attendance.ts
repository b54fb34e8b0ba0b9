import type { AttendanceRow, AttendanceStatus } from './types';

/**
 * A student's attendance as one string: per record two characters, the day (days since
 * 1970-01-01, one UTF-16 code unit until the year 2119) and the first letter of the status
 * (p, a, l, e), in date order. SQLite builds it in one row with group_concat straight from the
 * compact attendance table (migration 0009), and the rules read it with charCodeAt, so a long
 * register history costs no per-record objects on the hot path.
 */
export type PackedAttendance = string;

/** Characters per attendance record. */
export const ATTENDANCE_ENTRY = 2;

/**
 * Characters per calendar record (calendar.ts packs 'YYYY-MM-DD' and a letter the same way the
 * attendance once did).
 */
export const ENTRY = 11;

const letters: Record<AttendanceStatus, string> = {
  present: 'p',
  absent: 'a',
  late: 'l',
  excused: 'e',
};
const statuses: Record<string, AttendanceStatus> = {
  p: 'present',
  a: 'absent',
  l: 'late',
  e: 'excused',
};

/**
 * SQL over `attendance_days` that packs its rows in the same format (use with
 * group_concat(..., '')): the status codes are the indexes of 'pale', mapped to those letters'
 * code points. One char() call per row and no concatenation: a rebuild packs a million rows,
 * and this costs about two thirds of `char(day) || substr('pale', status + 1, 1)`.
 */
export const packSql = `char(day, CASE status WHEN 0 THEN 112 WHEN 1 THEN 97 WHEN 2 THEN 108 ELSE 101 END)`;

/** Packs records (any order) into the form the rules read. */
export function packAttendance(rows: readonly AttendanceRow[]): PackedAttendance {
  return rows
    .map((r) => ({ day: epochDay(r.date), letter: letters[r.status] }))
    .sort((a, b) => a.day - b.day)
    .map((r) => String.fromCharCode(r.day) + r.letter)
    .join('');
}

/** The records a packed string holds. */
export function unpackAttendance(packed: PackedAttendance): AttendanceRow[] {
  const rows: AttendanceRow[] = [];
  for (let i = 0; i + ATTENDANCE_ENTRY <= packed.length; i += ATTENDANCE_ENTRY) {
    const status = statuses[packed.charAt(i + 1)];
    if (status) rows.push({ date: dateOfEpochDay(packed.charCodeAt(i)), status });
  }
  return rows;
}

/** The first date a packed string holds (the earliest, once sorted), or null when empty. */
export function firstAttendanceDate(packed: PackedAttendance): string | null {
  return packed.length < ATTENDANCE_ENTRY ? null : dateOfEpochDay(packed.charCodeAt(0));
}

/** Packed entries in date order: returns the input when it already is, else a sorted copy. */
export function sortedPacked(packed: PackedAttendance): PackedAttendance {
  for (let i = ATTENDANCE_ENTRY; i + ATTENDANCE_ENTRY <= packed.length; i += ATTENDANCE_ENTRY) {
    if (packed.charCodeAt(i - ATTENDANCE_ENTRY) > packed.charCodeAt(i)) {
      const entries: string[] = [];
      for (let j = 0; j + ATTENDANCE_ENTRY <= packed.length; j += ATTENDANCE_ENTRY) {
        entries.push(packed.slice(j, j + ATTENDANCE_ENTRY));
      }
      return entries.sort((a, b) => a.charCodeAt(0) - b.charCodeAt(0)).join('');
    }
  }
  return packed;
}

/**
 * Days since 1970-01-01 of the date written at `offset` in `s`, read digit by digit (no
 * allocation). Howard Hinnant's days_from_civil.
 */
export function epochDayAt(s: string, offset: number): number {
  // No inner closures here: this runs once per register record, and tsx wraps every closure it
  // creates in a naming helper that costs more than the arithmetic.
  let y =
    (s.charCodeAt(offset) - 48) * 1000 +
    (s.charCodeAt(offset + 1) - 48) * 100 +
    (s.charCodeAt(offset + 2) - 48) * 10 +
    (s.charCodeAt(offset + 3) - 48);
  const m = (s.charCodeAt(offset + 5) - 48) * 10 + (s.charCodeAt(offset + 6) - 48);
  const d = (s.charCodeAt(offset + 8) - 48) * 10 + (s.charCodeAt(offset + 9) - 48);
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date. */
export const epochDay = (date: string): number => epochDayAt(date, 0);

/** The 'YYYY-MM-DD' date of a day number (days since 1970-01-01): civil_from_days. */
export function dateOfEpochDay(n: number): string {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Attendance decoded for the rules: day numbers ascending, and each day's status letter code. */
export interface DecodedAttendance {
  days: Int32Array;
  statuses: Uint8Array;
}

/** Decodes a packed string once, sorting it first if a caller's string is out of date order. */
export function decodeAttendance(packed: PackedAttendance): DecodedAttendance {
  const n = Math.floor(packed.length / ATTENDANCE_ENTRY);
  const days = new Int32Array(n);
  const statuses = new Uint8Array(n);
  for (let i = 0, off = 0; i < n; i++, off += ATTENDANCE_ENTRY) {
    const day = packed.charCodeAt(off);
    if (i > 0 && day < (days[i - 1] as number)) return decodeAttendance(sortedPacked(packed));
    days[i] = day;
    statuses[i] = packed.charCodeAt(off + 1);
  }
  return { days, statuses };
}
