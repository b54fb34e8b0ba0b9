/**
 * The training worker: reads the school's history from the database (read-only; workers never
 * write to it), trains and judges a candidate, and answers with the outcome. Running here keeps
 * the backend's event loop free for staff's requests while a model trains.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openSqlite } from '../../../db/driver';
import { isCancelled } from '../../../models';
import type { FromTrainingWorker, ToTrainingWorker, TrainingWorkerInput } from './protocol';
import { runTraining } from './run-training';

const port = parentPort;
if (!port) throw new Error('training-worker must run in a worker thread.');
const { dbPath, training } = workerData as TrainingWorkerInput;
const signal = { aborted: false };
port.on('message', (m: ToTrainingWorker) => {
  if (m.type === 'cancel') signal.aborted = true;
});
const post = (m: FromTrainingWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

// openSqlite: the binding for this runtime, and the key of an encrypted file (inherited from
// the backend through the worker's environment data).
const db = openSqlite(dbPath, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
try {
  const outcome = await runTraining(db, training, {
    signal,
    onProgress: ({ stage, ...detail }) => post({ type: 'progress', stage, detail }),
  });
  post({ type: 'done', outcome }, [outcome.train.artifact.buffer as ArrayBuffer]);
} catch (error) {
  post({
    type: 'error',
    cancelled: signal.aborted && isCancelled(error),
    message: error instanceof Error ? error.message : String(error),
  });
} finally {
  db.close();
  port.close();
}
