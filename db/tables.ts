import type { ChangedTable } from '../contract';

/**
 * One description of each table the change log records: its columns, and what sync makes of
 * it. Sync's table list, payload rules and travelling columns (main/backend/sync/), writers'
 * INSERT column lists (`insertSql`, which makes each writer name every column), row types
 * (`ColumnOf`, `RowOf`) and the change log's vocabulary (`ChangedTable`, which must name exactly
 * these tables) read it from here; test/integration/table-descriptions.test.ts holds it to the
 * migrated schema.
 */
export interface TableDescription {
  /** Every column, in the schema's order (for attendance, its view's). */
  readonly columns: readonly string[];
  /** Whether its rows travel to the central server (in this object's order: parents first). */
  readonly synced: boolean;
  /** Columns that never leave the laptop, whatever the central schema has. */
  readonly localOnly?: readonly string[];
  /** Values for local NOT NULL columns that do not travel, for a row first pulled here. */
  readonly localDefaults?: Readonly<Record<string, string | number>>;
  /** Columns the laptop derives rather than stores (attendance's id is its natural key). */
  readonly derived?: readonly string[];
  /** One row per natural key besides the id: two laptops can make the same one. */
  readonly naturalKey?: readonly string[];
  /**
   * A key that names the record itself (a pupil's number, a class's name in its year), on a row
   * others point at: two laptops that make the same one made one record twice, each with its own
   * children. The laptop that pushes second adopts the server's row (sync/adopt.ts).
   */
  readonly identityKey?: readonly string[];
}

/** The bookkeeping columns every synced row has (see docs/architecture.md, Data). */
const stamps = ['created_at', 'updated_at', 'version', 'deleted_at'] as const;

