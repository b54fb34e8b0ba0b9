import type { TrainingInput, TrainingOutcome } from './run-training';

/** What the backend hands the training worker: where the database is, and what to train. */
export interface TrainingWorkerInput {
  dbPath: string;
  training: TrainingInput;
}

export type ToTrainingWorker = { type: 'cancel' };

export type FromTrainingWorker =
  | { type: 'progress'; stage: string; detail: Record<string, unknown> }
  | { type: 'done'; outcome: TrainingOutcome }
  | { type: 'error'; cancelled: boolean; message: string };
