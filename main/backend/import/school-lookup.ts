import type { Db } from '../../../db';

export interface KnownStudent {
  id: string;
  number: string;
  firstName: string;
  lastName: string;
  status: string;
  deleted: boolean;
}

export interface KnownEnrolment {
  classId: string;
  start: string;
  end: string | null;
}

export interface KnownClass {
  id: string;
  name: string;
  schoolYear: string;
}

export interface KnownTerm {
  id: string;
  name: string;
  schoolYear: string;
  start: string;
  end: string;
}

/**
 * What validating a file needs to know about the school, read once per file (a school has
 * thousands of students, not millions) rather than once per row.
 */
export class SchoolLookup {
  private students?: Map<string, KnownStudent>;
  private calendarRows?: Map<string, string>;
  private keepsCalendar?: boolean;
  private enrolments?: Map<string, KnownEnrolment[]>;
  private classList?: KnownClass[];
  private termList?: KnownTerm[];

  constructor(
    readonly db: Db,
    readonly schoolId: string,
  ) {}

  /** Every student of the school by number, archived and deleted ones included. */
  studentsByNumber(): Map<string, KnownStudent> {
    this.students ??= new Map(
      (
        this.db
          .prepare(
            `SELECT id, student_number, first_name, last_name, status, deleted_at FROM students
             WHERE school_id = ?`,
          )
          .all(this.schoolId) as {
          id: string;
          student_number: string;
          first_name: string;
          last_name: string;
          status: string;
          deleted_at: string | null;
        }[]
      ).map((r) => [
        r.student_number,
        {
          id: r.id,
          number: r.student_number,
          firstName: r.first_name,
          lastName: r.last_name,
          status: r.status,
          deleted: r.deleted_at !== null,
        },
      ]),
    );
    return this.students;
  }

  /**
   * The calendar's entries by date (school_day, holiday, closure). A school that lists no school
   * day keeps no calendar, and then any date counts, as in the feature store.
   */
  calendar(): Map<string, string> {
    this.calendarRows ??= new Map(
      (
        this.db
          .prepare(
            'SELECT date, kind FROM school_calendar WHERE school_id = ? AND deleted_at IS NULL',
          )
          .all(this.schoolId) as { date: string; kind: string }[]
      ).map((r) => [r.date, r.kind]),
    );
    return this.calendarRows;
  }

  /** Why `date` cannot carry attendance, or null when it can. */
  notASchoolDay(date: string): string | null {
    const cal = this.calendar();
    this.keepsCalendar ??= [...cal.values()].includes('school_day');
    if (!this.keepsCalendar) return null;
    const kind = cal.get(date);
    if (kind === 'school_day') return null;
    return kind
      ? `${date} is a ${kind} in the school calendar, not a school day`
      : `${date} is not a school day in the school calendar`;
  }

  /** Live enrolments by student, oldest first. */
  enrolmentsByStudent(): Map<string, KnownEnrolment[]> {
    if (!this.enrolments) {
      const map = new Map<string, KnownEnrolment[]>();
      const rows = this.db
        .prepare(
          `SELECT student_id, class_id, start_date, end_date FROM enrolments
           WHERE school_id = ? AND deleted_at IS NULL ORDER BY start_date, created_at`,
        )
        .all(this.schoolId) as {
        student_id: string;
        class_id: string;
        start_date: string;
        end_date: string | null;
      }[];
      for (const r of rows) {
        const list = map.get(r.student_id) ?? [];
        list.push({ classId: r.class_id, start: r.start_date, end: r.end_date });
        map.set(r.student_id, list);
      }
      this.enrolments = map;
    }
    return this.enrolments;
  }

  /** The class a student was enrolled in on `date`, if exactly known. */
  classOn(studentId: string, date: string): string | null {
    const list = this.enrolmentsByStudent().get(studentId);
    if (!list) return null;
    for (let i = list.length - 1; i >= 0; i--) {
      const e = list[i] as KnownEnrolment;
      if (e.start <= date && (e.end === null || e.end >= date)) return e.classId;
    }
    return null;
  }

  classes(): KnownClass[] {
    this.classList ??= (
      this.db
        .prepare(
          'SELECT id, name, school_year FROM classes WHERE school_id = ? AND deleted_at IS NULL',
        )
        .all(this.schoolId) as { id: string; name: string; school_year: string }[]
    ).map((r) => ({ id: r.id, name: r.name, schoolYear: r.school_year }));
    return this.classList;
  }

  terms(): KnownTerm[] {
    this.termList ??= (
      this.db
        .prepare(
          `SELECT id, name, school_year, start_date, end_date FROM terms
           WHERE school_id = ? AND deleted_at IS NULL`,
        )
        .all(this.schoolId) as {
        id: string;
        name: string;
        school_year: string;
        start_date: string;
        end_date: string;
      }[]
    ).map((r) => ({
      id: r.id,
      name: r.name,
      schoolYear: r.school_year,
      start: r.start_date,
      end: r.end_date,
    }));
    return this.termList;
  }

  /** The school year start month (9 = September) the school is configured with. */
  startMonth(): number {
    return (
      (this.db
        .prepare('SELECT school_year_start_month FROM schools WHERE id = ?')
        .pluck()
        .get(this.schoolId) as number | undefined) ?? 9
    );
  }
}
