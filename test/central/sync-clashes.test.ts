import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../db';
import { adoptions } from '../../main/backend/sync/adopt';
import { openCentralSession } from '../../main/backend/sync/central-session';
import { IdentityClashError } from '../../main/backend/sync/identity';
import { readOutboxBatch } from '../../main/backend/sync/outbox-reader';
import { pushBatch } from '../../main/backend/sync/push';
import { syncCredentials } from '../../main/backend/sync/run-sync';
import { addClass, addStudents, ok } from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';
import {
  centralSnapshot,
  centralWithSchool,
  connectedLaptop,
  joiningLaptop,
  snapshot,
  type Laptop,
} from './central-world';
import { asAdmin, usePgDatabase } from './pg-test-db';

/*
 * Two laptops of one school that make the same natural key offline: a calendar date (a row
 * nothing points at), and a pupil's student number (a parent with children on both laptops).
 * Both laptops and the server end with one record, the same everywhere, with every child of
 * both, and the other version is a conflict a head teacher sees.
 */

const newDatabase = usePgDatabase();
const tempDir = useTempDir();
const after = useAfterTest();

async function world() {
  const url = await newDatabase();
  const file = await centralWithSchool(url, tempDir());
  const a = await connectedLaptop(tempDir(), file);
  after(() => a.backend.close());
  const students = await addStudents(a.api, ['Ana Silva', 'Bruno Costa']);
  const classId = await addClass(a.api, '7A', students);
  const assessmentId = ok(
    await a.api.createAssessment({ classId, subject: 'Maths', name: 'Test 1', maxScore: 20 }),
  ).id;
  await a.sync();
  const b = await joiningLaptop(tempDir(), file);
  after(() => b.backend.close());
  await b.sync();
  return { url, a, b, students, classId, assessmentId };
}

/** A pupil from the paper form, typed in on one laptop, with days, a mark and an incident. */
async function enrolPupil(
  l: Laptop,
  world: { classId: string; assessmentId: string },
  pupil: { studentNumber: string; firstName: string },
  days: { date: string; status: 'present' | 'absent' | 'late' }[],
  score: number,
) {
  const { firstName } = pupil;
  const nia = ok(await l.api.createStudent({ ...pupil, lastName: 'Santos' })).id;
  ok(await l.api.enrolStudent({ studentId: nia, classId: world.classId, startDate: '2025-09-01' }));
  for (const d of days)
    ok(
      await l.api.saveRegister({
        classId: world.classId,
        date: d.date,
        entries: [{ studentId: nia, status: d.status }],
      }),
    );
  ok(
    await l.api.saveMarks({
      assessmentId: world.assessmentId,
      entries: [{ studentId: nia, score }],
    }),
  );
  ok(
    await l.api.createIncident({
      studentId: nia,
      date: '2025-10-13',
      category: `Noted on ${firstName}'s laptop`,
      severity: 1,
    }),
  );
  return nia;
}

/** A further round of syncs sends and brings nothing, and the server takes no new sequence. */
async function expectNothingMore(url: string, laptops: Laptop[]) {
  const seq = await asAdmin(url, (c) => c.query('SELECT last_value FROM server_seq'));
  for (const l of laptops) expect(await l.sync()).toMatchObject({ pushed: 0, pulled: 0 });
  expect(await asAdmin(url, (c) => c.query('SELECT last_value FROM server_seq'))).toEqual(seq);
}

/** One push of the laptop's waiting outbox, without sync's check first: what it throws. */
async function pushAsItStands(l: Laptop): Promise<unknown> {
  const { school, state, connection, password } = await syncCredentials(l.db, l.secrets);
  const session = await openCentralSession(connection, password, school.id);
  try {
    const columnsOf = (t: Parameters<typeof session.columns.get>[0]) =>
      (session.columns.get(t) ?? []).map((c) => c.name);
    const batch = readOutboxBatch(l.db, school.id, state.pushedThrough, 5_000, columnsOf);
    await pushBatch(session, batch!, state.laptop, state.pulledThrough);
    return null;
  } catch (err) {
    return err;
  } finally {
    await session.close();
  }
}

/** Both laptops and the server hold the same rows in every synced table. */
async function expectConverged(url: string, a: Laptop, b: Laptop) {
  const onA = await snapshot(url, a);
  expect(await snapshot(url, b)).toEqual(onA);
  expect(await centralSnapshot(url, a)).toEqual(onA);
  return onA;
}

