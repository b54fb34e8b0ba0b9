import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../../contract/domains/import';
import { inProcessApi } from '../../main/backend/transport/in-process';
import {
  addUser,
  addCalendar,
  addStudent,
  csvFile,
  importRefused,
  importSchool,
  ok,
  reasons,
} from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

async function school() {
  const s = await importSchool(tempDir());
  afterTest(() => s.backend.close());
  addStudent(s.db, s.schoolId, 'S1');
  addStudent(s.db, s.schoolId, 'S2');
  return s;
}

/** The reasons a refused file (nothing written) was refused for. */
const refused = async (...args: Parameters<typeof importRefused>) =>
  reasons(await importRefused(...args));

describe('malformed files are refused whole, naming the row, column and reason', () => {
  it('a truncated file, cut inside a quoted note', async () => {
    const s = await school();
    const text =
      'student_number,date,status,note\nS1,2025-09-15,P,ok\nS2,2025-09-15,A,"called home and';
    expect(await refused(s, 'attendance', csvFile(text))).toEqual([
      '3||The file ends inside a quoted value that starts on row 3: it is cut short, or that row has a quote (") that is never closed.',
    ]);
  });

  it('a truncated last row that lost its columns', async () => {
    const s = await school();
    const text = 'student_number,date,status\nS1,2025-09-15,P\nS2,2025-09';
    expect(await refused(s, 'attendance', csvFile(text))).toEqual([
      '3|date|"2025-09" is not a date',
      '3|status|status is empty',
    ]);
  });

  it('the wrong encoding', async () => {
    const s = await school();
    const bytes = Uint8Array.from(Buffer.from('n;nome\nS1;Conceição\n', 'latin1'));
    const [reason] = await refused(s, 'students', { name: 's.csv', bytes });
    expect(reason).toMatch(/^2\|\|The file is not UTF-8 text: row 2 has the byte 0xE7/);
  });

  it('an XLSX that is not a workbook, and a workbook named .csv', async () => {
    const s = await school();
    const [garbage] = await refused(s, 'students', {
      name: 'students.xlsx',
      bytes: new TextEncoder().encode('not a zip'),
    });
    expect(garbage).toMatch(/not a readable \.xlsx workbook/);
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]);
    expect(await refused(s, 'students', { name: 'students.csv', bytes: zip })).toEqual([
      'file||students.csv looks like an Excel workbook, not CSV text: name it .xlsx or save it as CSV.',
    ]);
  });

  it('duplicate keys, naming both rows', async () => {
    const s = await school();
    const text = 'student_number,date,status\nS1,2025-09-15,P\nS2,2025-09-15,P\nS1,2025-09-15,A\n';
    expect(await refused(s, 'attendance', csvFile(text))).toEqual([
      '4|date|student S1 on 2025-09-15 appears twice: rows 2 and 4',
    ]);
  });

  it('unknown students, naming the student number', async () => {
    const s = await school();
    const text = 'student_number,date,status\nS1,2025-09-15,P\nS404,2025-09-15,P\n';
    expect(await refused(s, 'attendance', csvFile(text))).toEqual([
      '3|student_number|no student with number S404 in this school: import the students first',
    ]);
  });

  it('out-of-range marks, naming the maximum', async () => {
    const s = await school();
    const text =
      'student,class,school year,subject,assessment,score,maximum\nS1,7A,2025-2026,Maths,Test,21,20\n';
    s.db
      .prepare(
        "INSERT INTO classes (id, school_id, school_year, name) VALUES ('c1', ?, '2025-2026', '7A')",
      )
      .run(s.schoolId);
    expect(await refused(s, 'marks', csvFile(text))).toEqual([
      "2|score|the score 21 is above Maths / Test's maximum of 20",
    ]);
  });

  it('dates outside the school calendar', async () => {
    const s = await school();
    addCalendar(s.db, s.schoolId, ['2025-09-15'], ['2025-10-05']);
    const text = 'student_number,date,status\nS1,2025-09-15,P\nS1,2025-10-05,P\nS1,2025-09-14,P\n';
    expect(await refused(s, 'attendance', csvFile(text))).toEqual([
      '3|date|2025-10-05 is a holiday in the school calendar, not a school day',
      '4|date|2025-09-14 is not a school day in the school calendar',
    ]);
  });

  it('an empty file, a header with no rows, and a blank header', async () => {
    const s = await school();
    expect(await refused(s, 'attendance', csvFile(''))).toEqual(['file||The file is empty.']);
    expect(await refused(s, 'attendance', csvFile('student_number,date,status\r\n\r\n'))).toEqual([
      'file||The file has a header row but no data rows.',
    ]);
    expect(await refused(s, 'attendance', csvFile(';;\nS1;2025-09-15;P\n'))).toEqual([
      '1||The first row is blank: it must name the columns.',
    ]);
  });

  it('rows with more values than the header has columns', async () => {
    const s = await school();
    const text =
      'student_number,date,status,note\nS1,2025-09-15,P,late bus,\nS2,2025-09-15,A,ill, called home\n';
    expect(await refused(s, 'attendance', csvFile(text))).toEqual([
      '3||the row has 5 values but the header names 4 columns (extra: " called home"); a separator inside an unquoted value splits it',
    ]);
  });

  it('a file with no column for a required field, listing the columns it has', async () => {
    const s = await school();
    const [reason] = await refused(
      s,
      'incidents',
      csvFile('aluno,quando,o quê\nS1,2025-09-15,x\n'),
    );
    expect(reason).toMatch(
      /No column for student number, which a file of incidents needs\. The file's columns are "aluno", "quando", "o quê"/,
    );
  });

  it('dates that fit two orders, when the user named none', async () => {
    const s = await school();
    const text = 'student_number,date,status\nS1,03/09/2025,P\nS2,09/03/2025,P\n';
    expect(await refused(s, 'attendance', csvFile(text))).toEqual([
      'file||Every date in the file, such as "03/09/2025", can be read as day/month/year or month/day/year: say which the file uses (--date-order dmy or mdy; dateOrder in the mapping\'s options).',
    ]);
  });
});

