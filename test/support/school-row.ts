import type Database from 'better-sqlite3';
import { newId } from '../../db/ids';

export interface SchoolRow {
  name?: string;
  /** The month (1-12) the school year starts in; the schema's default (September) unless given. */
  schoolYearStartMonth?: number;
}

/**
 * The school row alone, straight into a migrated database: for set-up without a backend (the
 * feature store's worlds, the large import fixtures, the benchmarks that share them). Part of the
 * one school builder (support/school.ts re-exports it); kept in a module of its own because the
 * benchmarks import it outside vitest. Answers the new school's id.
 */
export function insertSchool(db: Database.Database, row: SchoolRow = {}): string {
  const id = newId();
  const name = row.name ?? 'Test School';
  if (row.schoolYearStartMonth === undefined) {
    db.prepare('INSERT INTO schools (id, name) VALUES (?, ?)').run(id, name);
  } else {
    db.prepare('INSERT INTO schools (id, name, school_year_start_month) VALUES (?, ?, ?)').run(
      id,
      name,
      row.schoolYearStartMonth,
    );
  }
  return id;
}
