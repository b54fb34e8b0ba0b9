import { createDataset, type Column, type Dataset } from '../../../models';
import type { Db } from '../../../db';
import {
  featuresOverTime,
  firstAttendanceDate,
  forEachStudentRows,
  loadSchoolInputs,
} from '../features';
import { addMonths, labelAt, type StatusEvent } from './labels';
import {
  modelInputs,
  protectedInputs,
  type ModelInput,
  type ProtectedFacts,
} from '../features/model-inputs';

export interface TrainingSetOptions {
  /** The last date whose outcome is known (the school's today). */
  today: string;
  /** Months after a snapshot in which a dropout counts (default 12). */
  horizonMonths?: number;
  /** Months between snapshots (default 2). */
  everyMonths?: number;
  /** Adds sex, ethnicity and low income as model inputs (a school setting; off by default). */
  includeProtected?: boolean;
}

/** Audit columns for fairness, kept beside the dataset and never fed to the model. */
export interface AuditGroups {
  sex: (string | null)[];
  ageBand: (string | null)[];
}

export interface TrainingSet {
  dataset: Dataset;
  studentIds: string[];
  snapshotDates: string[];
  groups: AuditGroups;
  /** The month (1-12) the school year starts in, to tell snapshots' school years apart. */
  yearStartMonth: number;
  /** First and last snapshot dates: the training window recorded with the model. */
  window: { from: string | null; to: string | null };
  snapshots: string[];
}

const ageBand = (dob: string | null, on: string): string | null => {
  if (!dob) return null;
  const age =
    Number(on.slice(0, 4)) - Number(dob.slice(0, 4)) - (on.slice(5) < dob.slice(5) ? 1 : 0);
  return age <= 13 ? '13 or under' : age <= 15 ? '14-15' : age <= 17 ? '16-17' : '18 or over';
};

/** Snapshot dates: the first of every `every`-th month whose horizon has fully passed by today. */
export function snapshotDates(
  first: string,
  today: string,
  horizonMonths: number,
  every: number,
): string[] {
  const dates: string[] = [];
  for (
    let d = addMonths(`${first.slice(0, 7)}-01`, 2);
    addMonths(d, horizonMonths) <= today;
    d = addMonths(d, every)
  ) {
    dates.push(d);
  }
  return dates;
}

/**
 * Training examples from the school's own history: each student's features as they stood on
 * each snapshot date, labelled by whether they dropped out within the horizon after it (see
 * labels.ts for who is left out). Students not yet enrolled on a snapshot are skipped.
 */
