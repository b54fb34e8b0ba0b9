import { unsafeText } from './csv-write';
import type { Parsed } from './dates';
import { memo } from './memo';
import { normaliseName } from './normalise';

/** Reads the words spreadsheets use for a fixed set of values, in English and Portuguese. */
function vocabulary<T>(entries: [T, string[]][]): Map<string, T> {
  const map = new Map<string, T>();
  for (const [value, words] of entries) {
    for (const w of words) if (normaliseName(w) !== '') map.set(normaliseName(w), value);
  }
  return map;
}

export type AttendanceStatus = 'present' | 'absent' | 'late' | 'excused';

const statuses = vocabulary<AttendanceStatus>([
  ['present', ['P', 'present', 'presente', 'pres', 'here']],
  [
    'absent',
    [
      'A',
      'absent',
      'absence',
      'ausente',
      'falta',
      'F',
      'faltou',
      'FI',
      'falta injustificada',
      'unexcused',
    ],
  ],
  ['late', ['L', 'late', 'tardy', 'atraso', 'atrasado', 'atrasada', 'T', 'tarde']],
  [
    'excused',
    [
      'E',
      'excused',
      'authorised',
      'authorized',
      'justificada',
      'justificado',
      'J',
      'FJ',
      'falta justificada',
    ],
  ],
]);

export type StudentStatus = 'active' | 'dropped_out' | 'transferred_out' | 'graduated';

const studentStatuses = vocabulary<StudentStatus>([
  ['active', ['active', 'enrolled', 'in school', 'ativo', 'ativa', 'matriculado', 'matriculada']],
  [
    'dropped_out',
    ['dropped out', 'dropout', 'dropped', 'left school', 'abandono', 'abandonou', 'desistiu'],
  ],
  ['transferred_out', ['transferred out', 'transferred', 'transfer', 'transferido', 'transferida']],
  ['graduated', ['graduated', 'completed', 'concluiu', 'concluído', 'concluida', 'diplomado']],
]);

const sexes = vocabulary<'F' | 'M' | 'X'>([
  ['F', ['F', 'female', 'feminino', 'fem', 'mulher', 'girl', 'rapariga', 'menina']],
  ['M', ['M', 'male', 'masculino', 'masc', 'homem', 'boy', 'rapaz', 'menino']],
  ['X', ['X', 'other', 'outro', 'non-binary', 'nonbinary', 'não binário']],
]);

const booleans = vocabulary<0 | 1>([
  [1, ['yes', 'y', 'true', '1', 'sim', 's', 'verdadeiro']],
  [0, ['no', 'n', 'false', '0', 'não', 'nao', 'falso']],
]);

const severities = vocabulary<1 | 2 | 3>([
  [1, ['1', 'low', 'minor', 'leve', 'ligeira', 'baixa']],
  [2, ['2', 'medium', 'moderate', 'media', 'média', 'moderada']],
  [3, ['3', 'high', 'serious', 'severe', 'major', 'grave', 'alta', 'muito grave']],
]);

function fromVocabulary<T>(
  map: Map<string, T>,
  text: string,
  what: string,
  hint: string,
): Parsed<T> {
  const v = map.get(normaliseName(text));
  return v === undefined
    ? { ok: false, reason: `"${text.trim()}" is not ${what} (use ${hint})` }
    : { ok: true, value: v };
}

export const parseStatus = memo((t: string) =>
  fromVocabulary(
    statuses,
    t,
    'an attendance mark',
    'P, A, L or E, or present, absent, late, excused',
  ),
);
export const parseStudentStatus = (t: string) =>
  fromVocabulary(
    studentStatuses,
    t,
    "a student's status",
    'active, dropped out, transferred out or graduated',
  );
export const parseSex = (t: string) => fromVocabulary(sexes, t, 'a sex', 'F, M or X');
export const parseYesNo = (t: string) =>
  fromVocabulary(booleans, t, 'yes or no', 'yes/no, 1/0 or sim/não');
export const parseSeverity = (t: string) =>
  fromVocabulary(severities, t, 'a severity', '1, 2 or 3, or low, medium, high');

/** A decimal number; a decimal comma ("12,5") is read as a point, thousands separators are not. */
export function parseNumber(text: string): Parsed<number> {
  const s = text.trim();
  const normal = /^-?\d+,\d+$/.test(s) ? s.replace(',', '.') : s;
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(normal)) return { ok: false, reason: `"${s}" is not a number` };
  return { ok: true, value: Number(normal) };
}

/** A whole number within [min, max]. */
export function parseInteger(text: string, min: number, max: number): Parsed<number> {
  const n = parseNumber(text);
  if (!n.ok) return n;
  if (!Number.isInteger(n.value))
    return { ok: false, reason: `"${text.trim()}" is not a whole number` };
  if (n.value < min || n.value > max) {
    return { ok: false, reason: `${n.value} is outside ${min} to ${max}` };
  }
  return n;
}

/**
 * Text as stored: trimmed, empty as null. The apostrophes export adds before a formula character
 * (so a spreadsheet never runs a note as a formula) are dropped again.
 */
export function cleanText(text: string): string | null {
  const s = text.trim();
  if (s === '') return null;
  return unsafeText(s);
}

/** Words around a grade's number: "Grade 8", "Year 8", "G8", "8th", "8º ano", "8.º". */
const GRADE =
  /^(?:grade|gr|g|year|yr|y|class|form|ano|classe)?\s*\.?\s*(\d{1,2})\s*(?:st|nd|rd|th|\.?\s*[ºª°o])?\s*(?:grade|year|ano|classe)?$/;

/**
 * A grade level 0-13, as spreadsheets write it: "8", "Grade 8", "G8", "8th", "Year 8", "8º ano";
 * K, kindergarten or reception is 0.
 */
export function parseGrade(text: string): Parsed<number> {
  const s = text.trim().toLowerCase();
  if (['k', 'kg', 'kindergarten', 'reception', 'pre-primary'].includes(s)) {
    return { ok: true, value: 0 };
  }
  const m = GRADE.exec(s);
  if (!m)
    return {
      ok: false,
      reason: `"${text.trim()}" is not a grade (use a number from 0 to 13, e.g. 8 or "Grade 8")`,
    };
  return parseInteger(m[1] as string, 0, 13);
}
