import { BeaconError, type Db } from '../../db';
import { EXPECTED_AGE_OFFSET_KEY } from '../../main/backend/features';
import { refreshFeaturesAfter, refreshStudentFeatures } from '../../main/backend/keep-current';
import {
  createAssessment,
  deleteAssessment,
  editAssessment,
} from '../../main/backend/services/assessments';
import { setCalendarDays } from '../../main/backend/services/calendar';
import { createClass, editClass } from '../../main/backend/services/classes';
import { endEnrolment, enrolStudent } from '../../main/backend/services/enrolments';
import {
  createIncident,
  deleteIncident,
  editIncident,
} from '../../main/backend/services/incidents';
import { openMarksGrid, saveMarks } from '../../main/backend/services/marks';
import type { Actor } from '../../main/backend/services/records-support';
import { openRegister, saveRegister } from '../../main/backend/services/register';
import { changeStudentStatus } from '../../main/backend/services/student-status';
import { archiveStudent, createStudent, editStudent } from '../../main/backend/services/students';
import { createTerm, editTerm } from '../../main/backend/services/terms';
import { addDays } from '../../main/backend/features/dates';
import { epochDay } from '../../main/backend/features/packed-attendance';
import { attendanceStatusCode } from '../../main/backend/services/attendance-rows';
import { localKey } from '../../db/local-keys';
import type { Random } from './seeded-random';
import { insertSchool } from './school';

/**
 * A small school for the feature store's property test, changed by random operations that go
 * through the records services (the same code the requests run). The few writes no service
 * offers yet (soft-deleting an attendance row, the school's start month, the expected-age
 * setting) are local helpers that write the SQL and refresh features in the same transaction.
 */
export interface World {
  db: Db;
  actor: Actor;
  rnd: Random;
  classes: string[];
  terms: string[];
  /** Dates operations draw from: the autumn term's weekdays and a few around them. */
  dates: string[];
  log: string[];
}

const SUBJECTS = ['Mathematics', 'mathematics ', 'Language', 'Science'];
const STATUSES = ['present', 'present', 'present', 'absent', 'late', 'excused'] as const;

const weekdaysBetween = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const w = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (w !== 0 && w !== 6) out.push(d);
  }
  return out;
};

const live = (db: Db, sql: string, ...params: unknown[]) =>
  db
    .prepare(sql)
    .pluck()
    .all(...params) as string[];

const studentIds = (w: World) =>
  live(
    w.db,
    'SELECT id FROM students WHERE school_id = ? AND deleted_at IS NULL',
    w.actor.schoolId,
  );

const randomDob = (rnd: Random) =>
  `${rnd.int(2009, 2013)}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`;

/** A new school with a calendar, terms, classes of two school years and enrolled students. */
export function createWorld(db: Db, rnd: Random): World {
  const schoolId = insertSchool(db, {
    name: 'Feature World',
    schoolYearStartMonth: rnd.pick([8, 9, 9]),
  });
  const actor: Actor = { schoolId, userId: null };
  const w: World = { db, actor, rnd, classes: [], terms: [], dates: [], log: [] };
  // A third of the schools keep no calendar of school days (attendance then comes in as an
  // import would bring it), until a random calendar change lists one.
  if (rnd.chance(2 / 3)) {
    setCalendarDays(db, actor, { from: '2025-09-01', to: '2025-11-28', kind: 'school_day' });
  }
  setCalendarDays(db, actor, { from: '2025-10-27', to: '2025-10-31', kind: 'holiday' });
  w.dates = weekdaysBetween('2025-08-25', '2025-12-05');
  for (const [name, from, to] of [
    ['Autumn', '2025-09-01', '2025-10-24'],
    ['Late autumn', '2025-11-03', '2025-12-19'],
  ] as const) {
    w.terms.push(
      createTerm(db, actor, { schoolYear: '2025-2026', name, startDate: from, endDate: to }).id,
    );
  }
  const last = createClass(db, actor, { schoolYear: '2024-2025', name: '6A', gradeLevel: 6 });
  for (const [name, grade] of [
    ['7A', 7],
    ['7B', 7],
    ['6B', 6],
  ] as const) {
    w.classes.push(createClass(db, actor, { schoolYear: '2025-2026', name, gradeLevel: grade }));
  }
  const count = rnd.int(3, 7);
  for (let i = 0; i < count; i++) {
    const id = createStudent(db, actor, {
      studentNumber: `S${i + 1}`,
      firstName: `Student${i + 1}`,
      lastName: 'Test',
      dateOfBirth: rnd.chance(0.9) ? randomDob(rnd) : null,
      gradeLevel: rnd.chance(0.8) ? rnd.int(5, 8) : null,
      entryDate: rnd.chance(0.7)
        ? rnd.pick(['2024-09-02', '2025-01-20', '2025-09-01', '2025-10-15'])
        : null,
    });
    if (rnd.chance(0.6))
      enrolStudent(db, actor, { studentId: id, classId: last, startDate: '2024-09-02' });
    enrolStudent(db, actor, {
      studentId: id,
      classId: rnd.pick(w.classes),
      startDate: '2025-09-01',
    });
  }
  // Some random dates fall outside the assessment's term and are refused: try a few more.
  for (let made = 0, tries = 0; made < 3 && tries < 30; tries++) {
    try {
      newAssessment(w);
      made++;
    } catch (e) {
      if (!(e instanceof BeaconError)) throw e;
    }
  }
  return w;
}

