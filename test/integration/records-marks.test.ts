import { decodeChanges } from '../../main/backend/services/audit-changes';
import { describe, expect, it } from 'vitest';
import { saveMarks } from '../../main/backend/services/marks';
import {
  addClass,
  addStudents,
  addUser,
  countRows,
  ok,
  recordsSchool,
  type RecordsSchool,
} from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

async function school() {
  const s: RecordsSchool = await recordsSchool(tempDir());
  afterTest(() => s.backend.close());
  const students = await addStudents(s.api, ['Ana Silva', 'Bruno Costa', 'Carla Dias']);
  const classId = await addClass(s.api, '7A', students);
  const term = ok(
    await s.api.createTerm({
      schoolYear: '2025-2026',
      name: 'Term 1',
      startDate: '2025-09-01',
      endDate: '2025-12-19',
    }),
  );
  const test1 = ok(
    await s.api.createAssessment({
      classId,
      termId: term.id,
      subject: 'Mathematics',
      name: 'Test 1',
      date: '2025-10-10',
      maxScore: 20,
    }),
  );
  return { ...s, students: students as [string, string, string], classId, termId: term.id, test1 };
}

const marks = (s: RecordsSchool, assessmentId: string) =>
  s.db
    .prepare(
      'SELECT student_id, score, deleted_at IS NOT NULL AS deleted FROM marks WHERE assessment_id = ? ORDER BY student_id',
    )
    .all(assessmentId);

describe('assessments', () => {
  it('creates and edits assessments, checking term and dates', async () => {
    const s = await school();
    expect(s.test1).toMatchObject({ subject: 'Mathematics', maxScore: 20, weight: 1 });
    const outside = await s.api.createAssessment({
      classId: s.classId,
      termId: s.termId,
      subject: 'Science',
      name: 'Late quiz',
      date: '2026-01-10',
      maxScore: 10,
    });
    expect(!outside.ok && outside.message).toBe(
      'The assessment date 2026-01-10 is outside its period (2025-09-01 to 2025-12-19).',
    );
    const otherYear = ok(await s.api.createClass({ schoolYear: '2026-2027', name: '8A' }));
    const mismatch = await s.api.createAssessment({
      classId: otherYear.id,
      termId: s.termId,
      subject: 'Science',
      name: 'Quiz',
      maxScore: 10,
    });
    expect(!mismatch.ok && mismatch.message).toBe(
      'Term Term 1 belongs to 2025-2026, but class 8A to 2026-2027.',
    );
    const bad = await s.api.createAssessment({
      classId: s.classId,
      subject: '',
      name: 'Quiz',
      maxScore: 0,
      weight: -1,
    });
    expect(bad).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const edited = ok(
      await s.api.editAssessment({ assessmentId: s.test1.id, weight: 2, name: 'Test 1 (retake)' }),
    );
    expect(edited).toMatchObject({ weight: 2, name: 'Test 1 (retake)', maxScore: 20 });
    const listed = ok(await s.api.listAssessments({ classId: s.classId, termId: s.termId }));
    expect(listed.map((a) => a.id)).toEqual([s.test1.id]);
  });

  it('refuses a new maximum below a mark already given, naming the student', async () => {
    const s = await school();
    const [ana] = s.students;
    ok(
      await s.api.saveMarks({ assessmentId: s.test1.id, entries: [{ studentId: ana, score: 18 }] }),
    );
    const r = await s.api.editAssessment({ assessmentId: s.test1.id, maxScore: 10 });
    expect(r).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: 'Ana Silva (S1) already has 18, above the new maximum of 10.',
    });
  });

  it('deletes an assessment with its marks, as tombstones', async () => {
    const s = await school();
    const [ana, bruno] = s.students;
    ok(
      await s.api.saveMarks({
        assessmentId: s.test1.id,
        entries: [
          { studentId: ana, score: 12 },
          { studentId: bruno, score: 15 },
        ],
      }),
    );
    const outbox = countRows(s.db, 'sync_outbox');
    ok(await s.api.deleteAssessment({ assessmentId: s.test1.id }));
    // The assessment and its two marks were still queued: each keeps one entry, now a tombstone.
    expect(countRows(s.db, 'sync_outbox')).toBe(outbox);
    expect(
      s.db.prepare('SELECT table_name, op FROM sync_outbox ORDER BY seq DESC LIMIT 3').all(),
    ).toEqual(
      expect.arrayContaining([
        { table_name: 'assessments', op: 'delete' },
        { table_name: 'marks', op: 'delete' },
      ]),
    );
    expect(ok(await s.api.listAssessments({ classId: s.classId })).length).toBe(0);
    expect(marks(s, s.test1.id).every((m) => (m as { deleted: number }).deleted === 1)).toBe(true);
    expect(
      await s.api.saveMarks({ assessmentId: s.test1.id, entries: [{ studentId: ana, score: 1 }] }),
    ).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});

