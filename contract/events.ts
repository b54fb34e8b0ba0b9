import type { UpdateStatus } from './domains/updates';

/**
 * The tables whose writes the backend's change log records (`recordChange`): a request that
 * wrote any of them says so in its `dataChanged` event, by these names, derived from what the
 * log recorded rather than listed by each handler.
 */
export const changedTables = [
  'schools',
  'users',
  'terms',
  'school_calendar',
  'classes',
  'students',
  'student_status_changes',
  'enrolments',
  'assessments',
  'attendance',
  'marks',
  'behaviour_incidents',
  'interventions',
  'sync_conflicts',
  'import_mappings',
  'model_versions',
  'attendance_summaries',
] as const;
export type ChangedTable = (typeof changedTables)[number];

/**
 * What a `dataChanged` event names: a table the change log recorded, or what is kept current
 * from them (`student_features` after a feature refresh, `risk` after re-scoring, `models` when a
 * model version or the live model changed, `sync` for the sync state), or `*` for everything
 * (a restored backup).
 */
export const dataEntities = [
  ...changedTables,
  'student_features',
  'risk',
  'models',
  'sync',
  '*',
] as const;
export type DataEntity = (typeof dataEntities)[number];

export const isChangedTable = (name: string): name is ChangedTable =>
  (changedTables as readonly string[]).includes(name);

/**
 * A job's step as a code and its numbers, for the renderer to say in the user's language
 * (`message` says the same in English, for the command line and logs). Never an internal
 * name, an epoch or a loss.
 */
export type ProgressStep =
  | { code: 'writing'; date: string }
  | { code: 'history'; examples: number | null }
  | { code: 'prepare' }
  | { code: 'candidate'; at: number; of: number }
  | { code: 'compare' }
  | { code: 'final' }
  | { code: 'check' }
  | { code: 'scoring' }
  | { code: 'saveModel' }
  | { code: 'saveScores' }
  | { code: 'training' };

/** Events the backend pushes to every window, unasked. */
export interface Events {
  /** Rows changed: windows showing these entities reload them. */
  dataChanged: { entities: DataEntity[] };
  /** A background job moved on. */
  jobProgress: {
    jobId: string;
    kind: string;
    stage: string;
    progress: number | null;
    message?: string;
    step?: ProgressStep;
  };
  /** The update moved on (checking, downloading, ready to restart, failed). */
  updateStatus: UpdateStatus;
}
export type EventName = keyof Events;
export const eventNames: EventName[] = ['dataChanged', 'jobProgress', 'updateStatus'];