function newAssessment(w: World): void {
  const { rnd } = w;
  createAssessment(w.db, w.actor, {
    classId: rnd.pick(w.classes),
    termId: rnd.chance(0.8) ? rnd.pick(w.terms) : null,
    subject: rnd.pick(SUBJECTS),
    name: `Test ${rnd.int(1, 99)}`,
    date: rnd.chance(0.5) ? rnd.pick(w.dates) : null,
    maxScore: rnd.pick([10, 20, 100]),
    weight: rnd.pick([1, 1, 2, 3]),
  });
}

function register(w: World): void {
  const { db, actor, rnd } = w;
  const days = live(
    db,
    "SELECT date FROM school_calendar WHERE school_id = ? AND kind = 'school_day' AND deleted_at IS NULL",
    actor.schoolId,
  );
  if (days.length === 0) return;
  const classId = rnd.pick(w.classes);
  const date = rnd.pick(days);
  const entries = openRegister(db, actor.schoolId, { classId, date }).entries;
  const chosen = rnd.subset(entries, 0.8);
  if (chosen.length === 0) return;
  saveRegister(db, actor, {
    classId,
    date,
    entries: chosen.map((e) => ({ studentId: e.studentId, status: rnd.pick(STATUSES) })),
  });
}

function marks(w: World): void {
  const { db, actor, rnd } = w;
  const assessment = db
    .prepare(
      'SELECT id, class_id, term_id, max_score FROM assessments WHERE school_id = ? AND deleted_at IS NULL',
    )
    .all(actor.schoolId) as {
    id: string;
    class_id: string;
    term_id: string | null;
    max_score: number;
  }[];
  if (assessment.length === 0) return;
  const a = rnd.pick(assessment);
  const grid = openMarksGrid(db, actor.schoolId, {
    classId: a.class_id,
    ...(a.term_id ? { termId: a.term_id } : {}),
  });
  const chosen = rnd.subset(grid.students, 0.7);
  if (chosen.length === 0) return;
  saveMarks(db, actor, {
    assessmentId: a.id,
    entries: chosen.map((s) => ({
      studentId: s.studentId,
      score: rnd.chance(0.15) ? null : rnd.int(0, a.max_score),
    })),
  });
}

const incidentIds = (w: World) =>
  live(
    w.db,
    'SELECT id FROM behaviour_incidents WHERE school_id = ? AND deleted_at IS NULL',
    w.actor.schoolId,
  );

