import { newId, type ColumnOf } from '../../../../db';
import { KeySeen } from '../problems';
import { TableWriter, type ExistingRow, type SqlValue } from '../table-writer';
import { changeStudentStatus } from '../../services/student-status';
import { parseInteger, parseStudentStatus, type StudentStatus } from '../values';
import { ClassIndex, schoolYearBounds, schoolYearOf, schoolYearText } from './class-index';
import { RowReader, type KindContext, type KindResult } from './context';
import { MarksPlanner } from './marks-planner';
import { studentValues } from './student-values';

const studentColumns = [
  'student_number',
  'first_name',
  'last_name',
  'sex',
  'date_of_birth',
  'ethnicity',
  'low_income',
  'grade_level',
  'entry_date',
] as const satisfies readonly ColumnOf<'students'>[];

interface EnrolmentRow extends ExistingRow {
  student_id: string;
  class_id: string;
  start_date: string;
  end_date: string | null;
}

interface PlannedStudent {
  id: string;
  values: Record<string, SqlValue>;
  existing: ExistingRow | undefined;
}

interface PlannedEnrolment {
  studentId: string;
  classId: string;
  start: string;
  /** Open enrolments of earlier years, ended the day before the new one starts. */
  ends: EnrolmentRow[];
}

/** A change of status a row asks for, made as Beacon's own screen makes it (history kept). */
interface PlannedStatus {
  studentId: string;
  status: 'dropped_out' | 'transferred_out' | 'graduated' | 'returned';
  date: string;
}

interface PlannedSummary {
  studentId: string;
  period: string;
  absences: number;
}

/** What a students file will write: students, classes, enrolments, marks and absence counts. */
export interface StudentsPlan {
  students: PlannedStudent[];
  classes: ClassIndex;
  enrolments: PlannedEnrolment[];
  marks: MarksPlanner;
  summaries: PlannedSummary[];
  statuses: PlannedStatus[];
  updatable: ColumnOf<'students'>[];
}

const dayBefore = (date: string): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

/**
 * Plans the enrolment a row's class asks for. A student already in that class is left alone;
 * a student in another class of the same year is refused (moves are made in Beacon, which keeps
 * the history); an open enrolment from an earlier year ends when the new year's starts.
 */
function planEnrolment(
  r: RowReader,
  student: PlannedStudent,
  classId: string,
  year: string,
  bounds: { from: string; to: string },
  enrolments: EnrolmentRow[],
  classes: ClassIndex,
): PlannedEnrolment | null {
  if (enrolments.some((e) => e.class_id === classId)) return null;
  const entry = typeof student.values.entry_date === 'string' ? student.values.entry_date : null;
  const start = entry && entry > bounds.from && entry <= bounds.to ? entry : bounds.from;
  const ends: EnrolmentRow[] = [];
  for (const e of enrolments) {
    const cls = classes.byId(e.class_id);
    const name = cls?.name ?? 'another class';
    if (e.end_date !== null && e.end_date < start) continue;
    if (cls && cls.schoolYear === year) {
      r.reject(
        'class',
        `student ${String(student.values.student_number)} is in ${name} for ${year}; move students between classes in Beacon, which keeps their history`,
      );
      return null;
    }
    if (e.start_date >= start) {
      r.reject(
        'class',
        `student ${String(student.values.student_number)} is already enrolled in ${name} from ${e.start_date}, after ${start}`,
      );
      return null;
    }
    ends.push(e);
  }
  const status = student.existing?.status;
  if (typeof status === 'string' && status !== 'active') {
    r.reject(
      'class',
      `student ${String(student.values.student_number)} has left the school (${status.replace('_', ' ')}): record their return in Beacon first`,
    );
    return null;
  }
  return { studentId: student.id, classId, start, ends };
}

const statusWords: Record<string, string> = {
  active: 'active',
  dropped_out: 'dropped out',
  transferred_out: 'transferred out',
  graduated: 'graduated',
};

/**
 * The status change a row asks for: none when the student already has that status; leaving
 * (dropped out, transferred, graduated) or coming back needs the date it happened. A student
 * who left one way cannot be marked as leaving another way: their return comes first.
 */
