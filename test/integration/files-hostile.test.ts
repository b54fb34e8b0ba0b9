import { parse } from 'csv-parse/sync';
import writeXlsxFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import {
  addStudent,
  csvFile,
  csvOf,
  importRefused,
  importSchool,
  ok,
  reasons,
} from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';
import { deflatePart, forgeZip } from '../support/zip-parts';

const tempDir = useTempDir();
const afterTest = useAfterTest();

async function school() {
  const s = await importSchool(tempDir());
  afterTest(() => s.backend.close());
  return s;
}

const refused = importRefused;

/** Cells a spreadsheet would run as a formula: text starting = + - @ once spaces and quotes go. */
const formulaCells = (csv: string, delimiter: string): string[] =>
  (
    parse(csv.replace(/^\uFEFF/, ''), {
      delimiter,
      relax_quotes: true,
      relax_column_count: true,
    }) as string[][]
  )
    .flat()
    .filter((c) => /^[\s"]*[=+\-@]/.test(c));

describe('export never hands a spreadsheet a formula, whichever separator it splits on', () => {
  it('neutralises formulas behind either separator and still round-trips', async () => {
    const s = await school();
    addStudent(s.db, s.schoolId, 'S1', 'Ana;=1+1', 'Silva,@SUM(A1)');
    addStudent(s.db, s.schoolId, 'S2', '@cmd', 'Costa; "+2"');
    for (const separator of [',', ';', '\t'] as const) {
      const csv = csvOf(ok(await s.api.exportRecords({ kind: 'students', separator })));
      for (const readAs of [',', ';', '\t']) expect(formulaCells(csv, readAs)).toEqual([]);
      const report = ok(await s.api.runImport({ kind: 'students', file: csvFile(csv) }));
      expect(report.outcome).toBe('imported');
      expect(report.totals).toEqual({ created: 0, changed: 0, unchanged: 2 });
    }
    const names = s.db
      .prepare('SELECT first_name, last_name FROM students ORDER BY student_number')
      .all();
    expect(names).toEqual([
      { first_name: 'Ana;=1+1', last_name: 'Silva,@SUM(A1)' },
      { first_name: '@cmd', last_name: 'Costa; "+2"' },
    ]);
  });

  it('quotes every cell that holds either separator, whatever the file uses', async () => {
    const s = await school();
    addStudent(s.db, s.schoolId, 'S1', 'Ana;Maria', 'Silva,Costa');
    const csv = csvOf(ok(await s.api.exportRecords({ kind: 'students', separator: ',' })));
    expect(csv).toContain('"Ana;Maria"');
    expect(csv).toContain('"Silva,Costa"');
  });
});

const utf16 = (text: string, order: 'le' | 'be'): Uint8Array => {
  const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
  if (order === 'le') return new Uint8Array(le);
  const be = Buffer.from(le);
  be.swap16();
  return new Uint8Array(be);
};

describe('files in: what a clumsy or hostile file gets', () => {
  it('reads UTF-16 files by their byte-order mark, either byte order', async () => {
    const s = await school();
    const text = 'student_number,first_name,last_name\r\nS1,João,Conceição\r\n';
    for (const order of ['le', 'be'] as const) {
      const report = ok(
        await s.api.runImport({
          kind: 'students',
          file: { name: `s-${order}.csv`, bytes: utf16(text, order) },
        }),
      );
      expect(report.outcome).toBe('imported');
    }
    expect(s.db.prepare('SELECT first_name, last_name FROM students').all()).toEqual([
      { first_name: 'João', last_name: 'Conceição' },
    ]);
  });

  it('refuses a duplicated header instead of reading the first column silently', async () => {
    const s = await school();
    const text = 'student_number,first_name,last_name,First name\nS1,Ana,Silva,Beatriz\n';
    const report = await refused(s, 'students', csvFile(text));
    expect(reasons(report)).toEqual([
      '1||The columns 2 ("first_name") and 4 ("First name") have the same name: rename or remove one, so Beacon knows which to read.',
    ]);
  });

  it('refuses control characters, terminal escapes and bidirectional overrides in names', async () => {
    const s = await school();
    const text = [
      'student_number,first_name,last_name,class',
      'S1,Ana\u001b[31m,Silva,7A',
      'S2,Rui,\u202Eavlis,7A',
      'S3,Eva,Costa,7\u0007A',
      'S4,Rita,Sousa,7A',
    ].join('\n');
    const report = await refused(s, 'students', csvFile(text));
    expect(reasons(report)).toEqual([
      '2|first_name|contains a control character (U+001B) that text never holds: retype it',
      '3|last_name|contains a bidirectional override (U+202E) that makes text read out of order: retype it',
      '4|class|contains a control character (U+0007) that text never holds: retype it',
    ]);
  });

  it('never echoes a whole value: a 1 MB cell is cut to about 80 characters', async () => {
    const s = await school();
    addStudent(s.db, s.schoolId, 'S1');
    const huge = 'x'.repeat(1024 * 1024);
    const files = [
      `student_number,date,status\nS1,${huge},P\nS1,2025-09-15,${huge}\n`,
      `student_number,date,status,${huge}\nS1,15/13/2025,P,1\n`,
      `student_number,first_name,last_name\nS1,${huge},Silva\n`,
    ];
    for (const [i, text] of files.entries()) {
      const report = await refused(s, i === 2 ? 'students' : 'attendance', csvFile(text));
      const preview = ok(
        await s.api.previewImport({
          kind: i === 2 ? 'students' : 'attendance',
          file: csvFile(text),
        }),
      );
      for (const r of [...report.rejections, ...preview.problems]) {
        expect((r.value ?? '').length).toBeLessThanOrEqual(100);
        expect((r.column ?? '').length).toBeLessThanOrEqual(100);
        expect(r.reason.length).toBeLessThanOrEqual(500);
      }
      expect(JSON.stringify([report.rejections, report.warnings]).length).toBeLessThan(5000);
    }
  });
});

describe('XLSX bombs and damaged workbooks are refused before any parser inflates them', () => {
  const sheetHead = '<?xml version="1.0"?><worksheet><sheetData>';
  const sheetTail = '</sheetData></worksheet>';

  it('a cell that inflates to 150 MB, whether the zip says so or lies', async () => {
    const s = await school();
    const cell = await deflatePart(
      'xl/sharedStrings.xml',
      '<sst><si><t>',
      'a'.repeat(1 << 20),
      150,
      '</t></si></sst>',
    );
    const honest = forgeZip([cell]);
    const liar = forgeZip([{ ...cell, claimedSize: 1000 }]);
    expect(honest.length).toBeLessThan(1 << 20);
    for (const bytes of [honest, liar]) {
      const report = await refused(s, 'students', { name: 'bomb.xlsx', bytes });
      expect(reasons(report)).toEqual([
        expect.stringMatching(/^file\|\|The workbook unpacks to more than 100 MB/),
      ]);
    }
  });

  it('more rows than an .xlsx import reads, and a cell longer than spreadsheets allow', async () => {
    const s = await school();
    const rows = await deflatePart(
      'xl/worksheets/sheet1.xml',
      sheetHead,
      '<row><c t="inlineStr"><is><t>S1</t></is></c></row>'.repeat(1000),
      300,
      sheetTail,
    );
    const many = await refused(s, 'students', { name: 'rows.xlsx', bytes: forgeZip([rows]) });
    expect(reasons(many)).toEqual([
      expect.stringMatching(/^file\|\|The workbook has more than 250,000 rows/),
    ]);
    const long = await deflatePart(
      'xl/sharedStrings.xml',
      '<sst><si><t>',
      'b'.repeat(1000),
      300,
      '</t></si></sst>',
    );
    const cell = await refused(s, 'students', { name: 'cell.xlsx', bytes: forgeZip([long]) });
    expect(reasons(cell)).toEqual([
      expect.stringMatching(/^file\|\|The workbook holds a cell of more than 32,767 characters/),
    ]);
  });

  it('a damaged workbook says it is damaged', async () => {
    const s = await school();
    const good = new Uint8Array(
      await writeXlsxFile([
        ['student_number', 'first_name', 'last_name'],
        ['S1', 'Ana', 'Silva'],
      ]).toBuffer(),
    );
    const zeroed = good.slice();
    zeroed.fill(0, good.length >> 2, good.length >> 1);
    // A sound zip that lacks the workbook's parts: only a sheet, no xl/workbook.xml.
    const sheetOnly = forgeZip([
      await deflatePart('xl/worksheets/sheet1.xml', sheetHead, '<row/>', 1, sheetTail),
    ]);
    for (const bytes of [good.subarray(0, good.length >> 1), zeroed, sheetOnly]) {
      const report = await refused(s, 'students', { name: 'damaged.xlsx', bytes });
      expect(reasons(report)).toEqual([
        expect.stringMatching(/^file\|\|The file is damaged: it is not a readable \.xlsx workbook/),
      ]);
    }
  });
});
