import { describe, expect, it } from 'vitest';
import { newId } from '../../db/ids';
import {
  assertClassAccess,
  assertStudentAccess,
  seesWholeSchool,
  teacherScope,
} from '../../main/backend/auth/scope';
import { dashboardHandlers } from '../../main/backend/handlers/dashboard';
import { classHandlers } from '../../main/backend/handlers/records-classes';
import type { Session } from '../../main/backend/auth/session';
import type { RequestContext } from '../../main/backend/handlers/types';
import { systemSession } from '../../main/backend/transport/in-process';
import { seededSchool, seedUser, sessionOf } from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

const today = '2025-10-01';

/**
 * Two teachers with a class each, rows inserted straight with SQL: Tess teaches 7A (Ana, plus
 * Ben who left it last month), Theo teaches 7B (Carla).
 */
async function school() {
  const s = await seededSchool(tempDir(), () => today);
  afterTest(() => s.backend.close());
  const db = s.backend.context.db;
  const tess = await seedUser(s.backend, s.schoolId, { username: 'tess', role: 'teacher' });
  const theo = await seedUser(s.backend, s.schoolId, { username: 'theo', role: 'teacher' });
  const head = await seedUser(s.backend, s.schoolId, { username: 'hana', role: 'head_teacher' });
  const klass = (name: string, teacherId: string) => {
    const id = newId();
    db.prepare(
      "INSERT INTO classes (id, school_id, school_year, name, teacher_id) VALUES (?, ?, '2025-2026', ?, ?)",
    ).run(id, s.schoolId, name, teacherId);
    return id;
  };
  const student = (name: string, classId: string, start: string, end: string | null = null) => {
    const id = newId();
    db.prepare(
      `INSERT INTO students (id, school_id, student_number, first_name, last_name)
       VALUES (?, ?, ?, ?, 'Test')`,
    ).run(id, s.schoolId, `S-${name}`, name);
    db.prepare(
      `INSERT INTO enrolments (id, school_id, student_id, class_id, start_date, end_date)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(newId(), s.schoolId, id, classId, start, end);
    return id;
  };
  const class7a = klass('7A', tess.id);
  const class7b = klass('7B', theo.id);
  const ana = student('Ana', class7a, '2025-09-01');
  const ben = student('Ben', class7a, '2025-09-01', '2025-09-15');
  const carla = student('Carla', class7b, '2025-09-01');
  /** The context a request on a connection signed in as `session` would get. */
  const ctx = (session: Session | null): RequestContext => ({
    ...s.backend.context,
    connection: { session },
    session,
  });
  return { db, tess, theo, head, class7a, class7b, ana, ben, carla, ctx };
}

const refusal = (fn: () => void) => {
  try {
    fn();
    return null;
  } catch (err) {
    return err;
  }
};

describe('a teacher sees and edits only their own classes', () => {
  it('allows a teacher their own class and refuses another teacher’s (FORBIDDEN)', async () => {
    const s = await school();
    const tess = s.ctx(sessionOf(s.tess));
    expect(refusal(() => assertClassAccess(tess, s.class7a))).toBeNull();
    expect(refusal(() => assertClassAccess(tess, s.class7b))).toMatchObject({
      code: 'FORBIDDEN',
      message: 'You can only see and edit your own classes.',
    });
    const theo = s.ctx(sessionOf(s.theo));
    expect(refusal(() => assertClassAccess(theo, s.class7b))).toBeNull();
    expect(refusal(() => assertClassAccess(theo, s.class7a))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('allows a teacher the students in their class today, not others or former ones', async () => {
    const s = await school();
    const tess = s.ctx(sessionOf(s.tess));
    expect(refusal(() => assertStudentAccess(tess, s.ana))).toBeNull();
    expect(refusal(() => assertStudentAccess(tess, s.carla))).toMatchObject({
      code: 'FORBIDDEN',
      message: 'You can only see and edit students in your own classes.',
    });
    // Ben left 7A on 15 September: on 1 October Tess no longer teaches him.
    expect(refusal(() => assertStudentAccess(tess, s.ben))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('follows a class handed to another teacher, and a deleted class', async () => {
    const s = await school();
    const tess = s.ctx(sessionOf(s.tess));
    s.db.prepare('UPDATE classes SET teacher_id = ? WHERE id = ?').run(s.tess.id, s.class7b);
    expect(refusal(() => assertClassAccess(tess, s.class7b))).toBeNull();
    expect(refusal(() => assertStudentAccess(tess, s.carla))).toBeNull();
    s.db
      .prepare("UPDATE classes SET deleted_at = '2025-09-30T00:00:00.000Z' WHERE id = ?")
      .run(s.class7a);
    expect(refusal(() => assertClassAccess(tess, s.class7a))).toMatchObject({ code: 'FORBIDDEN' });
    expect(refusal(() => assertStudentAccess(tess, s.ana))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lets head teachers, admins and the system actor see every class', async () => {
    const s = await school();
    for (const session of [sessionOf(s.head), systemSession]) {
      const ctx = s.ctx(session);
      expect(seesWholeSchool(session)).toBe(true);
      for (const check of [
        () => assertClassAccess(ctx, s.class7a),
        () => assertClassAccess(ctx, s.class7b),
        () => assertStudentAccess(ctx, s.carla),
      ]) {
        expect(refusal(check)).toBeNull();
      }
    }
    expect(seesWholeSchool(sessionOf(s.tess))).toBe(false);
    expect(seesWholeSchool(null)).toBe(false);
  });

  it('refuses everything to a connection that is not signed in', async () => {
    const s = await school();
    const nobody = s.ctx(null);
    expect(refusal(() => assertClassAccess(nobody, s.class7a))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(refusal(() => assertStudentAccess(nobody, s.ana))).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('teacher scope is decided in one place', () => {
  it('bounds listings to the teacher, and to nothing for a teacher without a user id', async () => {
    const s = await school();
    const names = async (session: Session) =>
      (await classHandlers.listClasses({ onDate: today }, s.ctx(session))).map((c) => c.name);
    expect(teacherScope(s.ctx(sessionOf(s.head)))).toBeNull();
    expect(teacherScope(s.ctx(systemSession))).toBeNull();
    expect(teacherScope(s.ctx(sessionOf(s.tess)))).toBe(s.tess.id);
    expect(await names(sessionOf(s.head))).toEqual(['7A', '7B']);
    expect(await names(sessionOf(s.tess))).toEqual(['7A']);

    // A teacher session that lost its user id must see no class, never the whole school.
    const anonymous: Session = { ...sessionOf(s.tess), userId: null };
    expect(teacherScope(s.ctx(anonymous))).not.toBeNull();
    expect(await names(anonymous)).toEqual([]);
    const home = await dashboardHandlers.dashboard({}, s.ctx(anonymous));
    expect(home.scope).toBe('classes');
  });
});
