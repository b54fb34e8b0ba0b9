import type { UpdateStatus } from './domains/updates';

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
  };
  /** The update moved on (checking, downloading, ready to restart, failed). */
  updateStatus: UpdateStatus;
}
export type EventName = keyof Events;
export const eventNames: EventName[] = ['dataChanged', 'jobProgress', 'updateStatus'];
