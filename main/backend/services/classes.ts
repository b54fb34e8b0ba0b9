import {
  classEditInput,
  newClassInput,
  type ClassEdit,
  type ClassInfo,
  type NewClass,
} from '../../../contract/domains/records-classes';
import { BeaconError, newId, type Db, writeTransaction } from '../../../db';
import { refreshFeaturesAfter } from '../keep-current';
import {
  insertAudited,
  liveRow,
  parseInput,
  prepared,
  updateAudited,
  type Actor,
  type SyncedRow,
} from './records-support';

export interface ClassRow extends SyncedRow {
  school_year: string;
  name: string;
  grade_level: number | null;
  teacher_id: string | null;
}

/** A live class of this school, or NOT_FOUND. */
export const classRow = (db: Db, schoolId: string, classId: string): ClassRow =>
  liveRow<ClassRow>(db, 'classes', schoolId, classId, 'class');

/** Refuses a teacher who is not an enabled user of this school. */
export function assertUserOfSchool(db: Db, schoolId: string, userId: string, what: string) {
  const user = prepared(
    db,
    'SELECT disabled_at FROM users WHERE id = ? AND school_id = ? AND deleted_at IS NULL',
  ).get(userId, schoolId) as { disabled_at: string | null } | undefined;
  if (!user) throw new BeaconError('NOT_FOUND', `No user with id ${userId} to be the ${what}.`);
  if (user.disabled_at) {
    throw new BeaconError('INVALID_INPUT', `The user chosen as ${what} is disabled.`);
  }
}

function assertNameFree(db: Db, schoolId: string, schoolYear: string, name: string, id: string) {
  const taken = prepared(
    db,
    'SELECT 1 FROM classes WHERE school_id = ? AND school_year = ? AND name = ? AND id != ?',
  ).get(schoolId, schoolYear, name, id);
  if (taken) {
    throw new BeaconError('CONFLICT', `There is already a class ${name} in ${schoolYear}.`);
  }
}

/** Creates a class for a school year, optionally with its teacher. Names are unique per year. */
export function createClass(db: Db, actor: Actor, data: NewClass): string {
  const input = parseInput(newClassInput, data);
  return writeTransaction(db, () => {
    const id = newId();
    assertNameFree(db, actor.schoolId, input.schoolYear, input.name, id);
    if (input.teacherId) assertUserOfSchool(db, actor.schoolId, input.teacherId, 'teacher');
    insertAudited(db, actor, 'classes', {
      id,
      school_year: input.schoolYear,
      name: input.name,
      grade_level: input.gradeLevel ?? null,
      teacher_id: input.teacherId ?? null,
    });
    return id;
  });
}

/** Renames a class, changes its grade, or assigns (null: unassigns) its teacher. */
export function editClass(db: Db, actor: Actor, data: ClassEdit): string {
  const input = parseInput(classEditInput, data);
  return writeTransaction(db, () => {
    const before = classRow(db, actor.schoolId, input.classId);
    if (input.name !== undefined) {
      assertNameFree(db, actor.schoolId, before.school_year, input.name, before.id);
    }
    if (input.teacherId) assertUserOfSchool(db, actor.schoolId, input.teacherId, 'teacher');
    const { row } = updateAudited(db, actor, 'classes', before, {
      name: input.name,
      grade_level: input.gradeLevel,
      teacher_id: input.teacherId,
    });
    // A class's grade level feeds over-age features of its students.
    if (row.grade_level !== before.grade_level) {
      refreshFeaturesAfter(db, actor.schoolId, { kind: 'class', classId: before.id });
    }
    return before.id;
  });
}

interface ClassView extends ClassRow {
  teacher_name: string | null;
  enrolled: number;
}

const toClassInfo = (r: ClassView): ClassInfo => ({
  id: r.id,
  schoolYear: r.school_year,
  name: r.name,
  gradeLevel: r.grade_level,
  teacherId: r.teacher_id,
  teacherName: r.teacher_name,
  enrolledCount: r.enrolled,
  updatedAt: r.updated_at,
});

const classViewSql = `SELECT c.*, u.display_name AS teacher_name,
    (SELECT count(DISTINCT e.student_id) FROM enrolments e
      WHERE e.school_id = c.school_id AND e.class_id = c.id AND e.deleted_at IS NULL
        AND e.start_date <= @onDate AND (e.end_date IS NULL OR e.end_date >= @onDate)) AS enrolled
  FROM classes c LEFT JOIN users u ON u.id = c.teacher_id`;

/** One class with its teacher's name and how many students it has on `onDate`. */
export function getClass(db: Db, schoolId: string, classId: string, onDate: string): ClassInfo {
  const row = prepared(
    db,
    `${classViewSql} WHERE c.id = @id AND c.school_id = @school AND c.deleted_at IS NULL`,
  ).get({ id: classId, school: schoolId, onDate }) as ClassView | undefined;
  if (!row) throw new BeaconError('NOT_FOUND', `No class with id ${classId} in this school.`);
  return toClassInfo(row);
}

/** The school's classes by year and name; a teacher (teacherId) gets only their own. */
export function listClasses(
  db: Db,
  schoolId: string,
  query: { schoolYear?: string | undefined; onDate: string; teacherId?: string | null },
): ClassInfo[] {
  return (
    prepared(
      db,
      `${classViewSql} WHERE c.school_id = @school AND c.deleted_at IS NULL
         AND (@year IS NULL OR c.school_year = @year)
         AND (@teacher IS NULL OR c.teacher_id = @teacher)
       ORDER BY c.school_year DESC, c.name`,
    ).all({
      school: schoolId,
      year: query.schoolYear ?? null,
      teacher: query.teacherId ?? null,
      onDate: query.onDate,
    }) as ClassView[]
  ).map(toClassInfo);
}