export function buildTrainingSet(
  db: Db,
  schoolId: string,
  options: TrainingSetOptions,
): TrainingSet {
  const horizon = options.horizonMonths ?? 12;
  const first = db
    .prepare('SELECT min(date) FROM attendance WHERE school_id = ? AND deleted_at IS NULL')
    .pluck()
    .get(schoolId) as string | null;
  const snapshots = first
    ? snapshotDates(first, options.today, horizon, options.everyMonths ?? 2)
    : [];
  const school = loadSchoolInputs(db, schoolId);
  const facts = new Map(
    (
      db
        .prepare(
          `SELECT id, sex, ethnicity, low_income AS lowIncome, date_of_birth
           FROM students WHERE school_id = ? AND deleted_at IS NULL`,
        )
        .all(schoolId) as ({ id: string; date_of_birth: string | null } & ProtectedFacts)[]
    ).map((s) => [s.id, s]),
  );
  // Each input's values in a column of their own, filled as the examples are made: a record
  // object per example (48 keys, spread and read back by name) cost more than the features.
  // Numeric columns grow as typed arrays (no boxed numbers, no copy at the end); the loops are
  // plain, with no callback made per example.
  const inputs = [
    ...modelInputs,
    ...(options.includeProtected
      ? protectedInputs.map((p) => ({ name: p.name, kind: 'categorical' as const }))
      : []),
  ];
  const numeric = modelInputs.map((input) => input.kind === 'numeric');
  const columnsOut = new ColumnsBuilder(numeric, inputs.length - modelInputs.length);
  const labels: number[] = [];
  const studentIds: string[] = [];
  const dates: string[] = [];
  const groups: AuditGroups = { sex: [], ageBand: [] };
  if (snapshots.length > 0) {
    forEachStudentRows(db, schoolId, (studentId, rows) => {
      const firstSeen = firstAttendanceDate(rows.attendance);
      if (!firstSeen) return;
      const events = rows.statusChanges.map(
        (c) => ({ status: c.status, date: c.effectiveDate }) as StatusEvent,
      );
      const student = facts.get(studentId);
      const featuresAt = featuresOverTime(rows, school);
      for (const snapshot of snapshots) {
        if (firstSeen > snapshot) continue;
        const label = labelAt(events, snapshot, horizon, options.today);
        if (label === null) continue;
        const features = featuresAt(snapshot);
        const row = columnsOut.addRow();
        for (let c = 0; c < modelInputs.length; c++) {
          columnsOut.set(row, c, (modelInputs[c] as ModelInput).value(features));
        }
        if (options.includeProtected) {
          for (let k = 0; k < protectedInputs.length; k++) {
            const input = protectedInputs[k] as (typeof protectedInputs)[number];
            columnsOut.set(row, modelInputs.length + k, student ? input.value(student) : null);
          }
        }
        labels.push(label);
        studentIds.push(studentId);
        dates.push(snapshot);
        groups.sex.push(student?.sex ?? null);
        groups.ageBand.push(ageBand(student?.date_of_birth ?? null, snapshot));
      }
    });
  }
  const columns: Column[] = inputs.map((input, c) =>
    input.kind === 'numeric'
      ? { name: input.name, kind: 'numeric', values: columnsOut.numeric(c) }
      : { name: input.name, kind: 'categorical', values: columnsOut.categorical(c) },
  );
  return {
    dataset: createDataset(columns, labels),
    studentIds,
    snapshotDates: dates,
    groups,
    yearStartMonth: school.schoolYearStartMonth,
    window: { from: snapshots[0] ?? null, to: snapshots.at(-1) ?? null },
    snapshots,
  };
}

/**
 * The examples' input columns as they are filled, one row at a time: numeric inputs into typed
 * arrays that double as they fill (a value that is not a number is missing: NaN), the others
 * into arrays of their values (null when missing). Inputs past `numeric` (protected ones) are
 * categorical.
 */
class ColumnsBuilder {
  private readonly numbers: (Float64Array | null)[];
  private readonly others: ((string | null)[] | null)[];
  private rows = 0;
  private capacity = 1024;
  constructor(numeric: readonly boolean[], extra: number) {
    const kinds = [...numeric, ...new Array<boolean>(extra).fill(false)];
    this.numbers = kinds.map((n) => (n ? new Float64Array(this.capacity) : null));
    this.others = kinds.map((n) => (n ? null : []));
  }

  /** Makes room for one more row and answers its index. */
  addRow(): number {
    if (this.rows === this.capacity) {
      this.capacity *= 2;
      for (let c = 0; c < this.numbers.length; c++) {
        const old = this.numbers[c];
        if (!old) continue;
        const grown = new Float64Array(this.capacity);
        grown.set(old);
        this.numbers[c] = grown;
      }
    }
    return this.rows++;
  }

  set(row: number, column: number, value: number | string | null): void {
    const numbers = this.numbers[column];
    if (numbers) numbers[row] = typeof value === 'number' ? value : NaN;
    else (this.others[column] as (string | null)[]).push((value ?? null) as string | null);
  }

  numeric(column: number): Float64Array {
    return (this.numbers[column] as Float64Array).slice(0, this.rows);
  }

  categorical(column: number): (string | null)[] {
    return this.others[column] as (string | null)[];
  }
}
