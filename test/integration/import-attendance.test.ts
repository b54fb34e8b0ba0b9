import { decodeChanges } from '../../main/backend/services/audit-changes';
import { lastSeq, pendingCount, readOutboxBatch } from '../../main/backend/sync/outbox-reader';
import writeXlsxFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import {
  addCalendar,
  addStudent,
  csvFile,
  importSchool,
  ok,
  reasons,
  tableCounts,
} from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';
import { pendingRows } from '../support/pending-rows';

const tempDir = useTempDir();
const afterTest = useAfterTest();

async function school() {
  const s = await importSchool(tempDir());
  afterTest(() => s.backend.close());
  const ana = addStudent(s.db, s.schoolId, 'S1', 'Ana', 'Silva');
  const rui = addStudent(s.db, s.schoolId, 'S2', 'Rui', 'Costa');
  return { ...s, ana, rui };
}

const register = [
  'student_number,date,status,minutes_late,note',
  'S1,2025-09-15,present,,',
  'S1,2025-09-16,late,10,bus',
  'S2,2025-09-15,absent,,"ill; called ""mum"""',
  'S2,2025-09-16,excused,,',
].join('\n');

describe('importing attendance', () => {
  it('writes every mark with its bookkeeping: version, outbox, one audit entry, features', async () => {
    const s = await school();
    const events: string[][] = [];
    s.api.on('dataChanged', (e) => events.push(e.entities));
    const outboxBefore = lastSeq(s.db, s.schoolId);
    const report = ok(await s.api.runImport({ kind: 'attendance', file: csvFile(register) }));
    expect(report).toMatchObject({
      outcome: 'imported',
      separator: ',',
      dataRows: 4,
      totals: { created: 4, changed: 0, unchanged: 0 },
      studentsRefreshed: 2,
    });
    const rows = s.db.prepare('SELECT * FROM attendance ORDER BY student_id, date').all() as Record<
      string,
      unknown
    >[];
    expect(rows.map((r) => [r.date, r.status, r.minutes_late, r.note])).toEqual([
      ['2025-09-15', 'present', null, null],
      ['2025-09-16', 'late', 10, 'bus'],
      ['2025-09-15', 'absent', null, 'ill; called "mum"'],
      ['2025-09-16', 'excused', null, null],
    ]);
    expect(rows.every((r) => (r.version as number) > 0)).toBe(true);
    // Bulk mode: one outbox entry per student standing for the student's days in the file
    // (row key student * 65536 + 65535, the days in its payload), not one per mark.
    const outbox = s.db
      .prepare("SELECT row_id, op, payload FROM sync_outbox WHERE table_name = 'attendance'")
      .all() as { row_id: string; op: string; payload: string | null }[];
    expect(outbox).toHaveLength(2);
    expect(outbox.every((o) => o.op === 'upsert')).toBe(true);
    const days = [...new Set(rows.map((r) => r.day as number))].sort();
    expect(new Set(outbox.map((o) => o.row_id))).toEqual(
      new Set(rows.map((r) => `${String(r.student_key)}:65535`)),
    );
    expect(outbox.map((o) => JSON.parse(o.payload ?? 'null') as unknown)).toEqual([
      { from: days[0], to: days[1] },
      { from: days[0], to: days[1] },
    ]);
    // What sync reads from it: every imported row, by its natural key.
    expect(pendingRows(s.db).filter((c) => c.startsWith('attendance '))).toEqual(
      rows.map((r) => `attendance ${String(r.student_id)}/${String(r.date)} upsert`).sort(),
    );
    // The Sync screen's count is of rows: the two run entries stand for four.
    expect(pendingCount(s.db, s.schoolId, outboxBefore)).toBe(4);
    const batch = readOutboxBatch(s.db, s.schoolId, outboxBefore, 500, () => ['id', 'status']);
    expect(batch?.rows.get('attendance')?.map((r) => r.id)).toEqual(
      rows.map((r) => `${String(r.student_id)}/${String(r.date)}`),
    );
    const audit = s.db.prepare("SELECT * FROM audit_log WHERE action = 'import'").all() as {
      entity: string;
      entity_id: string | null;
      after: string;
    }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]?.entity).toBe('attendance');
    expect(JSON.parse(audit[0]?.after ?? '{}')).toMatchObject({
      file: 'file.csv',
      kind: 'attendance',
      tables: { attendance: { created: 4 } },
      mapping: { fields: { student_number: 'student_number', status: 'status' } },
    });
    const features = s.db
      .prepare(
        'SELECT student_id, school_days, late_count FROM student_features ORDER BY student_id',
      )
      .all();
    expect(features).toEqual([
      { student_id: s.ana, school_days: 2, late_count: 1 },
      { student_id: s.rui, school_days: 2, late_count: 0 },
    ]);
    expect(events).toContainEqual(expect.arrayContaining(['attendance', 'student_features']));
  });

  it('changes nothing when the same file is imported again', async () => {
    const s = await school();
    ok(await s.api.runImport({ kind: 'attendance', file: csvFile(register) }));
    const before = tableCounts(s.db);
    const again = ok(await s.api.runImport({ kind: 'attendance', file: csvFile(register) }));
    expect(again.totals).toEqual({ created: 0, changed: 0, unchanged: 4 });
    expect(again.studentsRefreshed).toBe(0);
    expect(tableCounts(s.db)).toEqual(before);
  });

  it('changes only the rows that differ, auditing each with before and after', async () => {
    const s = await school();
    ok(await s.api.runImport({ kind: 'attendance', file: csvFile(register) }));
    const edited = register.replace('S2,2025-09-16,excused', 'S2,2025-09-16,absent');
    const report = ok(await s.api.runImport({ kind: 'attendance', file: csvFile(edited) }));
    expect(report.totals).toEqual({ created: 0, changed: 1, unchanged: 3 });
    expect(report.studentsRefreshed).toBe(1);
    // The file's one entry lists the changed row with only what changed.
    const entries = s.db
      .prepare("SELECT changes FROM audit_log WHERE action = 'import' AND entity = 'attendance'")
      .pluck()
      .all() as (string | null)[];
    expect(entries).toHaveLength(2);
    expect(decodeChanges(s.db, entries[1] ?? null)).toEqual([
      {
        entityId: expect.stringMatching(/\/2025-09-16$/),
        before: { status: 'excused' },
        after: { status: 'absent' },
      },
    ]);
  });

  it('never clears a column the file does not have', async () => {
    const s = await school();
    ok(await s.api.runImport({ kind: 'attendance', file: csvFile(register) }));
    const noNotes = 'student_number,date,status\nS1,2025-09-16,late\nS2,2025-09-15,absent\n';
    const report = ok(await s.api.runImport({ kind: 'attendance', file: csvFile(noNotes) }));
    expect(report.totals).toEqual({ created: 0, changed: 0, unchanged: 2 });
    expect(s.db.prepare("SELECT note FROM attendance WHERE note = 'bus'").pluck().get()).toBe(
      'bus',
    );
  });

  it('reads ; separators, a BOM, Windows line ends, Portuguese headers and day/month/year', async () => {
    const s = await school();
    const text =
      '\uFEFFNº Aluno;Data;Presença;Observações\r\n' +
      'S1;15/09/2025;P;"chegou; cedo"\r\n' +
      'S2;15/09/2025;Falta;"duas\r\nlinhas"\r\n';
    const report = ok(
      await s.api.runImport({
        kind: 'attendance',
        file: csvFile(text),
        options: { dateOrder: 'dmy' },
      }),
    );
    expect(report).toMatchObject({ outcome: 'imported', separator: ';', totals: { created: 2 } });
    expect(s.db.prepare('SELECT date, status, note FROM attendance ORDER BY status').all()).toEqual(
      [
        { date: '2025-09-15', status: 'absent', note: 'duas\r\nlinhas' },
        { date: '2025-09-15', status: 'present', note: 'chegou; cedo' },
      ],
    );
  });

  it('imports the wide register: one row per student, one column per date', async () => {
    const s = await school();
    addCalendar(s.db, s.schoolId, ['2025-09-15', '2025-09-16', '2025-09-17']);
    const text = 'Nº;Nome;15/09/2025;16/09/2025;17/09/2025\nS1;Ana;P;F;\nS2;Rui;A;J;L\n';
    const preview = ok(
      await s.api.previewImport({
        kind: 'attendance',
        file: csvFile(text),
        options: { dateOrder: 'dmy' },
      }),
    );
    expect(preview).toMatchObject({
      layout: 'wide',
      dateColumns: ['15/09/2025', '16/09/2025', '17/09/2025'],
      unmappedColumns: ['Nome'],
      problems: [],
    });
    expect(tableCounts(s.db).attendance).toBe(0);
    const report = ok(
      await s.api.runImport({
        kind: 'attendance',
        file: csvFile(text),
        options: { dateOrder: 'dmy' },
      }),
    );
    expect(report).toMatchObject({ layout: 'wide', totals: { created: 5 } });
    const rows = s.db
      .prepare(
        'SELECT s.student_number AS n, a.date, a.status FROM attendance a JOIN students s ON s.id = a.student_id ORDER BY n, date',
      )
      .all();
    expect(rows).toEqual([
      { n: 'S1', date: '2025-09-15', status: 'present' },
      { n: 'S1', date: '2025-09-16', status: 'absent' },
      { n: 'S2', date: '2025-09-15', status: 'absent' },
      { n: 'S2', date: '2025-09-16', status: 'excused' },
      { n: 'S2', date: '2025-09-17', status: 'late' },
    ]);
    const again = ok(
      await s.api.runImport({
        kind: 'attendance',
        file: csvFile(text),
        options: { dateOrder: 'dmy' },
      }),
    );
    expect(again.totals).toEqual({ created: 0, changed: 0, unchanged: 5 });
  });

  it('refuses the wide register with a bad cell naming its row and date column', async () => {
    const s = await school();
    const text = 'Nº;2025-09-15;2025-09-16\nS1;P;?\nS9;P;P\n';
    const report = ok(await s.api.runImport({ kind: 'attendance', file: csvFile(text) }));
    expect(report.outcome).toBe('refused');
    expect(reasons(report)).toEqual([
      '2|2025-09-16|"?" is not an attendance mark (use P, A, L or E, or present, absent, late, excused)',
      '3|Nº|no student with number S9 in this school: import the students first',
    ]);
    expect(tableCounts(s.db).attendance).toBe(0);
  });

  it('refuses dates the school calendar does not list as school days', async () => {
    const s = await school();
    addCalendar(s.db, s.schoolId, ['2025-09-15'], ['2025-09-16']);
    const report = ok(await s.api.runImport({ kind: 'attendance', file: csvFile(register) }));
    expect(report.outcome).toBe('refused');
    expect(reasons(report)).toEqual([
      '3|date|2025-09-16 is a holiday in the school calendar, not a school day',
      '5|date|2025-09-16 is a holiday in the school calendar, not a school day',
    ]);
    const outside = 'student_number,date,status\nS1,2025-09-20,P\n';
    const r2 = ok(await s.api.runImport({ kind: 'attendance', file: csvFile(outside) }));
    expect(reasons(r2)).toEqual(['2|date|2025-09-20 is not a school day in the school calendar']);
    expect(tableCounts(s.db).attendance).toBe(0);
  });

  it('refuses minutes late for a student who was not late', async () => {
    const s = await school();
    const text = 'student_number,date,status,minutes_late\nS1,2025-09-15,absent,5\n';
    const report = ok(await s.api.runImport({ kind: 'attendance', file: csvFile(text) }));
    expect(reasons(report)).toEqual([
      '2|minutes_late|minutes late given for a student marked absent',
    ]);
  });

  it('does a dry run: the same report, nothing written', async () => {
    const s = await school();
    const before = tableCounts(s.db);
    const report = ok(await s.api.dryRunImport({ kind: 'attendance', file: csvFile(register) }));
    expect(report).toMatchObject({ outcome: 'dry_run', totals: { created: 4 } });
    expect(tableCounts(s.db)).toEqual(before);
  });

  it('reads Latin-1 files only when told to', async () => {
    const s = await school();
    const latin1 = Uint8Array.from(
      Buffer.from('Nº aluno;data;estado;nota\nS1;2025-09-15;P;João está cá\n', 'latin1'),
    );
    const refused = ok(
      await s.api.runImport({ kind: 'attendance', file: { name: 'a.csv', bytes: latin1 } }),
    );
    expect(refused.outcome).toBe('refused');
    expect(refused.rejections[0]).toMatchObject({
      row: 1,
      reason: expect.stringMatching(/not UTF-8.*row 1 has the byte 0xBA/),
    });
    const read = ok(
      await s.api.runImport({
        kind: 'attendance',
        file: { name: 'a.csv', bytes: latin1 },
        options: { encoding: 'latin1' },
      }),
    );
    expect(read.totals.created).toBe(1);
    expect(s.db.prepare('SELECT note FROM attendance').pluck().get()).toBe('João está cá');
  });

  it('imports XLSX workbooks, long and wide, with real date cells', async () => {
    const s = await school();
    const long = await writeXlsxFile(
      [
        ['Student number', 'Date', 'Status'],
        ['S1', new Date(Date.UTC(2025, 8, 15)), 'present'],
        [null, null, null],
        ['S2', new Date(Date.UTC(2025, 8, 15)), 'late'],
      ],
      { dateFormat: 'dd/mm/yyyy' },
    ).toBuffer();
    const report = ok(
      await s.api.runImport({
        kind: 'attendance',
        file: { name: 'register.xlsx', bytes: new Uint8Array(long) },
      }),
    );
    expect(report).toMatchObject({ format: 'xlsx', totals: { created: 2 } });
    const wide = await writeXlsxFile(
      [
        ['Nº aluno', new Date(Date.UTC(2025, 8, 16)), new Date(Date.UTC(2025, 8, 17))],
        ['S1', 'P', 'X'],
      ],
      { dateFormat: 'dd/mm/yyyy' },
    ).toBuffer();
    const refused = ok(
      await s.api.runImport({
        kind: 'attendance',
        file: { name: 'wide.xlsx', base64: Buffer.from(wide).toString('base64') },
      }),
    );
    expect(reasons(refused)).toEqual([
      '2|2025-09-17|"X" is not an attendance mark (use P, A, L or E, or present, absent, late, excused)',
    ]);
  });
});