function planStatus(
  r: RowReader,
  number: string,
  wanted: StudentStatus | null | undefined,
  date: string | null | undefined,
  existing: ExistingRow | undefined,
): Omit<PlannedStatus, 'studentId'> | null {
  if (wanted === undefined || wanted === null) return null;
  const current = typeof existing?.status === 'string' ? existing.status : 'active';
  if (wanted === current) return null;
  if (wanted !== 'active' && current !== 'active') {
    r.reject(
      'enrolment_status',
      `student ${number} is already ${statusWords[current] ?? current}: record their return first`,
    );
    return null;
  }
  if (!date) {
    r.reject('status_date', `the date student ${number} became ${statusWords[wanted]} is empty`);
    return null;
  }
  return { status: wanted === 'active' ? 'returned' : wanted, date };
}

/** Validates a students file and plans every write it implies; problems go to rejections. */
export function prepareStudents(ctx: KindContext): StudentsPlan {
  const { db, actor, lookup, options, mapping } = ctx;
  const existingByNumber = new Map(
    (
      db.prepare('SELECT * FROM students WHERE school_id = ?').all(actor.schoolId) as ExistingRow[]
    ).map((s) => [s.student_number as string, s]),
  );
  const enrolmentsByStudent = new Map<string, EnrolmentRow[]>();
  for (const e of db
    .prepare(
      'SELECT * FROM enrolments WHERE school_id = ? AND deleted_at IS NULL ORDER BY start_date',
    )
    .all(actor.schoolId) as EnrolmentRow[]) {
    enrolmentsByStudent.set(e.student_id, [...(enrolmentsByStudent.get(e.student_id) ?? []), e]);
  }
  const startMonth = lookup.startMonth();
  const currentYear = schoolYearOf(ctx.today, startMonth);
  const classes = new ClassIndex(ctx);
  const plannedClassOf = new Map<string, string>();
  const marks = new MarksPlanner(ctx, classes, (studentId, date) => {
    const planned = plannedClassOf.get(studentId);
    if (planned) return planned;
    const list = enrolmentsByStudent.get(studentId) ?? [];
    const on = date ?? ctx.today;
    const covering = list.filter((e) => e.start_date <= on && (e.end_date ?? on) >= on);
    return (covering.at(-1) ?? list.at(-1))?.class_id ?? null;
  });
  const plan: StudentsPlan = {
    students: [],
    classes,
    enrolments: [],
    marks,
    summaries: [],
    statuses: [],
    updatable: studentColumns.filter((c) => c !== 'student_number'),
  };
  const seen = new KeySeen();

  for (const row of ctx.table.rows) {
    const r = new RowReader(ctx, row);
    const number = r.required('student_number', 'student number');
    if (number && number.length > 40) r.reject('student_number', 'is longer than 40 characters');
    const values = studentValues(r, options.ageAsOf);
    const yearText = r.text('school_year')?.trim() || null;
    const year = yearText === null ? currentYear : schoolYearText(yearText);
    if (year === null) r.reject('school_year', `"${yearText}" is not a school year like 2025-2026`);
    const className = r.text('class')?.trim() || null;
    if (className && className.length > 100) r.reject('class', 'is longer than 100 characters');
    else if (className) r.safe('class', className);
    const absences = r.parsed('absences', (t) => parseInteger(t, 0, 366));
    const wanted = r.parsed('enrolment_status', parseStudentStatus);
    const statusDate = r.date('status_date');
    if (number === null) continue;
    const earlier = seen.claim(number, row.row);
    if (earlier !== null) {
      r.reject(
        'student_number',
        `student number ${number} appears twice: rows ${earlier} and ${row.row}`,
      );
      continue;
    }
    const existing = existingByNumber.get(number);
    if (!existing && (values.first_name === undefined || values.last_name === undefined)) {
      if (r.ok)
        r.rejectRow(`student ${number} is new, and a new student needs a first and last name`);
    }
    if (!r.ok || year === null) continue;
    const student: PlannedStudent = {
      id: existing?.id ?? newId(),
      values: { ...values, student_number: number },
      existing,
    };
    plan.students.push(student);
    const change = planStatus(r, number, wanted, statusDate, existing);
    if (change) plan.statuses.push({ ...change, studentId: student.id });

    if (className) {
      const bounds = schoolYearBounds(year, startMonth);
      const found = classes.find(className, year);
      const cls = found[0] ?? classes.plan(className, year, row.row);
      const enrolment = planEnrolment(
        r,
        student,
        cls.id,
        year,
        bounds,
        enrolmentsByStudent.get(student.id) ?? [],
        classes,
      );
      if (enrolment) plan.enrolments.push(enrolment);
      plannedClassOf.set(student.id, cls.id);
    }
    if (absences !== undefined && absences !== null) {
      plan.summaries.push({
        studentId: student.id,
        period: options.summaryPeriod ?? year,
        absences,
      });
    }
    for (const c of mapping.marks) {
      const cell = (row.cells[c.index] ?? '').trim();
      if (cell === '') continue;
      marks.add({
        row: row.row,
        studentId: student.id,
        studentNumber: number,
        className: null,
        schoolYear: null,
        subject: c.subject,
        assessment: c.assessment ?? c.column,
        term: c.term ?? null,
        scoreText: cell,
        maximum: c.maximum,
        weight: c.weight ?? null,
        date: c.date ?? null,
        blame: (part, reason) =>
          part === 'class'
            ? r.reject('class', reason)
            : ctx.rejections.add(row.row, c.column, cell, reason),
      });
    }
  }
  // Only the columns this file maps are compared and changed on existing students.
  plan.updatable = plan.updatable.filter((c) => plan.students.some((s) => c in s.values));
  return plan;
}