/** The operations, each with a weight; an operation a service refuses changes nothing. */
const operations: [string, number, (w: World) => void][] = [
  ['register', 30, register],
  ['marks', 10, marks],
  ['new assessment', 2, newAssessment],
  [
    'edit assessment',
    3,
    (w) => {
      const ids = live(
        w.db,
        'SELECT id FROM assessments WHERE school_id = ? AND deleted_at IS NULL',
        w.actor.schoolId,
      );
      if (ids.length === 0) return;
      const { rnd } = w;
      editAssessment(w.db, w.actor, {
        assessmentId: rnd.pick(ids),
        ...(rnd.chance(0.5) ? { weight: rnd.pick([1, 2, 5]) } : {}),
        ...(rnd.chance(0.3) ? { maxScore: rnd.pick([100, 200]) } : {}),
        ...(rnd.chance(0.3) ? { termId: rnd.chance(0.8) ? rnd.pick(w.terms) : null } : {}),
        ...(rnd.chance(0.3) ? { date: rnd.chance(0.7) ? rnd.pick(w.dates) : null } : {}),
        ...(rnd.chance(0.2) ? { subject: rnd.pick(SUBJECTS) } : {}),
      });
    },
  ],
  [
    'delete assessment',
    1,
    (w) => {
      const ids = live(
        w.db,
        'SELECT id FROM assessments WHERE school_id = ? AND deleted_at IS NULL',
        w.actor.schoolId,
      );
      if (ids.length > 0) deleteAssessment(w.db, w.actor, w.rnd.pick(ids));
    },
  ],
  [
    'new incident',
    6,
    (w) => {
      const { rnd } = w;
      createIncident(w.db, w.actor, {
        studentId: rnd.pick(studentIds(w)),
        date: rnd.pick(w.dates),
        category: 'conduct',
        severity: rnd.pick([1, 2, 3] as const),
        suspensionDays: rnd.chance(0.3) ? rnd.int(1, 5) : 0,
      });
    },
  ],
  [
    'edit incident',
    3,
    (w) => {
      const ids = incidentIds(w);
      if (ids.length === 0) return;
      const { rnd } = w;
      editIncident(w.db, w.actor, {
        incidentId: rnd.pick(ids),
        ...(rnd.chance(0.5) ? { date: rnd.pick(w.dates) } : {}),
        ...(rnd.chance(0.5) ? { severity: rnd.pick([1, 2, 3] as const) } : {}),
        ...(rnd.chance(0.5) ? { suspensionDays: rnd.int(0, 4) } : {}),
      });
    },
  ],
  [
    'delete incident',
    2,
    (w) => {
      const ids = incidentIds(w);
      if (ids.length > 0) deleteIncident(w.db, w.actor, w.rnd.pick(ids));
    },
  ],
  [
    'move class',
    3,
    (w) => {
      const { rnd } = w;
      enrolStudent(w.db, w.actor, {
        studentId: rnd.pick(studentIds(w)),
        classId: rnd.pick(w.classes),
        startDate: rnd.pick(w.dates.filter((d) => d >= '2025-09-01')),
      });
    },
  ],
  [
    'end enrolment',
    1,
    (w) => {
      const rows = w.db
        .prepare(
          'SELECT id, start_date FROM enrolments WHERE school_id = ? AND deleted_at IS NULL AND end_date IS NULL',
        )
        .all(w.actor.schoolId) as { id: string; start_date: string }[];
      if (rows.length === 0) return;
      const e = w.rnd.pick(rows);
      endEnrolment(w.db, w.actor, {
        enrolmentId: e.id,
        endDate: addDays(e.start_date, w.rnd.int(0, 60)),
      });
    },
  ],
  [
    'calendar day',
    4,
    (w) => {
      const { rnd } = w;
      const date = rnd.pick(w.dates);
      setCalendarDays(w.db, w.actor, {
        from: date,
        to: addDays(date, rnd.int(0, 2)),
        kind: rnd.pick(['school_day', 'holiday', 'closure', 'none'] as const),
        weekdays: [1, 2, 3, 4, 5, 6, 7],
      });
    },
  ],
  [
    'status change',
    3,
    (w) => {
      const { rnd } = w;
      const studentId = rnd.pick(studentIds(w));
      const active =
        w.db.prepare('SELECT status FROM students WHERE id = ?').pluck().get(studentId) ===
        'active';
      changeStudentStatus(w.db, w.actor, {
        studentId,
        status: active
          ? rnd.pick(['transferred_out', 'dropped_out', 'graduated'] as const)
          : 'returned',
        effectiveDate: rnd.pick(w.dates),
        ...(!active && rnd.chance(0.7) ? { classId: rnd.pick(w.classes) } : {}),
      });
    },
  ],
  [
    'edit student',
    3,
    (w) => {
      const { rnd } = w;
      editStudent(w.db, w.actor, {
        studentId: rnd.pick(studentIds(w)),
        ...(rnd.chance(0.5) ? { dateOfBirth: rnd.chance(0.9) ? randomDob(rnd) : null } : {}),
        ...(rnd.chance(0.4) ? { gradeLevel: rnd.chance(0.9) ? rnd.int(5, 8) : null } : {}),
        ...(rnd.chance(0.4) ? { entryDate: rnd.chance(0.9) ? rnd.pick(w.dates) : null } : {}),
      });
    },
  ],
  [
    'archive student',
    1,
    (w) => {
      archiveStudent(w.db, w.actor, {
        studentId: w.rnd.pick(studentIds(w)),
        archived: w.rnd.chance(0.7),
      });
    },
  ],
  [
    'new student',
    1,
    (w) => {
      const n = studentIds(w).length + 1 + w.rnd.int(0, 1000);
      const id = createStudent(w.db, w.actor, {
        studentNumber: `N${n}`,
        firstName: 'New',
        lastName: 'Student',
        dateOfBirth: randomDob(w.rnd),
        entryDate: w.rnd.pick(w.dates),
      });
      enrolStudent(w.db, w.actor, {
        studentId: id,
        classId: w.rnd.pick(w.classes),
        startDate: '2025-09-01',
      });
    },
  ],
  [
    'edit term',
    1,
    (w) => {
      const start = w.rnd.pick(['2025-08-25', '2025-09-01', '2025-11-03', '2025-12-08']);
      editTerm(w.db, w.actor, {
        termId: w.rnd.pick(w.terms),
        startDate: start,
        endDate: addDays(start, w.rnd.int(20, 60)),
      });
    },
  ],
  [
    'edit class',
    1,
    (w) => {
      editClass(w.db, w.actor, {
        classId: w.rnd.pick(w.classes),
        gradeLevel: w.rnd.pick([5, 6, 7, 8, null]),
      });
    },
  ],
  // No service deletes an attendance row: soft-delete one by hand, refreshing in the transaction.
  [
    'delete attendance',
    2,
    (w) => {
      const rows = w.db
        .prepare(
          'SELECT student_key, day, student_id FROM attendance WHERE school_id = ? AND deleted_at IS NULL',
        )
        .all(w.actor.schoolId) as { student_key: number; day: number; student_id: string }[];
      if (rows.length === 0) return;
      const row = w.rnd.pick(rows);
      w.db.transaction(() => {
        w.db
          .prepare(
            `UPDATE attendance_days SET deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
             WHERE student_key = ? AND day = ?`,
          )
          .run(row.student_key, row.day);
        refreshStudentFeatures(w.db, w.actor.schoolId, [row.student_id]);
      })();
    },
  ],
  // Sync can bring a parent's tombstone before its children's (an assessment deleted on another
  // laptop, its marks still live here): the children then no longer count.
  [
    'tombstone a parent',
    1,
    (w) => {
      const { db, actor, rnd } = w;
      const kind = rnd.pick(['assessment', 'term', 'class'] as const);
      const table = { assessment: 'assessments', term: 'terms', class: 'classes' }[kind];
      const ids = live(
        db,
        `SELECT id FROM ${table} WHERE school_id = ? AND deleted_at IS NULL`,
        actor.schoolId,
      );
      if (ids.length === 0) return;
      const id = rnd.pick(ids);
      db.transaction(() => {
        db.prepare(
          `UPDATE ${table} SET deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`,
        ).run(id);
        refreshFeaturesAfter(
          db,
          actor.schoolId,
          kind === 'assessment'
            ? { kind, assessmentId: id }
            : kind === 'term'
              ? { kind, termId: id }
              : { kind, classId: id },
        );
      })();
      if (kind === 'term' && w.terms.length > 1) w.terms = w.terms.filter((t) => t !== id);
      if (kind === 'class' && w.classes.length > 1) w.classes = w.classes.filter((c) => c !== id);
    },
  ],
  // Attendance as an import or a sync brings it: any weekday, calendar or not, whole batches.
  [
    'import attendance',
    6,
    (w) => {
      const { db, actor, rnd } = w;
      const students = rnd.subset(studentIds(w), 0.6);
      const days = rnd.subset(w.dates, 0.15);
      db.transaction(() => {
        const upsert = db.prepare(
          `INSERT INTO attendance_days (student_key, day, status, version) VALUES (?, ?, ?, 0)
           ON CONFLICT (student_key, day)
           DO UPDATE SET status = excluded.status, deleted_at = NULL`,
        );
        for (const student of students) {
          const key = localKey(db, student);
          for (const date of days) {
            upsert.run(key, epochDay(date), attendanceStatusCode(rnd.pick(STATUSES)));
          }
        }
        refreshStudentFeatures(db, actor.schoolId, students);
      })();
    },
  ],
  // The school's own settings have no service yet either.
  [
    'school settings',
    1,
    (w) => {
      const { db, actor, rnd } = w;
      db.transaction(() => {
        if (rnd.chance(0.5)) {
          db.prepare('UPDATE schools SET school_year_start_month = ? WHERE id = ?').run(
            rnd.pick([8, 9, 1]),
            actor.schoolId,
          );
        } else {
          db.prepare(
            `INSERT INTO settings (school_id, key, value) VALUES (?, ?, ?)
             ON CONFLICT (school_id, key) DO UPDATE SET value = excluded.value`,
          ).run(actor.schoolId, EXPECTED_AGE_OFFSET_KEY, String(rnd.int(5, 7)));
        }
        refreshFeaturesAfter(db, actor.schoolId, { kind: 'school' });
      })();
    },
  ],
];

const totalWeight = operations.reduce((s, [, weight]) => s + weight, 0);

/**
 * Runs one random operation. A service refusing it (a BeaconError: not a school day, not enrolled,
 * already active...) is part of the game and changes nothing; any other error is a failure.
 * Returns whether the operation went through.
 */
export function randomOperation(w: World): boolean {
  let r = w.rnd.next() * totalWeight;
  let chosen = operations[0] as (typeof operations)[number];
  for (const op of operations) {
    r -= op[1];
    if (r < 0) {
      chosen = op;
      break;
    }
  }
  try {
    chosen[2](w);
    w.log.push(chosen[0]);
    return true;
  } catch (e) {
    if (e instanceof BeaconError) {
      w.log.push(`${chosen[0]} (refused: ${e.message})`);
      return false;
    }
    throw e;
  }
}