export const tables = {
  schools: {
    columns: [
      'id',
      'name',
      'code',
      'region',
      'country',
      'timezone',
      'school_year_start_month',
      ...stamps,
    ],
    synced: true,
  },
  users: {
    columns: [
      'id',
      'school_id',
      'username',
      'display_name',
      'role',
      'password_hash',
      'failed_logins',
      'locked_until',
      'disabled_at',
      ...stamps,
    ],
    synced: true,
    localOnly: ['password_hash', 'failed_logins', 'locked_until'],
    // A pulled user has no password here ('!' matches no hash) until one is set on this laptop.
    localDefaults: { password_hash: '!' },
    identityKey: ['username'],
  },
  terms: {
    columns: ['id', 'school_id', 'school_year', 'name', 'start_date', 'end_date', ...stamps],
    synced: true,
    identityKey: ['school_year', 'name'],
  },
  school_calendar: {
    columns: ['id', 'school_id', 'date', 'kind', 'note', ...stamps],
    synced: true,
    // One row per date, and nothing points at a calendar row: settled like a mark.
    naturalKey: ['date'],
  },
  classes: {
    columns: ['id', 'school_id', 'school_year', 'name', 'grade_level', 'teacher_id', ...stamps],
    synced: true,
    identityKey: ['school_year', 'name'],
  },
  students: {
    columns: [
      'id',
      'school_id',
      'student_number',
      'first_name',
      'last_name',
      'sex',
      'date_of_birth',
      'ethnicity',
      'low_income',
      'grade_level',
      'entry_date',
      'status',
      'archived_at',
      ...stamps,
      // Migration 0060 (district): added last, so it follows the stamps.
      'national_number',
    ],
    synced: true,
    identityKey: ['student_number'],
  },
  student_status_changes: {
    columns: [
      'id',
      'school_id',
      'student_id',
      'status',
      'effective_date',
      'reason',
      'recorded_by',
      ...stamps,
    ],
    synced: true,
  },
  enrolments: {
    columns: ['id', 'school_id', 'student_id', 'class_id', 'start_date', 'end_date', ...stamps],
    synced: true,
  },
  assessments: {
    columns: [
      'id',
      'school_id',
      'class_id',
      'term_id',
      'subject',
      'name',
      'date',
      'max_score',
      'weight',
      ...stamps,
    ],
    synced: true,
  },
  attendance: {
    // The view over attendance_days (migration 0009): ids for the local keys, the natural key
    // as `id`, the clock's time as the stamps.
    columns: [
      'school_id',
      'student_id',
      'class_id',
      'date',
      'status',
      'minutes_late',
      'note',
      'recorded_by',
      'version',
      'deleted_at',
      'student_key',
      'day',
      'id',
      'updated_at',
      'created_at',
    ],
    synced: true,
    // Its keys as stored and its clock's times are the laptop's: the central table has none.
    localOnly: ['student_key', 'day', 'updated_at', 'created_at'],
    derived: ['id'],
  },
  marks: {
    columns: ['id', 'school_id', 'assessment_id', 'student_id', 'score', ...stamps],
    synced: true,
    naturalKey: ['assessment_id', 'student_id'],
  },
  behaviour_incidents: {
    columns: [
      'id',
      'school_id',
      'student_id',
      'date',
      'category',
      'severity',
      'description',
      'action_taken',
      'suspension_days',
      'recorded_by',
      ...stamps,
    ],
    synced: true,
  },
  interventions: {
    columns: [
      'id',
      'school_id',
      'student_id',
      'type',
      'owner_id',
      'start_date',
      'review_date',
      'status',
      'outcome_note',
      ...stamps,
    ],
    synced: true,
  },
  sync_conflicts: {
    columns: [
      'id',
      'school_id',
      'table_name',
      'row_id',
      'kept_version',
      'kept_origin',
      'lost_version',
      'lost_origin',
      'lost_row',
      'detected_at',
      'resolution',
      'resolved_by',
      'resolved_at',
      ...stamps,
    ],
    synced: true,
  },
  import_mappings: {
    columns: ['id', 'school_id', 'name', 'kind', 'definition', ...stamps],
    synced: false,
  },
  model_versions: {
    columns: [
      'id',
      'school_id',
      'kind',
      'status',
      'status_reason',
      'source',
      'trigger',
      'training_from',
      'training_to',
      'feature_schema_hash',
      'metrics',
      'artifact_sha256',
      'artifact',
      ...stamps,
    ],
    synced: false,
  },
  attendance_summaries: {
    columns: [
      'id',
      'school_id',
      'student_id',
      'period',
      'absences',
      'school_days',
      'source',
      ...stamps,
    ],
    synced: false,
  },
} as const satisfies Record<ChangedTable, TableDescription>;

export type Tables = typeof tables;

/**
 * Tables that store a described table's rows in another shape: `attendance` is a view over
 * `attendance_days` (migration 0009), whose rows its one writer (services/attendance-rows.ts),
 * the demo writer and sync's compact outbox read make. Not in the change log's vocabulary.
 */
export const storedTables = {
  attendance_days: {
    columns: [
      'student_key',
      'day',
      'status',
      'class_key',
      'minutes_late',
      'note',
      'recorded_by_key',
      'version',
      'deleted_at',
    ],
  },
} as const;

type Described = Tables & typeof storedTables;

/** A table whose columns db/tables.ts describes. */
export type DescribedTable = keyof Described;

/** A column of `table`, as its description names it. */
export type ColumnOf<T extends DescribedTable> = Described[T]['columns'][number];

/**
 * `V`, held to give every column of `T` a value: a row type spelled out for its values' types
 * (a service's row, a writer's image of a row) that a column added to the description makes
 * fail to typecheck until it says what the column holds.
 */
export type RowOf<T extends DescribedTable, V extends Record<ColumnOf<T>, unknown>> = V;

/** An `attendance_days` row as SQLite stores it: local keys, the day since the epoch, the status's code. */
type AttendanceDayValues = RowOf<
  'attendance_days',
  {
    student_key: number;
    day: number;
    status: number;
    class_key: number | null;
    minutes_late: number | null;
    note: string | null;
    recorded_by_key: number | null;
    version: number;
    deleted_at: string | null;
  }
