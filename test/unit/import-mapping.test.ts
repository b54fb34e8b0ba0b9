import { describe, expect, it } from 'vitest';
import { resolveMapping, fieldText } from '../../main/backend/import/mapping';
import type { SourceTable } from '../../main/backend/import/table';
import {
  approximateBirthDate,
  splitFullName,
} from '../../main/backend/import/kinds/student-values';

const table = (header: string[], ...rows: string[][]): SourceTable => ({
  format: 'csv',
  separator: ';',
  header,
  rows: rows.map((cells, i) => ({ row: i + 2, cells })),
  dataRows: rows.length,
});

const sources = (m: ReturnType<typeof resolveMapping>) => m.applied.fields ?? {};

describe('matching columns to fields', () => {
  it('matches Portuguese and English headers whatever their case, accents and spacing', () => {
    const pt = resolveMapping(
      'students',
      table(['Nº Aluno', 'Primeiro nome', 'APELIDO', 'Género', 'Data_de_Nascimento', 'Turma']),
      {},
      {},
    );
    expect(sources(pt)).toEqual({
      student_number: 'Nº Aluno',
      first_name: 'Primeiro nome',
      last_name: 'APELIDO',
      sex: 'Género',
      date_of_birth: 'Data_de_Nascimento',
      class: 'Turma',
    });
    expect(pt.problems).toEqual([]);
    const en = resolveMapping(
      'attendance',
      table(['Student ID', 'Date', 'Status', 'Comment']),
      {},
      {},
    );
    expect(sources(en)).toEqual({
      student_number: 'Student ID',
      date: 'Date',
      status: 'Status',
      note: 'Comment',
    });
  });

  it('prefers the better name when two columns could be the student number', () => {
    const m = resolveMapping(
      'attendance',
      table(['Nº', 'Student number', 'Date', 'Status']),
      {},
      {},
    );
    expect(sources(m).student_number).toBe('Student number');
    expect(m.unmappedColumns).toEqual(['Nº']);
  });

  it('lets an explicit mapping win, unmap a field, and use constants and templates', () => {
    const m = resolveMapping(
      'students',
      table(['id', 'school', 'name', 'sex'], ['7', 'GP', 'Ana Silva', 'F']),
      {
        fields: {
          student_number: { template: 'POR-{school}-{row}' },
          sex: null,
          class: { constant: 'Portuguese' },
          full_name: 'NAME',
        },
      },
      {},
    );
    const row = { row: 2, cells: ['7', 'GP', 'Ana Silva', 'F'] };
    expect(fieldText(m, row, 'student_number')).toBe('POR-GP-2');
    expect(fieldText(m, row, 'class')).toBe('Portuguese');
    expect(fieldText(m, row, 'full_name')).toBe('Ana Silva');
    expect(fieldText(m, row, 'sex')).toBeUndefined();
    expect(m.unmappedColumns).toEqual(['id', 'sex']);
    expect(sources(m)).toMatchObject({
      sex: null,
      student_number: { template: 'POR-{school}-{row}' },
    });
  });

  it('names a missing required column and a mapped column the file lacks', () => {
    const m = resolveMapping('attendance', table(['Aluno', 'Dia', 'Presença']), {}, {});
    expect(m.problems).toEqual([
      expect.stringMatching(/No column for student number.*"Aluno", "Dia", "Presença"/),
    ]);
    const wrong = resolveMapping(
      'attendance',
      table(['n', 'date', 'status']),
      { fields: { student_number: 'Número' } },
      {},
    );
    expect(wrong.problems[0]).toMatch(
      /reads student_number from the column "Número", which the file does not have/,
    );
  });

  it('reads a register with one column per date as the wide layout', () => {
    const m = resolveMapping(
      'attendance',
      table(['Nº aluno', 'Nome', '15/09/2025', '16/09/2025']),
      {},
      { dateOrder: 'dmy' },
    );
    expect(m.layout).toBe('wide');
    expect(m.dateColumns.map((c) => c.date)).toEqual(['2025-09-15', '2025-09-16']);
    expect(m.unmappedColumns).toEqual(['Nome']);
    const unclear = resolveMapping('attendance', table(['Nº aluno', '15/09/2025']), {}, {});
    expect(unclear.problems[0]).toMatch(/"15\/09\/2025" looks like a date.*--date-order/);
  });

  it('asks for the date ages were true on, and the period absences cover', () => {
    const m = resolveMapping('students', table(['number', 'name', 'age', 'absences']), {}, {});
    expect(m.problems).toEqual([
      expect.stringMatching(/ageAsOf/),
      expect.stringMatching(/summaryPeriod/),
    ]);
  });
});

describe('deriving student values', () => {
  it('places an approximate birth date half a year before the age birthday', () => {
    expect(approximateBirthDate('2006-01-01', 15)).toBe('1990-07-01');
    expect(approximateBirthDate('2006-08-31', 18)).toBe('1988-02-29');
  });

  it('splits a full name into the first word and the rest', () => {
    expect(splitFullName(' Ana  Maria Silva ')).toEqual({ first: 'Ana', last: 'Maria Silva' });
    expect(splitFullName('Ana')).toBeNull();
  });
});
