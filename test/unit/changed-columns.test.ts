import { describe, expect, it } from 'vitest';
import { changedColumns } from '../../main/backend/services/changes';

/** changedColumns as it was written before its loops were made allocation-free: the reference. */
function reference(
  before: object | null,
  after: object | null,
): { before: Record<string, unknown> | null; after: Record<string, unknown> | null } {
  const bookkeeping = new Set(['id', 'school_id', 'created_at', 'updated_at', 'version']);
  const b = before as Record<string, unknown> | null;
  const a = after as Record<string, unknown> | null;
  const pick = (row: Record<string, unknown>, keep: (k: string, v: unknown) => boolean) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) if (!bookkeeping.has(k) && keep(k, v)) out[k] = v;
    return out;
  };
  if (!b) return { before: null, after: a ? pick(a, (_k, v) => v !== null) : null };
  if (!a) return { before: pick(b, () => true), after: null };
  const keys = Object.keys(a).filter((k) => !bookkeeping.has(k) && a[k] !== b[k]);
  const changed = (row: Record<string, unknown>) =>
    Object.fromEntries(keys.map((k) => [k, row[k] ?? null]));
  return { before: changed(b), after: changed(a) };
}

const attendance = {
  class_id: 'c1',
  status: 'present',
  minutes_late: null,
  note: null,
  recorded_by: 'u1',
  version: 7,
  deleted_at: null,
};

const cases: [string, object | null, object | null][] = [
  ['nothing', null, null],
  [
    'a created row, without bookkeeping or empty columns',
    null,
    {
      id: 'x',
      school_id: 's',
      created_at: 't',
      name: 'Ada',
      grade: 9,
      note: null,
      extra: undefined,
    },
  ],
  ['a deleted row', { id: 'x', school_id: 's', version: 3, name: 'Ada', note: null }, null],
  [
    'an edited attendance row',
    attendance,
    {
      ...attendance,
      status: 'late',
      minutes_late: 5,
      version: 8,
    },
  ],
  ['an edit that changes nothing but the clock', attendance, { ...attendance, version: 9 }],
  ['a column the after has and the before lacks', { name: 'Ada' }, { name: 'Ada', email: 'a@b' }],
  ['a column cleared to undefined', { name: 'Ada', note: 'x' }, { name: 'Ada', note: undefined }],
  ['numbers, zero and NaN', { n: 0, m: Number.NaN, k: 1 }, { n: -0, m: Number.NaN, k: 2 }],
];

describe('changedColumns', () => {
  it.each(cases)('answers what the reference answers: %s', (_name, before, after) => {
    const got = changedColumns(before, after);
    const want = reference(before, after);
    expect(got).toStrictEqual(want);
    // Same keys in the same order: the audit stores them as JSON.
    expect(JSON.stringify(got)).toBe(JSON.stringify(want));
  });
});
