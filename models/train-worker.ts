/**
 * The training worker's entry: trains on the dataset it was started with, posts progress, and
 * answers with the trained artifact or an error. It never touches the database.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ModelError } from './errors';
import { trainModel } from './train';
import type { FromWorker, ToWorker, WorkerInput } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('models/train-worker.ts must run in a worker thread.');
const { dataset, options } = workerData as WorkerInput;
const signal = { aborted: false };
port.on('message', (message: ToWorker) => {
  if (message.type === 'cancel') signal.aborted = true;
});
const post = (message: FromWorker, transfer: ArrayBuffer[] = []) =>
  port.postMessage(message, transfer);

try {
  const result = await trainModel(dataset, options, {
    signal,
    onProgress: (progress) => post({ type: 'progress', progress }),
  });
  post({ type: 'done', result }, [result.artifact.buffer as ArrayBuffer]);
} catch (error) {
  if (error instanceof ModelError)
    post({ type: 'error', code: error.code, message: error.message });
  else
    post({
      type: 'error',
      code: 'INTERNAL',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
} finally {
  port.close();
}
