import {
  newStudentInput,
  studentEditInput,
  studentQueryInput,
  archiveStudentInput,
  type ArchiveStudent,
  type NewStudent,
  type Sex,
  type StatusChange,
  type StudentDetail,
  type StudentEdit,
  type StudentPage,
  type StudentQuery,
  type StudentStatus,
  type StudentSummary,
} from '../../../contract/domains/records-students';
import { assertPossibleDate, boundsFor, type DateBounds } from './date-bounds';
import { BeaconError, newId, type Db, writeTransaction } from '../../../db';
import { refreshStudentFeatures } from '../keep-current';
import { studentEnrolments } from './enrolments';
import {
  blankToNull,
  fromBool,
  insertAudited,
  liveRow,
  nowStamp,
  parseInput,
  prepared,
  toBool,
  updateAudited,
  type Actor,
  type SyncedRow,
} from './records-support';

export interface StudentRow extends SyncedRow {
  student_number: string;
  first_name: string;
  last_name: string;
  sex: Sex | null;
  date_of_birth: string | null;
  ethnicity: string | null;
  low_income: number | null;
  grade_level: number | null;
  entry_date: string | null;
  status: StudentStatus;
  archived_at: string | null;
  national_number: string | null;
}

/** A live student of this school, or NOT_FOUND. */
export const studentRow = (db: Db, schoolId: string, studentId: string): StudentRow =>
  liveRow<StudentRow>(db, 'students', schoolId, studentId, 'student');

/** The id of the school's student with this external number (archived ones too), or null. */
export function studentIdByNumber(db: Db, schoolId: string, studentNumber: string): string | null {
  const id = prepared(
    db,
    'SELECT id FROM students WHERE school_id = ? AND student_number = ? AND deleted_at IS NULL',
  )
    .pluck()
    .get(schoolId, studentNumber.trim()) as string | undefined;
  return id ?? null;
}

const toSummary = (
  r: StudentRow,
  currentClass: StudentSummary['currentClass'],
): StudentSummary => ({
  id: r.id,
  studentNumber: r.student_number,
  firstName: r.first_name,
  lastName: r.last_name,
  sex: r.sex,
  dateOfBirth: r.date_of_birth,
  gradeLevel: r.grade_level,
  entryDate: r.entry_date,
  status: r.status,
  archivedAt: r.archived_at,
  updatedAt: r.updated_at,
  currentClass,
});

/** Refuses a student number another student of the school already has, naming that student. */
function assertNumberFree(db: Db, schoolId: string, number: string, exceptId: string | null) {
  const other = prepared(
    db,
    `SELECT first_name, last_name, archived_at FROM students
     WHERE school_id = ? AND student_number = ? AND id IS NOT ?`,
  ).get(schoolId, number, exceptId) as
    { first_name: string; last_name: string; archived_at: string | null } | undefined;
  if (other) {
    const archived = other.archived_at ? ' (archived)' : '';
    throw new BeaconError(
      'CONFLICT',
      `Student number ${number} is already used by ${other.first_name} ${other.last_name}${archived}.`,
      { field: 'studentNumber' },
    );
  }
}

function assertDatesConsistent(
  bounds: DateBounds,
  dateOfBirth: string | null,
  entryDate: string | null,
) {
  assertPossibleDate(bounds, 'dateOfBirth', 'The date of birth', dateOfBirth, 'birth');
  assertPossibleDate(bounds, 'entryDate', 'The entry date', entryDate);
  if (dateOfBirth && entryDate && entryDate < dateOfBirth) {
    throw new BeaconError(
      'INVALID_INPUT',
      `Entry date ${entryDate} is before the date of birth ${dateOfBirth}.`,
    );
  }
}

