import { describe, expect, it } from 'vitest';
import { centralError } from '../../main/backend/central/pg-errors';

describe("the central server's errors as a head teacher reads them", () => {
  it('a unique key met on the server names the record, not PostgreSQL', () => {
    const e = centralError(
      {
        code: '23505',
        message:
          'duplicate key value violates unique constraint "students_school_id_student_number_key"',
        table: 'students',
        constraint: 'students_school_id_student_number_key',
        detail: 'Key (school_id, student_number)=(01a2-school, 1234) already exists.',
      },
      'db.district.example',
    );
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toBe(
      "The central server db.district.example already holds a students row with the same student number 1234, made on another laptop of this school. This laptop's changes were not sent; sync again, and if this stays, ask the district.",
    );
    expect(e.message).not.toContain('duplicate key');
  });
});