/** Writes a students plan in dependency order: classes, students, enrolments, marks, absences. */
export function writeStudents(ctx: KindContext, plan: StudentsPlan, fileName: string): KindResult {
  const { db, actor } = ctx;
  const touched = new Set<string>();
  const classWriter = new TableWriter(
    db,
    actor,
    'classes',
    ['school_year', 'name'],
    ['grade_level', 'teacher_id', 'created_at', 'updated_at', 'deleted_at'],
    [],
  );
  for (const c of plan.classes.planned) {
    classWriter.write({ school_year: c.schoolYear, name: c.name }, undefined, c.id);
  }
  const studentWriter = new TableWriter(
    db,
    actor,
    'students',
    studentColumns,
    ['status', 'archived_at', 'national_number', 'created_at', 'updated_at', 'deleted_at'],
    plan.updatable,
  );
  for (const s of plan.students) {
    const { result } = studentWriter.write(s.values, s.existing, s.id);
    if (result !== 'unchanged') touched.add(s.id);
  }
  const enrolmentWriter = new TableWriter(
    db,
    actor,
    'enrolments',
    ['student_id', 'class_id', 'start_date', 'end_date'],
    ['created_at', 'updated_at', 'deleted_at'],
    ['end_date'],
  );
  for (const e of plan.enrolments) {
    for (const old of e.ends) {
      enrolmentWriter.write({ end_date: dayBefore(e.start) }, old);
    }
    enrolmentWriter.write(
      { student_id: e.studentId, class_id: e.classId, start_date: e.start, end_date: null },
      undefined,
    );
    touched.add(e.studentId);
  }
  const marks = plan.marks.write();
  for (const id of marks.touched) touched.add(id);

  const summaryWriter = new TableWriter(
    db,
    actor,
    'attendance_summaries',
    ['student_id', 'period', 'absences', 'school_days', 'source'],
    ['created_at', 'updated_at', 'deleted_at'],
    ['absences'],
  );
  const existingSummary = db.prepare(
    'SELECT * FROM attendance_summaries WHERE school_id = ? AND student_id = ? AND period = ?',
  );
  for (const s of plan.summaries) {
    const { result } = summaryWriter.write(
      {
        student_id: s.studentId,
        period: s.period,
        absences: s.absences,
        school_days: null,
        source: fileName,
      },
      existingSummary.get(actor.schoolId, s.studentId, s.period) as ExistingRow | undefined,
    );
    if (result !== 'unchanged') touched.add(s.studentId);
  }
  // Last: a student who left has their enrolments ended from the date, as the screens do.
  const statusActor = { schoolId: actor.schoolId, userId: actor.userId };
  for (const c of plan.statuses) {
    changeStudentStatus(db, statusActor, {
      studentId: c.studentId,
      status: c.status,
      effectiveDate: c.date,
      reason: `imported from ${fileName}`.slice(0, 500),
    });
    touched.add(c.studentId);
  }
  const statusCounts = { created: plan.statuses.length, changed: 0, unchanged: 0 };
  const tables: KindResult['tables'] = {
    students: studentWriter.counts,
    ...(plan.classes.planned.length ? { classes: classWriter.counts } : {}),
    ...(plan.enrolments.length ? { enrolments: enrolmentWriter.counts } : {}),
    ...(plan.marks.marks.length ? marks.tables : {}),
    ...(plan.summaries.length ? { attendance_summaries: summaryWriter.counts } : {}),
    ...(plan.statuses.length ? { student_status_changes: statusCounts } : {}),
  };
  return { tables, touched };
}