>;

/**
 * An `attendance_days` row as `.raw()` reads `SELECT ${attendanceDayColumns}`: one value a
 * column, in the description's order (the type follows the list, so the two cannot drift).
 */
export type AttendanceDayTuple = TupleOf<
  (typeof storedTables)['attendance_days']['columns'],
  AttendanceDayValues
>;

/** One value a column, in the list's order (a mapped type over a type parameter keeps a tuple). */
type TupleOf<C extends readonly (keyof V)[], V> = { -readonly [I in keyof C]: V[C[I]] };

/** Every column of `attendance_days`, for a SELECT whose rows are `AttendanceDayTuple`s. */
export const attendanceDayColumns = storedTables.attendance_days.columns.join(', ');

/** The columns of `T` that `W` (written) and `D` (left to defaults) leave unnamed. */
type Unnamed<T extends DescribedTable, W, D> = Exclude<ColumnOf<T>, W | D>;

/**
 * `D`, the columns of `T` an insert leaves to their defaults, as a parameter's type: with `W`
 * (the columns it writes) they must name every column, or the call fails to typecheck, saying
 * which are `unnamed`.
 */
export type Defaulted<T extends DescribedTable, W, D extends readonly unknown[]> = D &
  ([Unnamed<T, W, D[number]>] extends [never] ? unknown : { unnamed: Unnamed<T, W, D[number]> });

/**
 * `(a, b, c)`: the columns an INSERT into `table` writes. Every other column of the table's
 * description must be named in `defaulted` (left to the schema's default or NULL), so a column
 * added to the schema and to this file fails to typecheck at each writer until it says which;
 * a name the description lacks is refused too. Build it once (a module constant, a statement
 * prepared once), never per row.
 */
export function insertColumns<
  T extends DescribedTable,
  const W extends readonly ColumnOf<T>[],
  const D extends readonly Exclude<ColumnOf<T>, W[number]>[],
>(table: T, written: W, defaulted: Defaulted<T, W[number], D>): string {
  const columns: readonly string[] = ({ ...tables, ...storedTables } as Described)[table].columns;
  const named = new Set<string>([...written, ...defaulted]);
  const unknown = [...named].filter((c) => !columns.includes(c));
  const missing = columns.filter((c) => !named.has(c));
  if (unknown.length || missing.length || named.size !== written.length + defaulted.length) {
    throw new Error(
      `An insert into ${table} must name each described column once (unknown: ${unknown.join(', ') || 'none'}; unnamed: ${missing.join(', ') || 'none'}).`,
    );
  }
  return `(${written.join(', ')})`;
}

/**
 * `INSERT INTO table (a, b) VALUES (?, ?)` through `insertColumns` (its check included), with
 * `?` for each written column unless `values` gives each its SQL (a named parameter, NULL).
 */
export function insertSql<
  T extends DescribedTable,
  const W extends readonly ColumnOf<T>[],
  const D extends readonly Exclude<ColumnOf<T>, W[number]>[],
>(
  table: T,
  written: W,
  defaulted: Defaulted<T, W[number], D>,
  values: { readonly [K in keyof W]: string } | null = null,
): string {
  const list = insertColumns<T, W, D>(table, written, defaulted);
  if (values && values.length !== written.length)
    throw new Error(
      `An insert into ${table} gives ${values.length} values for ${written.length} columns.`,
    );
  return `INSERT INTO ${table} ${list} VALUES (${(values ?? written.map(() => '?')).join(', ')})`;
}

/** The tables whose rows travel to the central server. */
export type SyncedTable = {
  [T in ChangedTable]: Tables[T]['synced'] extends true ? T : never;
}[ChangedTable];

/** Every described table, in the description's order. */
export const tableNames = Object.keys(tables) as ChangedTable[];

/** The description of `table`, widened for code that reads any table's. */
export const describeTable = (table: ChangedTable): TableDescription => tables[table];