/** Creates a student (audited, features started); refuses a student number already in use. */
export function createStudent(db: Db, actor: Actor, data: NewStudent): string {
  const input = parseInput(newStudentInput, data);
  return writeTransaction(db, () => {
    assertNumberFree(db, actor.schoolId, input.studentNumber, null);
    assertDatesConsistent(boundsFor(db, actor), input.dateOfBirth ?? null, input.entryDate ?? null);
    const id = newId();
    insertAudited(db, actor, 'students', {
      id,
      student_number: input.studentNumber,
      first_name: input.firstName,
      last_name: input.lastName,
      sex: input.sex ?? null,
      date_of_birth: input.dateOfBirth ?? null,
      ethnicity: blankToNull(input.ethnicity) ?? null,
      low_income: fromBool(input.lowIncome) ?? null,
      grade_level: input.gradeLevel ?? null,
      entry_date: input.entryDate ?? null,
      national_number: blankToNull(input.nationalNumber) ?? null,
    });
    refreshStudentFeatures(db, actor.schoolId, [id]);
    return id;
  });
}

/** Changes the fields given (null clears one); a no-op edit writes nothing. */
export function editStudent(db: Db, actor: Actor, data: StudentEdit): string {
  const input = parseInput(studentEditInput, data);
  return writeTransaction(db, () => {
    const before = studentRow(db, actor.schoolId, input.studentId);
    if (input.studentNumber !== undefined && input.studentNumber !== before.student_number) {
      assertNumberFree(db, actor.schoolId, input.studentNumber, before.id);
    }
    const dateOfBirth = input.dateOfBirth === undefined ? before.date_of_birth : input.dateOfBirth;
    const entryDate = input.entryDate === undefined ? before.entry_date : input.entryDate;
    assertDatesConsistent(boundsFor(db, actor), dateOfBirth, entryDate);
    const { changed } = updateAudited(db, actor, 'students', before, {
      student_number: input.studentNumber,
      first_name: input.firstName,
      last_name: input.lastName,
      sex: input.sex,
      date_of_birth: input.dateOfBirth,
      ethnicity: blankToNull(input.ethnicity),
      low_income: fromBool(input.lowIncome),
      grade_level: input.gradeLevel,
      entry_date: input.entryDate,
      national_number: blankToNull(input.nationalNumber),
    });
    // Date of birth, grade and entry date feed over-age and history features.
    if (changed) refreshStudentFeatures(db, actor.schoolId, [before.id]);
    return before.id;
  });
}

/** Archives (hides from lists) or restores a student; the record and its history stay. */
export function archiveStudent(db: Db, actor: Actor, data: ArchiveStudent): string {
  const input = parseInput(archiveStudentInput, data);
  return writeTransaction(db, () => {
    const before = studentRow(db, actor.schoolId, input.studentId);
    const archivedAt = input.archived ? (before.archived_at ?? nowStamp()) : null;
    updateAudited(db, actor, 'students', before, { archived_at: archivedAt });
    return before.id;
  });
}

const currentClassSql = `(SELECT e.class_id FROM enrolments e
   WHERE e.school_id = s.school_id AND e.student_id = s.id AND e.deleted_at IS NULL
     AND e.start_date <= @today AND (e.end_date IS NULL OR e.end_date >= @today)
   ORDER BY e.start_date DESC LIMIT 1)`;

type ListedRow = StudentRow & { class_id: string | null; class_name: string | null };

const withClass = (r: ListedRow): StudentSummary =>
  toSummary(r, r.class_id ? { id: r.class_id, name: r.class_name ?? '' } : null);

export interface StudentReadOptions {
  /** Today's date, for the current class. */
  today: string;
  /** Include ethnicity and low income (only for head teachers and admins). */
  withProtected?: boolean;
}

