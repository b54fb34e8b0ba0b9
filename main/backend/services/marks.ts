import { withOperation } from './changes';
import {
  marksGridInput,
  type MarksGrid,
  type MarksGridRequest,
  type MarksSave,
  type MarksSaved,
} from '../../../contract/domains/records-marks';
import { BeaconError, insertSql, newId, type Db, type RowOf, writeTransaction } from '../../../db';
import { refreshStudentFeatures } from '../keep-current';
import { assessmentRow, listAssessments, markingPeriod } from './assessments';
import { classRow } from './classes';
import { recordChange } from './changes';
import {
  nameList,
  nowStamp,
  parseInput,
  prepared,
  studentLabel,
  type Actor,
} from './records-support';

interface PeriodStudent {
  student_id: string;
  student_number: string;
  first_name: string;
  last_name: string;
}

/** Students enrolled in the class at any time in the period, by name. */
function periodStudents(
  db: Db,
  schoolId: string,
  classId: string,
  period: { from: string; to: string },
): PeriodStudent[] {
  return prepared(
    db,
    `SELECT DISTINCT s.id AS student_id, s.student_number, s.first_name, s.last_name
     FROM enrolments e JOIN students s ON s.id = e.student_id AND s.deleted_at IS NULL
     WHERE e.school_id = ? AND e.class_id = ? AND e.deleted_at IS NULL
       AND e.start_date <= ? AND (e.end_date IS NULL OR e.end_date >= ?)
     ORDER BY s.last_name, s.first_name, s.student_number`,
  ).all(schoolId, classId, period.to, period.from) as PeriodStudent[];
}

/**
 * A class's marks grid: its assessments (of a term when given) against the students enrolled
 * in the class during that term (or school year), with every mark given.
 */
export function openMarksGrid(db: Db, schoolId: string, query: MarksGridRequest): MarksGrid {
  const q = parseInput(marksGridInput, query);
  const cls = classRow(db, schoolId, q.classId);
  const period = markingPeriod(db, schoolId, cls, q.termId ?? null);
  const assessments = listAssessments(db, schoolId, q);
  const rows = periodStudents(db, schoolId, cls.id, period).map((s) => ({
    studentId: s.student_id,
    studentNumber: s.student_number,
    firstName: s.first_name,
    lastName: s.last_name,
    scores: {} as Record<string, number>,
  }));
  const byStudent = new Map(rows.map((r) => [r.studentId, r]));
  const marks = prepared(
    db,
    `SELECT m.assessment_id, m.student_id, m.score FROM marks m
     JOIN assessments a ON a.id = m.assessment_id
     WHERE a.school_id = ? AND a.class_id = ? AND (? IS NULL OR a.term_id = ?)
       AND a.deleted_at IS NULL AND m.deleted_at IS NULL`,
  ).all(schoolId, cls.id, q.termId ?? null, q.termId ?? null) as {
    assessment_id: string;
    student_id: string;
    score: number;
  }[];
  for (const m of marks) {
    const row = byStudent.get(m.student_id);
    if (row) row.scores[m.assessment_id] = m.score;
  }
  return { classId: cls.id, termId: q.termId ?? null, assessments, students: rows };
}

type MarkRow = RowOf<
  'marks',
  {
    id: string;
    school_id: string;
    assessment_id: string;
    student_id: string;
    score: number;
    created_at: string;
    updated_at: string;
    version: number;
    deleted_at: string | null;
  }
>;

/** A new mark; the change log stamps its version. */
const insertMarkSql = insertSql(
  'marks',
  ['id', 'school_id', 'assessment_id', 'student_id', 'score', 'created_at', 'updated_at'],
  ['version', 'deleted_at'],
);

/**
 * Saves marks for one assessment in one transaction; a null score removes the mark. Refuses,
 * writing nothing, a score outside 0..maximum or a student not in the class during the
 * assessment's term, naming the student. Only marks that change are written and audited.
 */
