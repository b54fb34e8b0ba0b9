import type { School } from '../../../contract';
import { insertSql, newId, type Db, writeTransaction } from '../../../db';
import { refreshFeaturesAfter } from '../keep-current';
import { recordChange } from './changes';

interface SchoolRow {
  id: string;
  name: string;
  code: string | null;
  region: string | null;
  country: string | null;
  timezone: string;
  school_year_start_month: number;
  updated_at: string;
  version: number;
}

const toSchool = (r: SchoolRow): School => ({
  id: r.id,
  name: r.name,
  code: r.code,
  region: r.region,
  country: r.country,
  timezone: r.timezone,
  schoolYearStartMonth: r.school_year_start_month,
  updatedAt: r.updated_at,
});

/** A new school, from the named values `saveSchool` gives (the month as `@month`). */
const insertSchoolSql = insertSql(
  'schools',
  ['id', 'name', 'code', 'region', 'country', 'timezone', 'school_year_start_month'],
  ['created_at', 'updated_at', 'version', 'deleted_at'],
  ['@id', '@name', '@code', '@region', '@country', '@timezone', '@month'],
);

/** The school this database belongs to: one laptop serves one school. */
export function currentSchool(db: Db): School | null {
  const row = db
    .prepare('SELECT * FROM schools WHERE deleted_at IS NULL ORDER BY created_at LIMIT 1')
    .get() as SchoolRow | undefined;
  return row ? toSchool(row) : null;
}

export interface SchoolProfile {
  name: string;
  code?: string | null | undefined;
  region?: string | null | undefined;
  country?: string | null | undefined;
  timezone?: string | undefined;
  schoolYearStartMonth?: number | undefined;
}

/** Creates the school on first use, else updates its profile; audited and queued for sync. */
export function saveSchoolProfile(db: Db, profile: SchoolProfile, userId: string | null): School {
  return writeTransaction(db, () => {
    const before = db
      .prepare('SELECT * FROM schools WHERE deleted_at IS NULL ORDER BY created_at LIMIT 1')
      .get() as SchoolRow | undefined;
    const id = before?.id ?? newId();
    const values = {
      id,
      name: profile.name,
      code: profile.code === undefined ? (before?.code ?? null) : profile.code,
      region: profile.region === undefined ? (before?.region ?? null) : profile.region,
      country: profile.country === undefined ? (before?.country ?? null) : profile.country,
      timezone: profile.timezone ?? before?.timezone ?? 'UTC',
      month: profile.schoolYearStartMonth ?? before?.school_year_start_month ?? 9,
    };
    if (before) {
      db.prepare(
        `UPDATE schools SET name = @name, code = @code, region = @region, country = @country,
           timezone = @timezone, school_year_start_month = @month,
           updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = @id`,
      ).run(values);
    } else {
      db.prepare(insertSchoolSql).run(values);
    }
    const after = db.prepare('SELECT * FROM schools WHERE id = ?').get(id) as SchoolRow;
    // Over-age and mid-year entries are counted from the school year's start.
    if (before && before.school_year_start_month !== after.school_year_start_month) {
      refreshFeaturesAfter(db, id, { kind: 'school' });
    }
    recordChange(db, {
      schoolId: id,
      table: 'schools',
      rowId: id,
      userId,
      before: before ?? null,
      after,
    });
    return toSchool(db.prepare('SELECT * FROM schools WHERE id = ?').get(id) as SchoolRow);
  });
}
