import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db';
import { loadDemoSchool } from '../../main/backend/demo/load-demo';
import {
  featuresAsOf,
  firstAttendanceDate,
  forStudentsRows,
  loadSchoolInputs,
  type StudentRows,
} from '../../main/backend/features';
import { modelInputs, protectedInputs } from '../../main/backend/features/model-inputs';
import { labelAt, type StatusEvent } from '../../main/backend/training/labels';
import { buildTrainingSet, snapshotDates } from '../../main/backend/training/training-set';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const today = '2026-06-30';
let db: Db;
let schoolId: string;

beforeAll(async () => {
  ({ db } = await openDatabase(join(tempDir(), 'set.sqlite')));
  schoolId = loadDemoSchool(db, { students: 120, years: 3, seed: 5, today }, null).schoolId;
}, 120_000);
afterAll(() => db.close());

/**
 * The training examples as the rules define them, made the plain way: each student's rows from
 * the per-student reader the incremental refresh uses (not the whole-school walk training
 * uses), features with featuresAsOf one snapshot at a time, and one record per example.
 */
function referenceSet(includeProtected: boolean) {
  const first = db
    .prepare('SELECT min(date) FROM attendance WHERE school_id = ? AND deleted_at IS NULL')
    .pluck()
    .get(schoolId) as string;
  const snapshots = snapshotDates(first, today, 12, 2);
  const school = loadSchoolInputs(db, schoolId);
  const facts = new Map(
    (
      db.prepare('SELECT id, sex, ethnicity, low_income AS lowIncome FROM students').all() as {
        id: string;
        sex: string | null;
        ethnicity: string | null;
        lowIncome: number;
      }[]
    ).map((s) => [s.id, s]),
  );
  const students: [string, StudentRows][] = [];
  forStudentsRows(db, schoolId, null, (id, rows) => students.push([id, rows]));
  // The whole-school walk visits students in id order.
  students.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const examples: { values: (number | string | null)[]; label: number; id: string; on: string }[] =
    [];
  for (const [id, rows] of students) {
    const firstSeen = firstAttendanceDate(rows.attendance);
    if (!firstSeen) continue;
    const events = rows.statusChanges.map(
      (c) => ({ status: c.status, date: c.effectiveDate }) as StatusEvent,
    );
    for (const on of snapshots) {
      if (firstSeen > on) continue;
      const label = labelAt(events, on, 12, today);
      if (label === null) continue;
      const f = featuresAsOf(rows, on, school);
      const values: (number | string | null)[] = modelInputs.map((input) => {
        const v = input.value(f);
        return input.kind === 'numeric' ? (typeof v === 'number' ? v : NaN) : (v ?? null);
      });
      if (includeProtected) {
        const s = facts.get(id);
        for (const p of protectedInputs) values.push(s ? p.value(s) : null);
      }
      examples.push({ values, label, id, on });
    }
  }
  return examples;
}

const digest = (parts: unknown[]): string =>
  createHash('sha256').update(JSON.stringify(parts)).digest('hex');

describe('the training set', () => {
  it.each([false, true])(
    'holds exactly the examples the rules define, value for value (protected inputs: %s)',
    (includeProtected) => {
      const set = buildTrainingSet(db, schoolId, { today, horizonMonths: 12, includeProtected });
      const reference = referenceSet(includeProtected);
      expect(set.dataset.rows).toBe(reference.length);
      expect(set.dataset.rows).toBeGreaterThan(200);
      expect(set.dataset.labels.reduce((a, y) => a + y, 0)).toBeGreaterThan(0);
      // NaN does not survive JSON, so each value is written as its own string first.
      const asText = (v: number | string | null) => (typeof v === 'number' ? String(v) : v);
      const built = Array.from({ length: set.dataset.rows }, (_, i) => [
        set.studentIds[i],
        set.snapshotDates[i],
        set.dataset.labels[i],
        ...set.dataset.columns.map((c) => asText(c.values[i] as number | string | null)),
      ]);
      const expected = reference.map((e) => [e.id, e.on, e.label, ...e.values.map(asText)]);
      expect(digest(built)).toBe(digest(expected));
      expect(set.dataset.columns.map((c) => c.name)).toEqual([
        ...modelInputs.map((m) => m.name),
        ...(includeProtected ? protectedInputs.map((p) => p.name) : []),
      ]);
    },
  );
});
