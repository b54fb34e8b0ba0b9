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
}
export type EventName = keyof Events;
export const eventNames: EventName[] = ['dataChanged', 'jobProgress'];
