import type { Dataset } from './dataset';
import type { ModelErrorCode } from './errors';
import type { TrainProgress, TrainResult } from './train';
import type { TrainOptionsInput } from './train-options';

/** What the parent hands the training worker when it starts it. */
export interface WorkerInput {
  dataset: Dataset;
  options: TrainOptionsInput;
}

/** Parent → worker. */
export type ToWorker = { type: 'cancel' };

/** Worker → parent. */
export type FromWorker =
  | { type: 'progress'; progress: TrainProgress }
  | { type: 'done'; result: TrainResult }
  | { type: 'error'; code: ModelErrorCode | 'INTERNAL'; message: string };
