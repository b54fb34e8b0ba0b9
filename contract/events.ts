import type { UpdateStatus } from './domains/updates';

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
  dataChanged: { entities: string[] };
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
