import { Worker } from 'node:worker_threads';
import type { Dataset } from './dataset';
import { cancelledError, ModelError } from './errors';
import { spawnWorker } from './spawn-worker';
import type { TrainProgress, TrainResult } from './train';
import type { TrainOptionsInput } from './train-options';
import type { FromWorker, ToWorker, WorkerInput } from './worker-protocol';

export interface WorkerLaunch {
  /**
   * The worker script. By default `train-worker.ts` beside this file when running from source
   * (loaded through tsx), or `train-worker.js` beside the bundle, which the build must emit there.
   */
  workerUrl?: URL;
}

/**
 * Trains in a worker thread so the caller's event loop stays free. Progress arrives through
 * `onProgress`; aborting `signal` stops the worker at the next epoch and the promise rejects with
 * a ModelError whose code is 'CANCELLED'. Other failures reject with the worker's error.
 */
export function trainInWorker(
  dataset: Dataset,
  options: TrainOptionsInput = {},
  onProgress?: (progress: TrainProgress) => void,
  signal?: AbortSignal,
  launch: WorkerLaunch = {},
): Promise<TrainResult> {
  if (signal?.aborted) return Promise.reject(cancelledError());
  return new Promise<TrainResult>((resolve, reject) => {
    const worker = startWorker({ dataset, options }, launch);
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      outcome();
      void worker.terminate();
    };
    const onAbort = () => worker.postMessage({ type: 'cancel' } satisfies ToWorker);
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'progress') onProgress?.(message.progress);
      else if (message.type === 'done') finish(() => resolve(message.result));
      else {
        const error =
          message.code === 'INTERNAL'
            ? new Error(`Training failed: ${message.message}`)
            : new ModelError(message.code, message.message);
        finish(() => reject(error));
      }
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) =>
      finish(() =>
        reject(new Error(`The training worker stopped (exit code ${code}) before it answered.`)),
      ),
    );
  });
}

function startWorker(input: WorkerInput, launch: WorkerLaunch): Worker {
  if (launch.workerUrl) return new Worker(launch.workerUrl, { workerData: input });
  return spawnWorker(import.meta.url, 'train-worker', input);
}
