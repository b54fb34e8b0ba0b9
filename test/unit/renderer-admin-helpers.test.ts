import { describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../contract';
import { entryChanges } from '../../renderer/src/audit/entry-changes';
import { addMonths, isoWeekday, monthWeeks } from '../../renderer/src/calendar/month';
import { schoolYearOf } from '../../renderer/src/classes/school-year';
import { toCsvText } from '../../renderer/src/files/csv-text';
import { editedMapping, initialSources } from '../../renderer/src/import/mapping-edits';

describe('the month view', () => {
  it('lays a month out Monday first, padded to whole weeks', () => {
    // January 2026 starts on a Thursday and has 31 days.
    const weeks = monthWeeks({ year: 2026, month: 1 });
    expect(weeks).toHaveLength(5);
    expect(weeks[0]).toEqual([
      null,
      null,
      null,
      '2026-01-01',
      '2026-01-02',
      '2026-01-03',
      '2026-01-04',
    ]);
    expect(weeks[4]).toEqual([
      '2026-01-26',
      '2026-01-27',
      '2026-01-28',
      '2026-01-29',
      '2026-01-30',
      '2026-01-31',
      null,
    ]);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
  });

  it('counts a leap February and steps across years', () => {
    expect(monthWeeks({ year: 2028, month: 2 }).flat().filter(Boolean)).toHaveLength(29);
    expect(addMonths({ year: 2025, month: 12 }, 1)).toEqual({ year: 2026, month: 1 });
    expect(addMonths({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
    expect(isoWeekday('2026-01-04')).toBe(7);
    expect(isoWeekday('2026-01-05')).toBe(1);
  });
});

describe('school years', () => {
  it('places a date in the year that started in the school start month', () => {
    expect(schoolYearOf('2026-08-31', 9)).toBe('2025-2026');
    expect(schoolYearOf('2026-09-01', 9)).toBe('2026-2027');
    expect(schoolYearOf('2026-01-10', 1)).toBe('2026-2027');
  });
});

describe('audit entry changes', () => {
  it('lists the fields an update changed, without bookkeeping', () => {
    expect(
      entryChanges(
        { id: 'x', first_name: 'Ana', last_name: 'Silva', version: '1', grade_level: 7 },
        { id: 'x', first_name: 'Ana', last_name: 'Sousa', version: '2', grade_level: 8 },
      ),
    ).toEqual([
      { field: 'last_name', before: 'Silva', after: 'Sousa' },
      { field: 'grade_level', before: '7', after: '8' },
    ]);
  });

  it('lists what a creation set and tolerates rows that are not objects', () => {
    expect(entryChanges(null, { username: 'tina', outcome: 'wrong_password', note: null })).toEqual(
      [
        { field: 'username', before: null, after: 'tina' },
        { field: 'outcome', before: null, after: 'wrong_password' },
      ],
    );
    expect(entryChanges('odd', [1, 2])).toEqual([]);
  });
});

describe('CSV for downloads', () => {
  it('quotes separators and quotes, defuses formulas, ends lines with CRLF', () => {
    expect(
      toCsvText([
        ['row', 'reason'],
        ['3', 'is "odd", really'],
        ['4', '=HYPERLINK("x")'],
      ]),
    ).toBe('\uFEFFrow,reason\r\n3,"is ""odd"", really"\r\n4,"\'=HYPERLINK(""x"")"\r\n');
  });
});

describe('import mapping edits', () => {
  const preview = {
    columns: ['Number', 'Name', 'Born'],
    fields: [
      { field: 'student_number', required: true, source: 'Number' },
      { field: 'full_name', required: false, source: 'Name' },
      { field: 'sex', required: false, source: null },
      { field: 'class', required: false, source: 'class (7A)' },
    ],
    mapping: {
      fields: { student_number: 'Number', full_name: 'Name', class: { constant: '7A' } },
      options: { dateOrder: 'dmy' },
    },
  } as unknown as ImportPreview;

  it('starts from the columns matched, keeping saved constants and leaving gaps empty', () => {
    expect(initialSources(preview)).toEqual({
      student_number: 'Number',
      full_name: 'Name',
      sex: null,
      class: { constant: '7A' },
    });
  });

  it('sends the user’s choices with the preview’s options', () => {
    const sources = { ...initialSources(preview), full_name: null, sex: 'Born' };
    expect(editedMapping(preview, sources)).toEqual({
      fields: { student_number: 'Number', full_name: null, sex: 'Born', class: { constant: '7A' } },
      options: { dateOrder: 'dmy' },
    });
  });
});
