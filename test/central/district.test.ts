import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { DataEntity } from '../../contract';
import { newId } from '../../db/ids';
import { parseCentralUrl } from '../../main/backend/central/central-url';
import { districtReport } from '../../main/backend/central/report';
import { labelAt, type StatusEvent } from '../../main/backend/training/labels';
import { addClass, addStudents, ok } from '../support/school';
import { runCli } from '../support/run-cli';
import { useAfterTest, useTempDir } from '../support/temp-dir';
import { centralWithSchool, connectedLaptop, type Laptop } from './central-world';
import { asAdmin, usePgDatabase } from './pg-test-db';

const newDatabase = usePgDatabase();
const tempDir = useTempDir();
const after = useAfterTest();

const asOf = '2025-10-15';
/** Ten school days (6 October is the calendar's holiday). */
const days = [
  '2025-09-29',
  '2025-09-30',
  '2025-10-01',
  '2025-10-02',
  '2025-10-03',
  '2025-10-07',
  '2025-10-08',
  '2025-10-09',
  '2025-10-10',
  '2025-10-13',
];
type Mark = 'present' | 'absent' | 'late' | 'excused';

async function school(url: string, code: string, name: string): Promise<Laptop> {
  const file = await centralWithSchool(url, tempDir(), code);
  const laptop = await connectedLaptop(tempDir(), file);
  after(() => laptop.backend.close());
  ok(await laptop.api.saveSchoolProfile({ name }));
  return laptop;
}

/** Scores as the scorer leaves them (the model row stands in for a trained one). */
function score(laptop: Laptop, tiers: Record<string, 'high' | 'medium' | 'low'>) {
  const model = newId();
  laptop.db
    .prepare(
      `INSERT INTO model_versions (id, school_id, kind, status, trigger, feature_schema_hash, metrics, artifact_sha256)
       VALUES (?, ?, 'logistic', 'retired', 'manual', 'h', '{}', ?)`,
    )
    .run(model, laptop.schoolId, 'a'.repeat(64));
  const insert = laptop.db.prepare(
    `INSERT INTO risk_scores (school_id, student_id, model_version_id, score, tier, factors, scored_at)
     VALUES (?, ?, ?, ?, ?, '[]', '2025-10-14T00:00:00Z')`,
  );
  for (const [student, tier] of Object.entries(tiers)) {
    insert.run(laptop.schoolId, student, model, tier === 'high' ? 0.8 : 0.1, tier);
  }
}

async function register(laptop: Laptop, classId: string, marks: Record<string, Mark[]>) {
  for (const [i, date] of days.entries()) {
    ok(
      await laptop.api.saveRegister({
        classId,
        date,
        entries: Object.entries(marks).map(([studentId, m]) => ({
          studentId,
          status: m[i] ?? 'present',
        })),
      }),
    );
  }
}

/** Attended over attended + absent, per month, from the marks the test wrote. */
function expectedMonths(marks: Mark[][]) {
  const out = new Map<string, { attended: number; absent: number }>();
  for (const student of marks) {
    for (const [i, date] of days.entries()) {
      const m = out.get(date.slice(0, 7)) ?? { attended: 0, absent: 0 };
      const s = student[i] ?? 'present';
      if (s === 'present' || s === 'late') m.attended += 1;
      if (s === 'absent') m.absent += 1;
      out.set(date.slice(0, 7), m);
    }
  }
  return [...out].map(([month, m]) => ({ month, rate: m.attended / (m.attended + m.absent) }));
}