describe('invalid requests are refused before anything is read', () => {
  it('refuses unknown fields, missing or doubled content and unknown kinds', async () => {
    const s = await school();
    const unknownField = await s.api.runImport({
      kind: 'attendance',
      file: csvFile('a'),
      mapping: { fields: { colour: 'x' } },
    });
    expect(unknownField).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/mapping\.fields\.colour: is not a attendance field/),
    });
    const both = await s.api.runImport({
      kind: 'attendance',
      file: { name: 'a.csv', text: 'a', base64: 'YQ==' },
    });
    expect(both).toMatchObject({ ok: false, message: expect.stringMatching(/exactly once/) });
    const none = await s.api.runImport({ kind: 'attendance', file: { name: 'a.csv' } });
    expect(none).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const kind = await s.backend.dispatch(
      'runImport',
      { kind: 'grades', file: csvFile('a') },
      {
        session: {
          userId: null,
          username: 'system',
          role: 'admin',
          schoolId: null,
          kind: 'system',
        },
      },
    );
    expect(kind).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const order = await s.api.runImport({
      kind: 'attendance',
      file: csvFile('a'),
      options: { dateOrder: 'myd' as 'dmy' },
    });
    expect(order).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('refuses files over the size limit', async () => {
    const s = await school();
    const big = await s.api.runImport({
      kind: 'attendance',
      file: { name: 'big.csv', bytes: new Uint8Array(MAX_IMPORT_BYTES + 1) },
    });
    expect(big).toMatchObject({ ok: false, message: expect.stringMatching(/32 MiB/) });
  });

  it('lets only head teachers and admins import', async () => {
    const s = await school();
    // A real account: a session whose account does not exist is ended before any role check.
    const asTeacher = addUser(s.backend, s.schoolId, 'teacher', 'Tia Teacher').api;
    const r = await asTeacher.runImport({ kind: 'attendance', file: csvFile('a') });
    expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await asTeacher.exportRecords({ kind: 'students' })).toMatchObject({
      code: 'FORBIDDEN',
    });
    const anonymous = inProcessApi(s.backend, null);
    expect(await anonymous.previewImport({ kind: 'students', file: csvFile('a') })).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('refuses a saved mapping that does not exist or serves another kind', async () => {
    const s = await school();
    const missing = await s.api.runImport({
      kind: 'attendance',
      file: csvFile('a'),
      mappingName: 'Register 2024',
    });
    expect(missing).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
      message: 'There is no saved mapping called "Register 2024".',
    });
    ok(await s.api.saveImportMapping({ name: 'Marks', kind: 'marks', mapping: {} }));
    const wrongKind = await s.api.runImport({
      kind: 'attendance',
      file: csvFile('a'),
      mappingName: 'Marks',
    });
    expect(wrongKind).toMatchObject({
      ok: false,
      message: 'The saved mapping "Marks" is for marks files, not attendance.',
    });
  });
});
