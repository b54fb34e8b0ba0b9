import type Database from 'better-sqlite3';
import type { Db } from '../../../db';
import { packSql, sortedPacked } from './packed-attendance';
import type { EnrolmentRow, IncidentRow, MarkRow, StatusChangeRow, StudentRows } from './types';

/**
 * A student's live rows in one statement, each subquery reading through an index on
 * (school_id, student_id). Attendance comes back packed (packed-attendance.ts) from the compact
 * table's primary key (migration 0009), so a whole register history crosses into
 * JavaScript as one string; the short lists come as JSON arrays. Assessments and classes, shared
 * by a class's students, are looked up separately and cached per reader.
 */
const studentSql = `SELECT s.date_of_birth, s.grade_level, s.entry_date,
    (SELECT group_concat(${packSql}, '') FROM attendance_days
      WHERE student_key = (SELECT key FROM local_keys WHERE id = s.id) AND deleted_at IS NULL),
    (SELECT json_group_array(json_array(date, severity, suspension_days)) FROM behaviour_incidents
      WHERE school_id = s.school_id AND student_id = s.id AND deleted_at IS NULL),
    (SELECT json_group_array(json_array(assessment_id, score)) FROM marks INDEXED BY marks_features
      WHERE school_id = s.school_id AND student_id = s.id AND deleted_at IS NULL),
    (SELECT json_group_array(json_array(class_id, start_date)) FROM enrolments
      WHERE school_id = s.school_id AND student_id = s.id AND deleted_at IS NULL),
    (SELECT json_group_array(json_array(status, effective_date)) FROM student_status_changes
      WHERE school_id = s.school_id AND student_id = s.id AND deleted_at IS NULL)
  FROM students s WHERE s.school_id = ? AND s.id = ? AND s.deleted_at IS NULL`;

const assessmentSql = `SELECT a.max_score, a.weight, a.subject, a.date, t.id, t.start_date, t.end_date
  FROM assessments a
  LEFT JOIN terms t ON t.school_id = a.school_id AND t.id = a.term_id AND t.deleted_at IS NULL
  WHERE a.school_id = ? AND a.id = ? AND a.deleted_at IS NULL`;

const classSql = `SELECT school_year, grade_level FROM classes
  WHERE school_id = ? AND id = ? AND deleted_at IS NULL`;

type Stmt = Database.Statement<[string, string]>;
interface Statements {
  student: Stmt;
  assessment: Stmt;
  klass: Stmt;
}

const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      student: db.prepare<[string, string]>(studentSql).raw(),
      assessment: db.prepare<[string, string]>(assessmentSql).raw(),
      klass: db.prepare<[string, string]>(classSql).raw(),
    };
    cache.set(db, s);
  }
  return s;
}

type AssessmentInfo = Omit<MarkRow, 'score'>;
type ClassInfo = Omit<EnrolmentRow, 'startDate'>;

/**
 * A reader of students' own rows for one school, for the length of one transaction: assessments
 * and classes, shared by the students of a class, are looked up once per reader.
 */
export function studentRowsReader(
  db: Db,
  schoolId: string,
): (studentId: string) => StudentRows | null {
  const s = statements(db);
  const assessments = new Map<string, AssessmentInfo | null>();
  const classes = new Map<string, ClassInfo | null>();

  const assessment = (id: string): AssessmentInfo | null => {
    let a = assessments.get(id);
    if (a === undefined) {
      const r = s.assessment.get(schoolId, id) as unknown[] | undefined;
      a = r
        ? {
            maxScore: r[0] as number,
            weight: r[1] as number,
            subject: r[2] as string,
            date: r[3] as string | null,
            termId: r[4] as string | null,
            termStart: r[5] as string | null,
            termEnd: r[6] as string | null,
          }
        : null;
      assessments.set(id, a);
    }
    return a;
  };
  const klass = (id: string): ClassInfo | null => {
    let c = classes.get(id);
    if (c === undefined) {
      const r = s.klass.get(schoolId, id) as unknown[] | undefined;
      c = r ? { schoolYear: r[0] as string, gradeLevel: r[1] as number | null } : null;
      classes.set(id, c);
    }
    return c;
  };

  return (studentId) => {
    const r = s.student.get(schoolId, studentId) as unknown[] | undefined;
    if (!r) return null;
    // Rows are built as literals of one shape (no spreads), which keeps the rules' loops fast.
    const incidents: IncidentRow[] = [];
    for (const i of JSON.parse(r[4] as string) as [string, number, number][]) {
      incidents.push({ date: i[0], severity: i[1], suspensionDays: i[2] });
    }
    const marks: MarkRow[] = [];
    for (const m of JSON.parse(r[5] as string) as [string, number][]) {
      const a = assessment(m[0]);
      if (a === null) continue;
      marks.push({
        score: m[1],
        maxScore: a.maxScore,
        weight: a.weight,
        subject: a.subject,
        date: a.date,
        termId: a.termId,
        termStart: a.termStart,
        termEnd: a.termEnd,
      });
    }
    const enrolments: EnrolmentRow[] = [];
    for (const e of JSON.parse(r[6] as string) as [string, string][]) {
      const c = klass(e[0]);
      if (c !== null) {
        enrolments.push({ startDate: e[1], schoolYear: c.schoolYear, gradeLevel: c.gradeLevel });
      }
    }
    const statusChanges: StatusChangeRow[] = [];
    for (const c of JSON.parse(r[7] as string) as [string, string][]) {
      statusChanges.push({ status: c[0], effectiveDate: c[1] });
    }
    return {
      student: {
        dateOfBirth: r[0] as string | null,
        gradeLevel: r[1] as number | null,
        entryDate: r[2] as string | null,
      },
      // In date order as the primary key yields them; checked, since group_concat promises no order.
      attendance: sortedPacked((r[3] as string | null) ?? ''),
      incidents,
      marks,
      enrolments,
      statusChanges,
    };
  };
}

/** One live student's own rows; null when the student is deleted or not in this school. */
export function loadStudentRows(db: Db, schoolId: string, studentId: string): StudentRows | null {
  return studentRowsReader(db, schoolId)(studentId);
}