describe('two laptops making the same natural key offline', () => {
  it('moves every row that points at an adopted parent (each foreign key is listed)', async () => {
    const { db } = await openDatabase(join(tempDir(), 'schema.sqlite'));
    after(() => db.close());
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .pluck()
      .all() as string[];
    for (const [parent, rule] of Object.entries(adoptions)) {
      const listed = new Set([
        ...rule.children.map((c) => `${c.table}.${c.column}`),
        // Local-only rows name their pupil by student_id.
        ...[...(rule.dropLocal ?? []), ...(rule.moveLocal ?? [])].map((t) => `${t}.student_id`),
      ]);
      const pointing = tables.flatMap((t) =>
        (db.pragma(`foreign_key_list(${t})`) as { table: string; from: string }[])
          .filter((fk) => fk.table === parent && fk.from !== 'school_id')
          .map((fk) => `${t}.${fk.from}`),
      );
      // Every foreign key is listed (users are also named by columns without one: recorded_by).
      expect([...listed], parent).toEqual(expect.arrayContaining(pointing));
    }
  });

  it('a calendar date, a term, a class and a user name made on both converge, each lost one a conflict', async () => {
    const { url, a, b, students } = await world();
    const [ana, bruno] = students as [string, string];
    const maria = {
      username: 'maria',
      role: 'teacher' as const,
      password: 'maria password 1',
    };
    // A first: its records are on the server when B pushes, so B adopts each of them.
    ok(await a.api.setCalendarDays({ from: '2025-12-22', to: '2025-12-22', kind: 'holiday' }));
    const term = {
      schoolYear: '2025-2026',
      name: 'Term 2',
      startDate: '2026-01-05',
      endDate: '2026-03-27',
    };
    const termA = ok(await a.api.createTerm(term)).id;
    const classA = await addClass(a.api, '8B', [ana]);
    const mariaA = ok(await a.api.createUser({ ...maria, displayName: 'Maria Silva' })).id;
    await a.sync();

    // B, the newer of every version (it writes after A), pushed second: the calendar's newer
    // row is B's, and the server removes A's (the school's role may delete calendar rows for
    // this, migration 0050); the parents are A's, with B's rows moved to them.
    ok(
      await b.api.setCalendarDays({
        from: '2025-12-22',
        to: '2025-12-22',
        kind: 'closure',
        note: 'Flooded road',
      }),
    );
    const termB = ok(await b.api.createTerm({ ...term, endDate: '2026-03-20' })).id;
    const classB = await addClass(b.api, '8B', [ana, bruno]);
    const mariaB = ok(await b.api.createUser({ ...maria, displayName: 'Maria S.' })).id;
    const hashOnB = b.db
      .prepare('SELECT password_hash FROM users WHERE id = ?')
      .pluck()
      .get(mariaB);
    const classC = ok(
      await b.api.createClass({ schoolYear: '2025-2026', name: '8C', teacherId: mariaB }),
    ).id;
    const test = ok(
      await b.api.createAssessment({
        classId: classB,
        termId: termB,
        subject: 'Maths',
        name: 'Test 2',
        maxScore: 20,
      }),
    ).id;
    ok(
      await b.api.saveRegister({
        classId: classB,
        date: '2025-10-16',
        entries: [{ studentId: bruno, status: 'present' }],
      }),
    );
    await b.sync();
    await a.sync();
    const rows = await expectConverged(url, a, b);

    expect(
      (rows.school_calendar as { date: string }[]).filter((r) => r.date === '2025-12-22'),
    ).toEqual([expect.objectContaining({ kind: 'closure', note: 'Flooded road' })]);
    const named = (table: string, column: string, value: string) =>
      (rows[table] as Record<string, string>[]).filter((r) => r[column] === value).map((r) => r.id);
    expect(named('terms', 'name', 'Term 2')).toEqual([termA]);
    expect(named('classes', 'name', '8B')).toEqual([classA]);
    expect(named('users', 'username', 'maria')).toEqual([mariaA]);
    expect(rows.assessments).toContainEqual(
      expect.objectContaining({ id: test, class_id: classA, term_id: termA }),
    );
    expect(rows.classes).toContainEqual(
      expect.objectContaining({ id: classC, teacher_id: mariaA }),
    );
    expect(rows.attendance).toContainEqual(
      expect.objectContaining({ student_id: bruno, date: '2025-10-16', class_id: classA }),
    );
    // Ana was put in 8B on both laptops: she is in it once; Bruno, from B, is in it too.
    const in8B = (rows.enrolments as Record<string, string | null>[]).filter(
      (e) => e.class_id === classA && e.deleted_at === null,
    );
    expect(in8B.map((e) => e.student_id).sort()).toEqual([ana, bruno].sort());
    // The lost ids are named only in the conflicts that keep their rows.
    const { sync_conflicts: _kept, ...records } = rows;
    for (const [table, list] of Object.entries(records))
      for (const lost of [termB, classB, mariaB])
        expect(JSON.stringify(list), table).not.toContain(lost);
    // Maria's account on B keeps the password she chose there.
    expect(b.db.prepare('SELECT password_hash FROM users WHERE id = ?').pluck().get(mariaA)).toBe(
      hashOnB,
    );
    // And the hash is nowhere in B's audit log, not even in the removed account's entry.
    expect(JSON.stringify(b.db.prepare('SELECT * FROM audit_log').all())).not.toContain(
      String(hashOnB).slice(-20),
    );

    for (const l of [a, b]) {
      const conflicts = ok(await l.api.listConflicts({}));
      // Both laptops also ended Ana's 7A enrolment when they put her in 8B: one row changed on
      // two laptops, the existing same-row conflict.
      expect(conflicts.map((c) => c.table).sort()).toEqual([
        'classes',
        'enrolments',
        'school_calendar',
        'terms',
        'users',
      ]);
      expect(conflicts.find((c) => c.table === 'school_calendar')).toMatchObject({
        lostRow: { date: '2025-12-22', kind: 'holiday' },
        currentRow: { kind: 'closure' },
      });
      expect(conflicts.find((c) => c.table === 'terms')).toMatchObject({
        rowId: termA,
        lostRow: { id: termB, end_date: '2026-03-20' },
      });
      expect(conflicts.find((c) => c.table === 'users')?.lostRow).not.toHaveProperty(
        'password_hash',
      );
    }
    await expectNothingMore(url, [b, a]);
  }, 60_000);

  it('a pupil enrolled on both converges with every record of both, whichever pushed first', async () => {
    const w = await world();
    const { url, a, b } = w;
    const oneDay = [{ date: '2025-10-14', status: 'present' as const }];
    // B (the head teacher, later than A for every write) makes a typo in the name, takes the
    // register on a day A did too and on one A did not, and gives another mark.
    const twoDays = [
      { date: '2025-10-13', status: 'late' as const },
      { date: '2025-10-14', status: 'absent' as const },
    ];
    // Nia: A pushes first, and B adopts A's record (B's moved rows are the newer).
    const niaA = await enrolPupil(a, w, { studentNumber: '1234', firstName: 'Nia' }, oneDay, 15);
    await a.sync();
    // Rui: typed on A offline after its sync; B pushes first, and A adopts B's record (A's moved
    // rows are the older).
    const ruiA = await enrolPupil(a, w, { studentNumber: '5678', firstName: 'Rui' }, oneDay, 15);
    const niaB = await enrolPupil(b, w, { studentNumber: '1234', firstName: 'Nya' }, twoDays, 12);
    const ruiB = await enrolPupil(b, w, { studentNumber: '5678', firstName: 'Ruy' }, twoDays, 12);
    // Pushed as it stands (what a sync meets when another laptop pushed the pupil after its
    // check), B's batch is refused whole, naming the pupil, and the server keeps A's alone.
    const refused = await pushAsItStands(b);
    expect(refused).toBeInstanceOf(IdentityClashError);
    expect((refused as IdentityClashError).message).toMatch(
      /^Student number 1234 was also enrolled on another laptop of this school, as a different pupil \(Nia Santos there\)\. This laptop's changes were not sent\./,
    );
    expect(
      (await asAdmin(url, (c) => c.query(`SELECT id FROM students WHERE student_number = '1234'`)))
        .rows,
    ).toEqual([{ id: niaA }]);
    await b.sync();
    await a.sync();
    await b.sync();
    const rows = await expectConverged(url, a, b);

    const pupils = [
      { kept: niaA, lost: niaB, number: '1234', keptName: 'Nia', lostName: 'Nya' },
      { kept: ruiB, lost: ruiA, number: '5678', keptName: 'Ruy', lostName: 'Rui' },
    ];
    const conflicts = {
      a: ok(await a.api.listConflicts({})),
      b: ok(await b.api.listConflicts({})),
    };
    for (const { kept, lost, number, keptName, lostName } of pupils) {
      expect(
        (rows.students as { id: string; student_number: string }[]).filter(
          (s) => s.student_number === number,
        ),
      ).toEqual([expect.objectContaining({ id: kept, first_name: keptName })]);
      const hers = (table: string) =>
        (rows[table] as Record<string, string | null>[]).filter(
          (r) => r.student_id === kept && r.deleted_at === null,
        );
      // Both laptops' days: the 13th from B alone, the 14th once (B's, written last).
      expect(
        hers('attendance')
          .map((r) => [r.date, r.status])
          .sort(),
      ).toEqual([
        ['2025-10-13', 'late'],
        ['2025-10-14', 'absent'],
      ]);
      expect(hers('marks').map((r) => r.score)).toEqual(['12']);
      expect(hers('behaviour_incidents')).toHaveLength(2);
      expect(hers('enrolments')).toHaveLength(1);
      // Nothing anywhere points at the retired id.
      for (const table of ['attendance', 'marks', 'behaviour_incidents', 'enrolments', 'students'])
        expect(JSON.stringify(rows[table]), table).not.toContain(lost);
      for (const listed of [conflicts.a, conflicts.b]) {
        expect(listed.find((c) => c.table === 'students' && c.rowId === kept)).toMatchObject({
          lostRow: { id: lost, student_number: number, first_name: lostName },
          currentRow: { id: kept, first_name: keptName },
        });
      }
      for (const l of [a, b])
        expect(
          l.db
            .prepare('SELECT count(*) FROM student_features WHERE student_id = ?')
            .pluck()
            .get(kept),
        ).toBe(1);
    }
    // Per pupil: its record, the day both took and the mark both gave.
    for (const listed of [conflicts.a, conflicts.b])
      expect(listed.map((c) => c.table).sort()).toEqual([
        'attendance',
        'attendance',
        'marks',
        'marks',
        'students',
        'students',
      ]);
    await expectNothingMore(url, [a, b]);
  }, 60_000);
});