export function saveMarks(db: Db, actor: Actor, request: MarksSave): MarksSaved {
  const { assessmentId, entries } = request;
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new BeaconError('INVALID_INPUT', 'No marks were given.');
  }
  return writeTransaction(db, () =>
    withOperation(
      db,
      {
        schoolId: actor.schoolId,
        userId: actor.userId,
        action: 'update',
        entity: 'marks',
        context: { assessment_id: assessmentId },
      },
      () => {
        const assessment = assessmentRow(db, actor.schoolId, assessmentId);
        const cls = classRow(db, actor.schoolId, assessment.class_id);
        const period = markingPeriod(db, actor.schoolId, cls, assessment.term_id);
        const eligible = new Map(
          periodStudents(db, actor.schoolId, cls.id, period).map((s) => [s.student_id, s]),
        );
        const existing = new Map(
          (
            prepared(db, 'SELECT * FROM marks WHERE school_id = ? AND assessment_id = ?').all(
              actor.schoolId,
              assessment.id,
            ) as MarkRow[]
          ).map((m) => [m.student_id, m]),
        );

        const outsiders: string[] = [];
        const seen = new Set<string>();
        for (const e of entries) {
          const student = eligible.get(e.studentId);
          if (!student) {
            outsiders.push(e.studentId);
            continue;
          }
          const who = studentLabel(student);
          if (seen.has(e.studentId)) {
            throw new BeaconError('INVALID_INPUT', `${who} is listed twice.`);
          }
          seen.add(e.studentId);
          const score = e.score;
          if (score !== null && (typeof score !== 'number' || !Number.isFinite(score))) {
            throw new BeaconError('INVALID_INPUT', `${who}: the score must be a number or empty.`);
          }
          if (score !== null && (score < 0 || score > assessment.max_score)) {
            throw new BeaconError(
              'INVALID_INPUT',
              `${who}: ${score} is outside 0 to ${assessment.max_score}, the maximum for ${assessment.name}.`,
              { studentId: e.studentId, maxScore: assessment.max_score },
            );
          }
        }
        if (outsiders.length > 0) {
          const names = outsiders.map((id) => {
            const st = prepared(
              db,
              'SELECT first_name, last_name, student_number FROM students WHERE id = ? AND school_id = ?',
            ).get(id, actor.schoolId) as Parameters<typeof studentLabel>[0] | undefined;
            return st ? studentLabel(st) : `an unknown student (id ${id})`;
          });
          throw new BeaconError(
            'INVALID_INPUT',
            `Not enrolled in ${cls.name} from ${period.from} to ${period.to}: ${nameList(names)}.`,
            { notEnrolled: outsiders },
          );
        }

        const now = nowStamp();
        const insert = prepared(db, insertMarkSql);
        const update = prepared(
          db,
          'UPDATE marks SET score = ?, updated_at = ?, deleted_at = ? WHERE id = ?',
        );
        let changed = 0;
        let removed = 0;
        const touched: string[] = [];
        for (const e of entries) {
          const before = existing.get(e.studentId);
          const live = before && before.deleted_at === null;
          let after: MarkRow;
          if (e.score === null) {
            if (!before || !live) continue;
            after = { ...before, updated_at: now, deleted_at: now };
            update.run(before.score, now, now, before.id);
            removed++;
          } else if (!before) {
            after = {
              id: newId(),
              school_id: actor.schoolId,
              assessment_id: assessment.id,
              student_id: e.studentId,
              score: e.score,
              created_at: now,
              updated_at: now,
              version: 0,
              deleted_at: null,
            };
            insert.run(after.id, actor.schoolId, assessment.id, e.studentId, e.score, now, now);
            changed++;
          } else {
            if (live && before.score === e.score) continue;
            after = { ...before, score: e.score, updated_at: now, deleted_at: null };
            update.run(e.score, now, null, before.id);
            changed++;
          }
          recordChange(db, {
            schoolId: actor.schoolId,
            table: 'marks',
            rowId: after.id,
            userId: actor.userId,
            before: before ?? null,
            after,
          });
          touched.push(e.studentId);
        }
        if (touched.length > 0) refreshStudentFeatures(db, actor.schoolId, touched);
        return {
          assessmentId: assessment.id,
          changed,
          removed,
          unchanged: entries.length - changed - removed,
        };
      },
    ),
  );
}
