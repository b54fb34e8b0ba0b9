import type { SqlValue } from '../table-writer';
import { parseGrade, parseInteger, parseSex, parseYesNo } from '../values';
import type { RowReader } from './context';

/** The date `age` whole years and six months before `asOf`: the middle of the possible range. */
export function approximateBirthDate(asOf: string, age: number): string {
  let y = Number(asOf.slice(0, 4)) - age;
  let m = Number(asOf.slice(5, 7)) - 6;
  if (m <= 0) {
    m += 12;
    y -= 1;
  }
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const d = Math.min(Number(asOf.slice(8, 10)), lastDay);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Splits "Ana Maria Silva" into the first word and the rest; null when there is one word. */
export function splitFullName(full: string): { first: string; last: string } | null {
  const words = full.trim().split(/\s+/);
  if (words.length < 2) return null;
  return { first: words[0] as string, last: words.slice(1).join(' ') };
}

function names(r: RowReader): { first_name?: string; last_name?: string } {
  const full = r.has('full_name') ? (r.text('full_name')?.trim() ?? '') : null;
  const hasFirst = r.has('first_name');
  const hasLast = r.has('last_name');
  const out: { first_name?: string; last_name?: string } = {};
  if (hasFirst) out.first_name = r.required('first_name', 'first name') ?? undefined;
  if (hasLast) out.last_name = r.required('last_name', 'last name') ?? undefined;
  if (full === null || (hasFirst && hasLast)) return out;
  if (full === '') {
    r.reject('full_name', 'the name is empty');
    return out;
  }
  if (r.safe('full_name', full) === null) return out;
  if (hasLast) out.first_name = full;
  else if (hasFirst) {
    const first = out.first_name ?? '';
    out.last_name = full.startsWith(`${first} `) ? full.slice(first.length + 1).trim() : full;
  } else {
    const split = splitFullName(full);
    if (!split) {
      r.reject(
        'full_name',
        `"${full}" has no surname: map first_name and last_name if names are split that way`,
      );
      return out;
    }
    out.first_name = split.first;
    out.last_name = split.last;
  }
  return out;
}

/**
 * A student row's own columns as the students table stores them, only for the fields the file
 * maps (so a file without a sex column never clears anyone's sex). Dates are checked to make
 * sense together: born after 1900, entered school after birth.
 */
export function studentValues(r: RowReader, ageAsOf: string | undefined): Record<string, SqlValue> {
  const v: Record<string, SqlValue> = { ...names(r) };
  for (const [key, value] of Object.entries(v)) {
    if (typeof value === 'string' && value.length > 100) {
      r.reject(key, 'is longer than 100 characters');
    }
  }
  const sex = r.parsed('sex', parseSex);
  if (sex !== undefined) v.sex = sex;
  let dob = r.date('date_of_birth');
  const age = r.parsed('age', (t) => parseInteger(t, 2, 40));
  if (!dob && age && ageAsOf) dob = approximateBirthDate(ageAsOf, age);
  if (dob !== undefined || age !== undefined) v.date_of_birth = dob ?? null;
  const grade = r.parsed('grade_level', parseGrade);
  if (grade !== undefined) v.grade_level = grade;
  const entry = r.date('entry_date');
  if (entry !== undefined) v.entry_date = entry;
  const ethnicity = r.optionalText('ethnicity', 100);
  if (ethnicity !== undefined) v.ethnicity = ethnicity;
  const lowIncome = r.parsed('low_income', parseYesNo);
  if (lowIncome !== undefined) v.low_income = lowIncome;
  if (typeof v.date_of_birth === 'string' && v.date_of_birth < '1900-01-01') {
    r.reject('date_of_birth', `${v.date_of_birth} is too far in the past`);
  }
  if (typeof v.date_of_birth === 'string' && entry && entry < v.date_of_birth) {
    r.reject('entry_date', `${entry} is before the date of birth ${v.date_of_birth}`);
  }
  return v;
}