describe('the marks grid', () => {
  it('saves a whole grid column in one request and shows it back', async () => {
    const s = await school();
    const [ana, bruno, carla] = s.students;
    const test2 = ok(
      await s.api.createAssessment({
        classId: s.classId,
        termId: s.termId,
        subject: 'Language',
        name: 'Essay',
        maxScore: 100,
        weight: 2,
      }),
    );
    const audit = countRows(s.db, 'audit_log');
    const saved = ok(
      await s.api.saveMarks({
        assessmentId: s.test1.id,
        entries: [
          { studentId: ana, score: 20 },
          { studentId: bruno, score: 9.5 },
          { studentId: carla, score: null },
        ],
      }),
    );
    expect(saved).toEqual({ assessmentId: s.test1.id, changed: 2, removed: 0, unchanged: 1 });
    // One entry for the save, listing the two marks it wrote.
    expect(countRows(s.db, 'audit_log')).toBe(audit + 1);
    const changes = s.db
      .prepare('SELECT changes FROM audit_log ORDER BY rowid DESC LIMIT 1')
      .pluck()
      .get() as string;
    expect(decodeChanges(s.db, changes).map((c) => c.after)).toEqual([
      { assessment_id: s.test1.id, student_id: ana, score: 20 },
      { assessment_id: s.test1.id, student_id: bruno, score: 9.5 },
    ]);
    ok(
      await s.api.saveMarks({ assessmentId: test2.id, entries: [{ studentId: carla, score: 71 }] }),
    );
    const grid = ok(await s.api.openMarksGrid({ classId: s.classId, termId: s.termId }));
    expect(grid.assessments.map((a) => a.name)).toEqual(['Test 1', 'Essay']);
    expect(grid.students.map((r) => [r.firstName, r.scores])).toEqual([
      ['Bruno', { [s.test1.id]: 9.5 }],
      ['Carla', { [test2.id]: 71 }],
      ['Ana', { [s.test1.id]: 20 }],
    ]);
  });

  it('removes a mark with null and brings it back, auditing each change', async () => {
    const s = await school();
    const [ana, bruno] = s.students;
    ok(
      await s.api.saveMarks({
        assessmentId: s.test1.id,
        entries: [
          { studentId: ana, score: 11 },
          { studentId: bruno, score: 12 },
        ],
      }),
    );
    const audit = countRows(s.db, 'audit_log');
    const removed = ok(
      await s.api.saveMarks({
        assessmentId: s.test1.id,
        entries: [
          { studentId: ana, score: null },
          { studentId: bruno, score: 12 },
        ],
      }),
    );
    expect(removed).toMatchObject({ changed: 0, removed: 1, unchanged: 1 });
    const entries = s.db
      .prepare('SELECT action, changes FROM audit_log WHERE rowid > ? ORDER BY rowid')
      .all(audit) as { action: string; changes: string }[];
    expect(entries.map((e) => e.action)).toEqual(['update']);
    const [gone] = decodeChanges(s.db, entries[0]?.changes ?? null);
    expect(gone?.before).toEqual({ deleted_at: null });
    expect(gone?.after).toEqual({ deleted_at: expect.any(String) });
    const grid = ok(await s.api.openMarksGrid({ classId: s.classId }));
    expect(grid.students.find((r) => r.studentId === ana)?.scores).toEqual({});
    ok(
      await s.api.saveMarks({ assessmentId: s.test1.id, entries: [{ studentId: ana, score: 14 }] }),
    );
    expect(marks(s, s.test1.id)).toHaveLength(2);
    expect(marks(s, s.test1.id)).toContainEqual({ student_id: ana, score: 14, deleted: 0 });
  });

  it('refuses out-of-range scores naming the student and the maximum, writing nothing', async () => {
    const s = await school();
    const [ana, bruno] = s.students;
    ok(
      await s.api.saveMarks({ assessmentId: s.test1.id, entries: [{ studentId: ana, score: 5 }] }),
    );
    const before = marks(s, s.test1.id);
    const r = await s.api.saveMarks({
      assessmentId: s.test1.id,
      entries: [
        { studentId: ana, score: 19 },
        { studentId: bruno, score: 23 },
      ],
    });
    expect(r).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: 'Bruno Costa (S2): 23 is outside 0 to 20, the maximum for Test 1.',
    });
    expect(marks(s, s.test1.id)).toEqual(before);
    const negative = await s.api.saveMarks({
      assessmentId: s.test1.id,
      entries: [{ studentId: ana, score: -1 }],
    });
    expect(!negative.ok && negative.message).toMatch(/Ana Silva \(S1\): -1 is outside 0 to 20/);
  });

  it('rolls back marks already written when the database refuses a later one', async () => {
    const s = await school();
    const [ana, bruno, carla] = s.students;
    s.db.exec(`CREATE TEMP TRIGGER refuse_carla BEFORE INSERT ON marks
      WHEN NEW.student_id = '${carla}' BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const audit = countRows(s.db, 'audit_log');
    const r = await s.api.saveMarks({
      assessmentId: s.test1.id,
      entries: [
        { studentId: ana, score: 10 },
        { studentId: bruno, score: 11 },
        { studentId: carla, score: 12 },
      ],
    });
    expect(r.ok).toBe(false);
    expect(marks(s, s.test1.id)).toEqual([]);
    expect(countRows(s.db, 'audit_log')).toBe(audit);
  });

  it('refuses students not in the class during the term', async () => {
    const s = await school();
    const [outsider] = (await addStudents(s.api, ['Duarte Reis'], 'X')) as [string];
    const r = await s.api.saveMarks({
      assessmentId: s.test1.id,
      entries: [{ studentId: outsider, score: 10 }],
    });
    expect(r).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: 'Not enrolled in 7A from 2025-09-01 to 2025-12-19: Duarte Reis (X1).',
    });
    expect(() =>
      saveMarks(
        s.db,
        { schoolId: s.schoolId, userId: null },
        {
          assessmentId: s.test1.id,
          entries: [{ studentId: '0190b7f4-0000-7000-8000-000000000000', score: 10 }],
        },
      ),
    ).toThrow(/an unknown student/);
  });

  it('keeps teachers to the marks of their own classes', async () => {
    const s = await school();
    const own = addUser(s.backend, s.schoolId, 'teacher', 'Tomas Teacher');
    const other = addUser(s.backend, s.schoolId, 'teacher', 'Olga Other');
    ok(await s.api.editClass({ classId: s.classId, teacherId: own.id }));
    const entries = [{ studentId: s.students[0], score: 10 }];
    ok(await own.api.saveMarks({ assessmentId: s.test1.id, entries }));
    ok(await own.api.openMarksGrid({ classId: s.classId }));
    expect(await other.api.saveMarks({ assessmentId: s.test1.id, entries })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(await other.api.openMarksGrid({ classId: s.classId })).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(
      await other.api.createAssessment({
        classId: s.classId,
        subject: 'Art',
        name: 'Drawing',
        maxScore: 10,
      }),
    ).toMatchObject({ code: 'FORBIDDEN' });
  });
});