/** One student with their current class, status history and enrolment history. */
export function getStudent(
  db: Db,
  schoolId: string,
  studentId: string,
  options: StudentReadOptions,
): StudentDetail {
  const row = prepared(
    db,
    `SELECT s.*, c.id AS class_id, c.name AS class_name FROM students s
     LEFT JOIN classes c ON c.id = ${currentClassSql}
     WHERE s.id = @id AND s.school_id = @school AND s.deleted_at IS NULL`,
  ).get({ id: studentId, school: schoolId, today: options.today }) as ListedRow | undefined;
  if (!row) throw new BeaconError('NOT_FOUND', `No student with id ${studentId} in this school.`);
  const history = prepared(
    db,
    `SELECT id, status, effective_date, reason, recorded_by, created_at
     FROM student_status_changes
     WHERE school_id = ? AND student_id = ? AND deleted_at IS NULL
     ORDER BY effective_date, created_at`,
  ).all(schoolId, studentId) as {
    id: string;
    status: StatusChange['status'];
    effective_date: string;
    reason: string | null;
    recorded_by: string | null;
    created_at: string;
  }[];
  return {
    ...withClass(row),
    protectedAttributes: options.withProtected
      ? { ethnicity: row.ethnicity, lowIncome: toBool(row.low_income) }
      : null,
    statusHistory: history.map((h) => ({
      id: h.id,
      status: h.status,
      effectiveDate: h.effective_date,
      reason: h.reason,
      recordedBy: h.recorded_by,
      createdAt: h.created_at,
    })),
    enrolments: studentEnrolments(db, schoolId, studentId),
  };
}

/** Escapes LIKE's wildcards so a search for "50%" finds "50%", not everything. */
const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Lists students by name or number, class, and status, ordered by name and paged. Archived
 * students are hidden unless asked for; a teacher (teacherId) sees only students in their classes.
 */
export function listStudents(
  db: Db,
  schoolId: string,
  query: StudentQuery,
  options: { today: string; teacherId?: string | null },
): StudentPage {
  const q = parseInput(studentQueryInput, query);
  const search = q.search ? q.search : null;
  const params = {
    school: schoolId,
    today: options.today,
    onDate: q.onDate ?? options.today,
    archived: q.includeArchived ? 1 : 0,
    status: q.status ?? null,
    search,
    like: search ? likePattern(search) : null,
    classId: q.classId ?? null,
    teacher: options.teacherId ?? null,
    limit: q.limit ?? 50,
    offset: q.offset ?? 0,
  };
  const where = `s.school_id = @school AND s.deleted_at IS NULL
    AND (@archived = 1 OR s.archived_at IS NULL)
    AND (@status IS NULL OR s.status = @status)
    AND (@search IS NULL OR s.student_number LIKE @like ESCAPE '\\'
      OR (s.first_name || ' ' || s.last_name) LIKE @like ESCAPE '\\'
      OR (s.last_name || ' ' || s.first_name) LIKE @like ESCAPE '\\')
    AND (@classId IS NULL OR EXISTS (SELECT 1 FROM enrolments x
      WHERE x.school_id = s.school_id AND x.student_id = s.id AND x.class_id = @classId
        AND x.deleted_at IS NULL AND x.start_date <= @onDate
        AND (x.end_date IS NULL OR x.end_date >= @onDate)))
    AND (@teacher IS NULL OR EXISTS (SELECT 1 FROM enrolments y JOIN classes yc ON yc.id = y.class_id
      WHERE y.school_id = s.school_id AND y.student_id = s.id AND yc.teacher_id = @teacher
        AND y.deleted_at IS NULL AND yc.deleted_at IS NULL AND y.start_date <= @today
        AND (y.end_date IS NULL OR y.end_date >= @today)))`;
  const total = prepared(db, `SELECT count(*) AS n FROM students s WHERE ${where}`).get(params) as {
    n: number;
  };
  const rows = prepared(
    db,
    `SELECT s.*, c.id AS class_id, c.name AS class_name FROM students s
     LEFT JOIN classes c ON c.id = ${currentClassSql}
     WHERE ${where}
     ORDER BY s.last_name, s.first_name, s.student_number
     LIMIT @limit OFFSET @offset`,
  ).all(params) as ListedRow[];
  return { total: total.n, students: rows.map(withClass) };
}
