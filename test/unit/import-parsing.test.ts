import { describe, expect, it } from 'vitest';
import { detectSeparator, readCsv } from '../../main/backend/import/csv-read';
import { parseDate } from '../../main/backend/import/dates';
import { decodeText, firstInvalidUtf8 } from '../../main/backend/import/decode';
import { normaliseName } from '../../main/backend/import/normalise';
import { FileProblem } from '../../main/backend/import/table';
import {
  cleanText,
  parseInteger,
  parseNumber,
  parseSeverity,
  parseSex,
  parseStatus,
  parseYesNo,
} from '../../main/backend/import/values';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decoding CSV bytes', () => {
  it('reads UTF-8 with or without a byte-order mark', () => {
    expect(decodeText(utf8('\uFEFFNome;João\n'))).toBe('Nome;João\n');
    expect(decodeText(utf8('Nome;João\n'))).toBe('Nome;João\n');
  });

  it('refuses bytes that are not UTF-8, naming the row and the byte', () => {
    // "João" saved as Latin-1 on row 3: 0xE3 followed by "o" is not UTF-8.
    const bytes = Uint8Array.from([...utf8('n;name\n1;"Ana\nMaria"\n2;Jo'), 0xe3, ...utf8('o\n')]);
    expect(firstInvalidUtf8(bytes)).toBe(bytes.indexOf(0xe3));
    expect(() => decodeText(bytes)).toThrow(/row 3 has the byte 0xE3.*--encoding latin1/);
    expect(decodeText(bytes, 'latin1')).toBe('n;name\n1;"Ana\nMaria"\n2;João\n');
  });

  it('finds overlong and truncated sequences', () => {
    expect(firstInvalidUtf8(Uint8Array.from([0x41, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(Uint8Array.from([0x41, 0xe2, 0x82]))).toBe(1);
    expect(firstInvalidUtf8(utf8('ok € 𝄞'))).toBe(-1);
  });
});

describe('reading CSV', () => {
  it('detects ; and , from the header, ignoring separators inside quotes', () => {
    expect(detectSeparator('a;b;c\n1,5;2;3')).toBe(';');
    expect(detectSeparator('a,b,c\n')).toBe(',');
    expect(detectSeparator('"a;b",c\n')).toBe(',');
    expect(detectSeparator('a\tb\n')).toBe('\t');
  });

  it('handles CRLF, quoted separators, newlines and doubled quotes, keeping row numbers', () => {
    const t = readCsv(
      'n;note\r\n1;"a; b"\r\n2;"line one\r\nline two"\r\n\r\n3;"she said ""hi"""\r\n',
    );
    expect(t.separator).toBe(';');
    expect(t.header).toEqual(['n', 'note']);
    expect([...t.rows]).toEqual([
      { row: 2, cells: ['1', 'a; b'] },
      { row: 3, cells: ['2', 'line one\r\nline two'] },
      { row: 5, cells: ['3', 'she said "hi"'] },
    ]);
  });

  it('reads plain and quoted lines alike, whatever ends them (LF, CRLF, a lone CR)', () => {
    const t = readCsv('n,note\n1,a\r\n2,"b,c"\n3,d\r4,\n\n5,"e"\r\n6,f');
    expect([...t.rows]).toEqual([
      { row: 2, cells: ['1', 'a'] },
      { row: 3, cells: ['2', 'b,c'] },
      { row: 4, cells: ['3', 'd'] },
      { row: 5, cells: ['4', ''] },
      { row: 7, cells: ['5', 'e'] },
      { row: 8, cells: ['6', 'f'] },
    ]);
    expect(t.dataRows).toBe(6);
  });

  it('lets the caller override the separator', () => {
    expect([...readCsv('a;b,c\n1;2,3\n', ',').rows][0]?.cells).toEqual(['1;2', '3']);
  });

  it('refuses an empty file, a blank header and a file cut inside a quote', () => {
    expect(() => readCsv('')).toThrow(/empty/);
    expect(() => readCsv('\uFEFF \n')).toThrow(/empty/);
    expect(() => readCsv(',,\n1,2,3\n')).toThrow(/first row is blank/);
    const cut = () => readCsv('n,note\n1,ok\n2,"this note was cut');
    expect(cut).toThrow(FileProblem);
    expect(cut).toThrow(/quoted value that starts on row 3/);
  });
});

describe('reading values', () => {
  it('reads ISO dates always, and other orders only when told', () => {
    expect(parseDate('2025-09-15', undefined)).toEqual({ ok: true, value: '2025-09-15' });
    expect(parseDate('2025-09-15T00:00:00.000Z', undefined)).toMatchObject({ ok: true });
    expect(parseDate('15/09/2025', undefined)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/--date-order dmy/),
    });
    expect(parseDate('15/09/2025', 'dmy')).toEqual({ ok: true, value: '2025-09-15' });
    expect(parseDate('09/15/2025', 'mdy')).toEqual({ ok: true, value: '2025-09-15' });
    expect(parseDate('2025.9.5', 'ymd')).toEqual({ ok: true, value: '2025-09-05' });
    expect(parseDate('3-4-2025', 'dmy')).toEqual({ ok: true, value: '2025-04-03' });
  });

  it('refuses dates that do not exist or have two-digit years', () => {
    expect(parseDate('2025-02-30', undefined)).toMatchObject({ ok: false });
    expect(parseDate('31/04/2025', 'dmy')).toMatchObject({ ok: false });
    expect(parseDate('15/09/25', 'dmy')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/four-digit year/),
    });
    expect(parseDate('soon', 'dmy')).toMatchObject({ ok: false });
  });

  it('reads attendance marks in English and Portuguese', () => {
    const read = (t: string) => {
      const p = parseStatus(t);
      return p.ok ? p.value : null;
    };
    expect(['P', 'present', ' Presente '].map(read)).toEqual(['present', 'present', 'present']);
    expect(['A', 'absent', 'Falta', 'F'].map(read)).toEqual(Array(4).fill('absent'));
    expect(['L', 'late', 'Atrasado'].map(read)).toEqual(['late', 'late', 'late']);
    expect(['E', 'excused', 'Justificada', 'FJ'].map(read)).toEqual(Array(4).fill('excused'));
    expect(parseStatus('X')).toMatchObject({ ok: false, reason: expect.stringMatching(/"X"/) });
    expect(parseStatus('')).toMatchObject({ ok: false });
  });

  it('reads sex, yes/no and severity words', () => {
    expect(parseSex('Feminino')).toEqual({ ok: true, value: 'F' });
    expect(parseSex('male')).toEqual({ ok: true, value: 'M' });
    expect(parseYesNo('Sim')).toEqual({ ok: true, value: 1 });
    expect(parseYesNo('não')).toEqual({ ok: true, value: 0 });
    expect(parseSeverity('grave')).toEqual({ ok: true, value: 3 });
    expect(parseSeverity('4')).toMatchObject({ ok: false });
  });

  it('reads numbers with a decimal comma but refuses thousands separators', () => {
    expect(parseNumber('12,5')).toEqual({ ok: true, value: 12.5 });
    expect(parseNumber('12.5')).toEqual({ ok: true, value: 12.5 });
    expect(parseNumber('1.234,5')).toMatchObject({ ok: false });
    expect(parseInteger('3', 0, 365)).toEqual({ ok: true, value: 3 });
    expect(parseInteger('2.5', 0, 365)).toMatchObject({ ok: false });
    expect(parseInteger('400', 0, 365)).toMatchObject({ ok: false, reason: /0 to 365/ });
  });

  it('drops the apostrophe export puts before formula characters', () => {
    expect(cleanText("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(cleanText("'tis")).toBe("'tis");
    expect(cleanText('  ')).toBeNull();
  });

  it('normalises column names for matching', () => {
    expect(normaliseName('Nº Aluno')).toBe(normaliseName('no_aluno'));
    expect(normaliseName('Data de Nascimento')).toBe('datadenascimento');
    expect(normaliseName('Student_ID')).toBe(normaliseName('student id'));
  });
});
