import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changedTables } from '../../contract';
import { insertColumns, insertSql, openDatabase, storedTables, tableNames, tables } from '../../db';
import {
  derivedColumns,
  identityKeys,
  localOnly,
  naturalKeys,
  syncedTables,
} from '../../main/backend/sync/synced-tables';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

describe('the one description of each table (db/tables.ts)', () => {
  it('names every column of every described table as the migrated schema has it', async () => {
    const { db } = await openDatabase(join(tempDir(), 'schema.sqlite'));
    afterTest(() => db.close());
    for (const table of [...tableNames, ...(Object.keys(storedTables) as 'attendance_days'[])]) {
      const real = (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
      const described = table === 'attendance_days' ? storedTables[table] : tables[table];
      expect(real, table).toEqual([...described.columns]);
    }
  });

  it("builds an insert's columns from the description, refusing one that leaves a column unnamed", () => {
    expect(
      insertSql(
        'marks',
        ['id', 'school_id', 'assessment_id', 'student_id', 'score', 'version'],
        ['created_at', 'updated_at', 'deleted_at'],
        ['?', '?', '?', '?', '?', '@version'],
      ),
    ).toBe(
      'INSERT INTO marks (id, school_id, assessment_id, student_id, score, version) VALUES (?, ?, ?, ?, ?, @version)',
    );
    // Lists only known at run time (typed as plain strings), which the type check cannot see.
    const untyped = insertColumns as (t: 'marks', w: string[], d: string[]) => string;
    expect(() => untyped('marks', ['id', 'school_id', 'score'], [])).toThrow(
      /marks must name each described column once \(unknown: none; unnamed: assessment_id, student_id, created_at, updated_at, version, deleted_at\)/,
    );
    expect(() => untyped('marks', ['id', 'nope'], [])).toThrow(/unknown: nope/);
  });

  it('describes exactly the tables the change log records', () => {
    expect([...tableNames].sort()).toEqual([...changedTables].sort());
  });

  it('gives sync its tables, parents first, and its rules, with columns that exist', () => {
    expect(syncedTables).toEqual([
      'schools',
      'users',
      'terms',
      'school_calendar',
      'classes',
      'students',
      'student_status_changes',
      'enrolments',
      'assessments',
      'attendance',
      'marks',
      'behaviour_incidents',
      'interventions',
      'sync_conflicts',
    ]);
    expect(localOnly).toEqual({
      users: ['password_hash', 'failed_logins', 'locked_until'],
      attendance: ['student_key', 'day', 'updated_at', 'created_at'],
    });
    expect(derivedColumns).toEqual({ attendance: ['id'] });
    expect(naturalKeys).toEqual({
      school_calendar: ['date'],
      marks: ['assessment_id', 'student_id'],
    });
    expect(identityKeys).toEqual({
      users: ['username'],
      terms: ['school_year', 'name'],
      classes: ['school_year', 'name'],
      students: ['student_number'],
    });
    for (const [table, rule] of [
      ...Object.entries(localOnly),
      ...Object.entries(naturalKeys),
      ...Object.entries(identityKeys),
    ] as [keyof typeof tables, readonly string[]][]) {
      for (const column of rule) expect(tables[table].columns, table).toContain(column);
    }
  });
});
