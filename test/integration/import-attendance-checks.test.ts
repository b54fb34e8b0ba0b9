import { describe, expect, it } from 'vitest';
import type { ImportMapping } from '../../contract/domains/import';
import { newId } from '../../db/ids';
import { fileDateOrder } from '../../main/backend/import/date-order';
import {
  RowReader,
  fileDateParser,
  type KindContext,
} from '../../main/backend/import/kinds/context';
import { resolveMapping } from '../../main/backend/import/mapping';
import { Rejections } from '../../main/backend/import/problems';
import { SchoolLookup } from '../../main/backend/import/school-lookup';
import { readSource } from '../../main/backend/import/source';
import { parseInteger, parseStatus } from '../../main/backend/import/values';
import { readDateBounds } from '../../main/backend/services/date-bounds';
import { weekdays } from '../fixtures/import/large-attendance';
import {
  addCalendar,
  addStudent,
  csvFile,
  importSchool,
  ok,
  today,
  type TestSchool,
} from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

/**
 * The checks of a long attendance file as written row by row, each field checked on every row
 * and every (student, day) kept in a Map of strings: the plain reading the importer's checks
 * (each field checked once per distinct text, pairs in a table of integers) must match.
 */
function plainRejections(
  s: TestSchool,
  table: Awaited<ReturnType<typeof readSource>>,
  mapping: ImportMapping,
): Rejections {
  const resolved = resolveMapping('attendance', table, mapping, {});
  const rejections = new Rejections();
  const ctx: KindContext = {
    db: s.db,
    actor: { schoolId: s.schoolId, userId: null },
    today,
    table,
    mapping: resolved,
    options: {},
    lookup: new SchoolLookup(s.db, s.schoolId),
    rejections,
    parseDate: fileDateParser(fileDateOrder(table, resolved, {}).order),
    dateBounds: readDateBounds(s.db, s.schoolId, today),
  };
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const r = new RowReader(ctx, row);
    const student = r.student();
    const date = r.date('date');
    if (date === null && r.text('date')?.trim() === '') r.reject('date', 'date is empty');
    const statusText = r.required('status');
    const status = statusText === null ? null : r.parsed('status', parseStatus);
    const minutesLate = r.parsed('minutes_late', (t) => parseInteger(t, 0, 600)) ?? null;
    r.optionalText('note');
    if (status && minutesLate && status !== 'late') {
      r.reject('minutes_late', `minutes late given for a student marked ${status}`);
    }
    if (!r.ok || !student || !date || !status) continue;
    const off = ctx.lookup.notASchoolDay(date);
    if (off) {
      r.reject('date', off);
      continue;
    }
    const key = `${student.id}|${date}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      r.reject(
        'date',
        `student ${student.number} on ${date} appears twice: rows ${earlier} and ${row.row}`,
      );
      continue;
    }
    seen.set(key, row.row);
  }
  return rejections;
}

/** 40 students over 30 school days, with every kind of problem planted among good rows. */
function plantedFile(days: string[], holiday: string): string {
  const lines = ['student_number,date,status,minutes_late,note'];
  const marks = ['P', 'A', 'present', 'late', 'E', 'falta'];
  let k = 0;
  for (const d of days) {
    for (let n = 1; n <= 40; n++) {
      k++;
      const mark = marks[k % marks.length] as string;
      const late = mark === 'late' && k % 5 === 0 ? String(k % 60) : '';
      lines.push(`S${n},${d},${mark},${late},${k % 17 === 0 ? `note ${k % 3}` : ''}`);
      if (k % 97 === 0) lines.push(`S${n},${d},A,,`); // the same pair again
      if (k % 211 === 0) lines.push(` S${n} ,${d}T00:00:00Z,P,,`); // again, written otherwise
      if (k % 157 === 0) lines.push(`S${n + 100},${d},P,,`); // a student the school lacks
      if (k % 173 === 0) lines.push(`S${n},2025-02-30,P,,`); // no such date
      if (k % 181 === 0) lines.push(`S${n},2030-01-01,P,,`); // beyond the future margin
      if (k % 191 === 0) lines.push(`S${n},${d},X,,`); // not a mark
      if (k % 193 === 0) lines.push(`S${n},${d},,,`); // no mark
      if (k % 199 === 0) lines.push(`S${n},,P,,`); // no date
      if (k % 223 === 0) lines.push(`S${n},${d},A,15,`); // minutes for an absence
      if (k % 227 === 0) lines.push(`S${n},${d},late,ten,`); // minutes not a number
      if (k % 229 === 0) lines.push(`S${n},${holiday},P,,`); // a holiday
      if (k % 233 === 0) lines.push(`S${n},${d},P,,,extra`); // a cell past the header
      if (k % 239 === 0) lines.push(`,${d},P,,`); // no student number
      if (k % 241 === 0) lines.push(`S${n}\u0007,${d},P,,`); // a control character
    }
  }
  return `${lines.join('\n')}\n`;
}

describe('the checks of a long attendance file', () => {
  it.each([
    ['column by column', { fields: {} }],
    [
      'with the student number from a template (checked row by row)',
      { fields: { student_number: { template: '{student_number}' } } },
    ],
  ] as const)(
    'report every problem a plain row-by-row check reports, in its order (%s)',
    async (_how, mapping: ImportMapping) => {
      const s = await importSchool(tempDir());
      afterTest(() => s.backend.close());
      for (let n = 1; n <= 40; n++) addStudent(s.db, s.schoolId, `S${n}`);
      const days = weekdays(30);
      const holiday = '2025-10-13';
      addCalendar(
        s.db,
        s.schoolId,
        days.filter((d) => d !== holiday),
        [holiday],
      );
      const file = csvFile(plantedFile(days, holiday));
      const report = ok(await s.api.dryRunImport({ kind: 'attendance', file, mapping }));
      const plain = plainRejections(s, await readSource(file, {}), mapping);

      expect(report.outcome).toBe('refused');
      expect(report.problems).toBe(plain.count);
      expect(report.rejectedRows).toBe(plain.rows.size);
      expect(report.rejections).toEqual(plain.list);
      // Every planted kind is among them, duplicates both ways of writing the pair.
      const reasons = report.rejections.map((r) => r.reason).join('\n');
      for (const planted of [
        /appears twice: rows \d+ and \d+/,
        /no student with number S1\d\d in this school/,
        /not a real calendar date/,
        /is in the future/,
        /is not an attendance mark/,
        /status is empty/,
        /date is empty/,
        /minutes late given for a student marked absent/,
        /is not a number/,
        /is a holiday in the school calendar/,
        /the row has 6 values but the header names 5 columns/,
        /student number is empty/,
        /control character/,
      ]) {
        expect(reasons).toMatch(planted);
      }
      const twice = report.rejections.filter((r) => r.reason.includes('appears twice'));
      expect(twice.some((r) => r.value?.endsWith('T00:00:00Z'))).toBe(true);
    },
  );
});

describe('the date order of a file, from its date column', () => {
  const orderOf = async (text: string, keep: boolean) => {
    const table = await readSource(csvFile(text), {});
    const resolved = resolveMapping('attendance', table, { fields: {} }, {});
    return fileDateOrder(keep ? table : { ...table, distinctTexts: undefined }, resolved, {});
  };

  it.each([
    ['day/month/year', ['S1,15/09/2025,P', 'S2,15/09/2025,P', 'S1,03/10/2025,A']],
    ['month/day/year', ['S1,09/15/2025,P', 'S1,10/03/2025,A', ' S1, 09/15/2025 ,P']],
    ['ambiguous', ['S1,03/04/2025,P', 'S1,2025-09-15,P', 'S1,04/03/2025,P']],
    ['conflicting', ['S1,2025-09-15,P', 'S1,15/09/2025,P', ',,', 'S1,09/16/2025,P']],
    ['fitting no order', ['S1,45/45/2025,P', 'S1,15/09/2025,P']],
    ['ISO only', ['S1,2025-09-15,P', 'S1,2025-09-16T00:00:00Z,P']],
    ['short rows and blank lines', ['S1', '', 'S1,15/09/2025', ' , , ', 'S2,16/09/2025,P']],
  ])('reads the same from the distinct texts as from every row: %s', async (_name, rows) => {
    const text = ['student_number,date,status', ...rows].join('\n');
    const table = await readSource(csvFile(text), {});
    expect(table.distinctTexts?.(1)).not.toBeNull();
    expect(await orderOf(text, true)).toEqual(await orderOf(text, false));
  });

  it('walks the rows when the column has more distinct texts than the reader keeps', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `S1,${i}/${i}/x,P`);
    rows.push('S1,15/09/2025,P', 'S1,09/16/2025,P');
    const text = ['student_number,date,status', ...rows].join('\n');
    const table = await readSource(csvFile(text), {});
    expect(table.distinctTexts?.(1)).toBeNull();
    expect(table.distinctTexts?.(2)).toEqual(['P']);
    const order = await orderOf(text, true);
    expect(order.problem).toMatch(/different orders/);
    expect(order).toEqual(await orderOf(text, false));
  });
});

describe('writing a long run of one student’s days', () => {
  it('writes each day as given: classes changing, minutes late and notes among plain days', async () => {
    const s = await importSchool(tempDir());
    afterTest(() => s.backend.close());
    const ana = addStudent(s.db, s.schoolId, 'S1');
    const rui = addStudent(s.db, s.schoolId, 'S2');
    const classes = ['7A', '7B'].map((name) => {
      const id = newId();
      s.db
        .prepare(
          "INSERT INTO classes (id, school_id, school_year, name) VALUES (?, ?, '2024-2025', ?)",
        )
        .run(id, s.schoolId, name);
      return id;
    });
    const enrol = s.db.prepare(
      `INSERT INTO enrolments (id, school_id, student_id, class_id, start_date, end_date)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    // Ana moves from 7A to 7B in the middle of her 280 days; Rui is in no class at all.
    enrol.run(newId(), s.schoolId, ana, classes[0], '2024-09-01', '2025-02-14');
    enrol.run(newId(), s.schoolId, ana, classes[1], '2025-02-17', null);
    // 280 days in a row from 1 September 2024 (the school keeps no calendar: any day counts).
    const days = Array.from({ length: 280 }, (_, i) =>
      new Date(Date.UTC(2024, 8, 1) + i * 86_400_000).toISOString().slice(0, 10),
    );
    const lines = ['student_number,date,status,minutes_late,note'];
    const expected = new Map<string, [string, number | null, string | null]>();
    days.forEach((d, i) => {
      for (const number of ['S1', 'S2']) {
        // Minutes and notes only on some of the second hundred days: batches of both kinds.
        const late = number === 'S1' && i >= 100 && i < 200 && i % 7 === 0;
        const note = number === 'S2' && i >= 100 && i < 200 && i % 11 === 0 ? `n${i}` : null;
        const status = late ? 'late' : i % 4 === 0 ? 'absent' : 'present';
        lines.push(`${number},${d},${status},${late ? i % 30 : ''},${note ?? ''}`);
        expected.set(`${number}/${d}`, [status, late ? i % 30 : null, note]);
      }
    });
    const report = ok(
      await s.api.runImport({ kind: 'attendance', file: csvFile(lines.join('\n')) }),
    );
    expect(report.totals).toEqual({ created: 560, changed: 0, unchanged: 0 });

    const rows = s.db
      .prepare(
        `SELECT a.student_id, a.date, a.status, a.minutes_late, a.note, a.class_id, a.version
         FROM attendance a ORDER BY a.version`,
      )
      .all() as {
      student_id: string;
      date: string;
      status: string;
      minutes_late: number | null;
      note: string | null;
      class_id: string | null;
      version: number;
    }[];
    expect(rows).toHaveLength(560);
    expect(new Set(rows.map((r) => r.version)).size).toBe(560);
    for (const r of rows) {
      const number = r.student_id === ana ? 'S1' : 'S2';
      expect([r.status, r.minutes_late, r.note]).toEqual(expected.get(`${number}/${r.date}`));
      const classId =
        r.student_id === rui
          ? null
          : r.date <= '2025-02-14'
            ? classes[0]
            : r.date >= '2025-02-17'
              ? classes[1]
              : null;
      expect([r.date, r.class_id]).toEqual([r.date, classId]);
    }
  });
});