describe('the district view', () => {
  it("shows each school's tiers, chronic absence, interventions and months side by side, as CSV and PDF", async () => {
    const url = await newDatabase();
    const a = await school(url, 'VALE', 'Escola do Vale');
    // A name a spreadsheet would run as a formula: the CSV must keep it text.
    const b = await school(url, 'NORTE', '=HYPERLINK("x"), Norte');

    const [ana, bruno, carla] = await addStudents(a.api, [
      'Ana Silva',
      'Bruno Costa',
      'Carla Dias',
    ]);
    const classA = await addClass(a.api, '7A', [ana!, bruno!, carla!]);
    const anaMarks: Mark[] = ['absent', 'present', 'absent'];
    const carlaMarks: Mark[] = ['excused', 'late'];
    await register(a, classA, { [ana!]: anaMarks, [bruno!]: [], [carla!]: carlaMarks });
    score(a, { [ana!]: 'high', [bruno!]: 'low' });
    ok(
      await a.api.createIntervention({
        studentId: ana!,
        type: 'Mentoring',
        startDate: '2025-09-15',
        reviewDate: '2025-10-01',
        status: 'active',
      }),
    );
    ok(
      await a.api.createIntervention({
        studentId: ana!,
        type: 'Family meeting',
        startDate: '2025-10-01',
        reviewDate: '2025-11-01',
      }),
    );
    ok(
      await a.api.createIntervention({
        studentId: bruno!,
        type: 'Tutoring',
        startDate: '2025-09-01',
        reviewDate: '2025-09-20',
        status: 'completed',
      }),
    );
    const [dora] = await addStudents(b.api, ['Dora Reis'], 'N');
    const classB = await addClass(b.api, '8B', [dora!]);
    await register(b, classB, { [dora!]: ['absent', 'absent'] });
    score(b, { [dora!]: 'medium' });
    await a.sync();
    await b.sync();

    const target = parseCentralUrl(url);
    const report = await districtReport(target, { asOf });
    // Each school's sync brought its own summaries up to date: nothing was left to the report.
    expect(report.refreshedSchools).toBe(0);
    expect(report.months).toEqual(['2025-09', '2025-10']);
    const vale = report.schools.find((s) => s.code === 'VALE');
    const norte = report.schools.find((s) => s.code === 'NORTE');
    expect(vale).toMatchObject({
      name: 'Escola do Vale',
      students: 3,
      tiers: { high: 1, medium: 0, low: 1, unscored: 1 },
      // Ana attended 8 of 10 days (under 90%); Bruno 10 of 10; Carla 9 of 9 (one excused).
      chronic: { students: 1, measured: 3 },
      interventions: { open: 2, overdue: 1, done: 1 },
      probableTransfersOut: 0,
    });
    expect(vale?.chronic.rate).toBeCloseTo(1 / 3);
    const expected = expectedMonths([anaMarks, [], carlaMarks]);
    expect(vale?.months.map((m) => m.month)).toEqual(expected.map((m) => m.month));
    for (const [i, m] of expected.entries()) {
      expect(vale?.months[i]?.attendanceRate).toBeCloseTo(m.rate);
    }
    // September alone: Ana 1 of 2 days (chronic that month); October: Ana 7 of 8.
    expect(vale?.months.map((m) => m.chronic)).toEqual([1, 1]);
    expect(vale?.attendanceTrend).toMatchObject({ month: '2025-10', previousMonth: '2025-09' });
    expect(vale?.attendanceTrend?.change).toBeCloseTo(expected[1]!.rate - expected[0]!.rate);
    expect(norte).toMatchObject({
      students: 1,
      tiers: { high: 0, medium: 1, low: 0, unscored: 0 },
      chronic: { students: 1, measured: 1, rate: 1 },
      interventions: { open: 0, overdue: 0, done: 0 },
    });

    // A mark corrected on the laptop reaches the report through the summary's refresh alone.
    ok(
      await a.api.saveRegister({
        classId: classA,
        date: days[2]!,
        entries: [{ studentId: ana!, status: 'present' }],
      }),
    );
    await a.sync();
    const again = await districtReport(target, { asOf });
    expect(again.refreshedSchools).toBe(0);
    const valeAgain = again.schools.find((s) => s.code === 'VALE');
    expect(valeAgain?.chronic.students).toBe(0);
    expect(valeAgain?.months[1]?.attendanceRate).toBeCloseTo(
      expectedMonths([['absent'], [], carlaMarks])[1]!.rate,
    );
    // A change merged without the school's refresh (a laptop on an older Beacon) is folded in by
    // the report itself, for that school only.
    await asAdmin(url, (c) =>
      c.query(
        `UPDATE attendance SET status = 'absent', server_seq = nextval('server_seq') WHERE id = $1`,
        [`${ana!}/${days[2]!}`],
      ),
    );
    const third = await districtReport(target, { asOf });
    expect(third.refreshedSchools).toBe(1);
    expect(third.schools.find((s) => s.code === 'VALE')?.chronic.students).toBe(1);
    expect((await districtReport(target, { asOf })).refreshedSchools).toBe(0);
    // So is an intervention merged without it: the open one reviewed late is now done.
    await asAdmin(url, (c) =>
      c.query(
        `UPDATE interventions SET status = 'completed', server_seq = nextval('server_seq')
          WHERE type = 'Mentoring'`,
      ),
    );
    const fourth = await districtReport(target, { asOf });
    expect(fourth.refreshedSchools).toBe(1);
    expect(fourth.schools.find((s) => s.code === 'VALE')?.interventions).toEqual({
      open: 1,
      overdue: 0,
      done: 2,
    });

    // The command line writes the same figures as CSV and PDF.
    const dir = tempDir();
    const csvFile = join(dir, 'district.csv');
    const pdfFile = join(dir, 'district.pdf');
    const cli = runCli([
      'central',
      'report',
      '--url',
      url,
      '--csv',
      csvFile,
      '--pdf',
      pdfFile,
      '--as-of',
      asOf,
    ]);
    expect(cli.stderr).toBe('');
    expect(cli.stdout).toContain('District report as of 2025-10-15: 2 schools.');
    const rows = parse(readFileSync(csvFile, 'utf8'), { columns: true }) as Record<
      string,
      string
    >[];
    expect(rows).toHaveLength(2);
    const norteRow = rows.find((r) => r.school_code === 'NORTE');
    expect(norteRow?.school_name).toBe(`'=HYPERLINK("x"), Norte`);
    const valeRow = rows.find((r) => r.school_code === 'VALE');
    expect(valeRow).toMatchObject({
      students: '3',
      tier_high: '1',
      tier_low: '1',
      chronic_absent_students: '1',
      interventions_open: '1',
      interventions_overdue: '0',
      interventions_done: '2',
      'attendance_pct_2025-09': (valeAgain!.months[0]!.attendanceRate! * 100).toFixed(1),
    });

    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pdf = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(pdfFile)) }).promise;
    const pages: string[] = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      const content = await (await pdf.getPage(p)).getTextContent();
      pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
    }
    expect(pages[0]).toContain('District report');
    expect(pages[0]).toContain('Escola do Vale');
    expect(pages[0]).toContain('=HYPERLINK("x"), Norte');
    expect(pages[0]).toContain('100.0%');
    expect(pages.join(' ')).toContain('Attendance by month');
    expect(pages.join(' ')).toContain('2025-09');
  }, 180_000);

  it('refuses an account that is not a district admin, reading nothing', async () => {
    const url = await newDatabase();
    await centralWithSchool(url, tempDir(), 'VALE');
    await asAdmin(url, (c) => c.query(`CREATE ROLE beacon_t_outsider LOGIN`));
    after(() => asAdmin(url, (c) => c.query('DROP ROLE IF EXISTS beacon_t_outsider')));
    const u = new URL(url);
    u.username = 'beacon_t_outsider';
    await expect(districtReport(parseCentralUrl(u.toString()), { asOf })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('is not a district admin'),
    });
    await expect(
      districtReport(parseCentralUrl(url), { asOf: '2025-13-01' }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  }, 60_000);

  it('shows a dropout enrolled at another school to both as a probable transfer, which the first records in one step', async () => {
    const url = await newDatabase();
    const a = await school(url, 'VALE', 'Escola do Vale');
    const b = await school(url, 'NORTE', 'Escola do Norte');
    const ana = ok(
      await a.api.createStudent({
        studentNumber: 'V1',
        firstName: 'Ana',
        lastName: 'Silva',
        nationalNumber: 'NAT-1',
      }),
    ).id;
    // A dropout with no national number, and one whose number no other school has.
    const [bruno, carla] = await addStudents(a.api, ['Bruno Costa', 'Carla Dias']);
    ok(await a.api.editStudent({ studentId: carla!, nationalNumber: 'NAT-9' }));
    for (const id of [ana, bruno!, carla!]) {
      ok(
        await a.api.changeStudentStatus({
          studentId: id,
          status: 'dropped_out',
          effectiveDate: '2025-10-10',
        }),
      );
    }
    const anaAtB = ok(
      await b.api.createStudent({
        studentNumber: 'N7',
        firstName: 'Ana',
        lastName: 'Silva',
        nationalNumber: 'NAT-1',
        entryDate: '2025-10-13',
      }),
    ).id;
    await addStudents(b.api, ['Eva Lima'], 'N');
    await a.sync();
    await b.sync();
    await a.sync();

    const atA = ok(await a.api.listProbableTransfers({}));
    expect(atA).toEqual([
      expect.objectContaining({
        studentId: ana,
        studentNumber: 'V1',
        direction: 'out',
        otherSchoolCode: 'NORTE',
        otherSchoolName: 'Escola do Norte',
        leftOn: '2025-10-10',
        enrolledOn: '2025-10-13',
      }),
    ]);
    const atB = ok(await b.api.listProbableTransfers({}));
    expect(atB).toEqual([
      expect.objectContaining({
        studentId: anaAtB,
        direction: 'in',
        otherSchoolCode: 'VALE',
        leftOn: '2025-10-10',
      }),
    ]);
    const report = await districtReport(parseCentralUrl(url), { asOf });
    expect(report.transfers).toEqual([
      {
        fromCode: 'VALE',
        fromName: 'Escola do Vale',
        toCode: 'NORTE',
        toName: 'Escola do Norte',
        leftOn: '2025-10-10',
        enrolledOn: '2025-10-13',
      },
    ]);
    expect(report.schools.find((s) => s.code === 'VALE')?.probableTransfersOut).toBe(1);

    // Only a reported dropout can be recorded as a transfer; the refusal changes nothing.
    const refused = await a.api.recordTransfer({ studentId: bruno! });
    expect(refused).toMatchObject({ ok: false, code: 'CONFLICT' });

    const events = (): StatusEvent[] =>
      a.db
        .prepare(
          `SELECT status, effective_date AS date FROM student_status_changes
            WHERE student_id = ? AND deleted_at IS NULL`,
        )
        .all(ana) as StatusEvent[];
    // A snapshot before the dropout, with a horizon that has passed: a dropout is a positive label.
    expect(labelAt(events(), '2025-09-01', 3, '2026-01-01')).toBe(1);
    const changed: DataEntity[][] = [];
    a.api.on('dataChanged', (e) => changed.push(e.entities));
    ok(await a.api.recordTransfer({ studentId: ana }));
    // One event, named from the change log's journal, not by the handler.
    expect(changed).toHaveLength(1);
    expect(changed[0]).toEqual(
      expect.arrayContaining(['student_status_changes', 'student_features']),
    );
    expect(events()).toEqual([{ status: 'transferred_out', date: '2025-10-10' }]);
    // A recorded transfer is censored: its outcome is unknown, never a dropout.
    expect(labelAt(events(), '2025-09-01', 3, '2026-01-01')).toBeNull();
    const student = ok(await a.api.getStudent({ studentId: ana }));
    expect(student.status).toBe('transferred_out');
    expect(student.statusHistory[0]?.reason).toContain('Escola do Norte (NORTE)');
    expect(ok(await a.api.listProbableTransfers({}))).toEqual([]);

    await a.sync();
    await b.sync();
    expect(ok(await b.api.listProbableTransfers({}))).toEqual([]);
    const central = await asAdmin(url, (c) =>
      c.query<{ status: string }>(
        `SELECT status FROM students WHERE national_number = 'NAT-1' ORDER BY status`,
      ),
    );
    expect(central.rows.map((r) => r.status)).toEqual(['active', 'transferred_out']);
    expect((await districtReport(parseCentralUrl(url), { asOf })).transfers).toEqual([]);
  }, 180_000);
});
