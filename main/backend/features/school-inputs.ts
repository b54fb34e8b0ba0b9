import type Database from 'better-sqlite3';
import type { Db } from '../../../db';
import { calendarPackSql, unpackCalendar } from './calendar';
import type { SchoolInputs } from './types';

/** The settings key for the expected-age offset (expected age = grade + offset). */
export const EXPECTED_AGE_OFFSET_KEY = 'features.expectedAgeOffset';
export const DEFAULT_EXPECTED_AGE_OFFSET = 6;

/** The offset a stored setting value gives: a whole number of years 0-20, else the default. */
export function parseExpectedAgeOffset(json: string | undefined): number {
  if (json === undefined) return DEFAULT_EXPECTED_AGE_OFFSET;
  try {
    const v: unknown = JSON.parse(json);
    return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 20
      ? v
      : DEFAULT_EXPECTED_AGE_OFFSET;
  } catch {
    return DEFAULT_EXPECTED_AGE_OFFSET;
  }
}

interface Statements {
  calendar: Database.Statement<[string]>;
  startMonth: Database.Statement<[string]>;
  setting: Database.Statement<[string, string]>;
}

const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      calendar: db
        .prepare<[string]>(
          `SELECT group_concat(${calendarPackSql}, '') FROM school_calendar
           INDEXED BY school_calendar_features WHERE school_id = ? AND deleted_at IS NULL`,
        )
        .pluck(),
      startMonth: db
        .prepare<[string]>('SELECT school_year_start_month FROM schools WHERE id = ?')
        .pluck(),
      setting: db
        .prepare<[string, string]>('SELECT value FROM settings WHERE school_id = ? AND key = ?')
        .pluck(),
    };
    cache.set(db, s);
  }
  return s;
}

/**
 * The school-wide inputs features depend on, read in the caller's transaction: the live calendar,
 * the month the school year starts in, and the expected-age offset setting.
 */
export function loadSchoolInputs(db: Db, schoolId: string): SchoolInputs {
  const s = statements(db);
  return {
    calendar: unpackCalendar((s.calendar.get(schoolId) as string | null) ?? ''),
    schoolYearStartMonth: (s.startMonth.get(schoolId) as number | undefined) ?? 9,
    expectedAgeOffset: parseExpectedAgeOffset(
      s.setting.get(schoolId, EXPECTED_AGE_OFFSET_KEY) as string | undefined,
    ),
  };
}
