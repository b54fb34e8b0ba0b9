import { join } from 'node:path';
import type { EventName, Events } from '../../contract';
import { openDatabase } from '../../db';
import { createDispatch, type Dispatch } from './dispatch';
import { handlers } from './handlers';
import type { HandlerContext } from './handlers/types';
import { runDemoJob, type DemoTuning } from './demo/demo-job';
import { enqueueJob } from './jobs/queue';
import { JobRunner } from './jobs/runner';
import { enqueueDueSchedules } from './jobs/schedule';
import { userDataDir } from './paths';
import { unlockDatabase } from './secrets/database-key';
import { fileSecretStore } from './secrets/file-secret-store';
import { linkedSecretStore } from './secrets/linked-secret-store';
import type { SecretStore } from './secrets/secret-store';
import type { ShellCall } from './transport/shell-link';
import { UpdateService } from './updates/update-service';
import type { UpdaterState } from './updates/update-shell';
import { readRiskSettings } from './scoring/risk-settings';
import { currentSchool } from './services/school';
import { localToday } from './services/date-bounds';
import { runTrainJob } from './training/train-job';
import { appVersion } from './version';

type Listener = (event: EventName, payload: unknown) => void;

export interface Backend {
  dispatch: Dispatch;
  /** Subscribes to every pushed event; returns the unsubscribe function. */
  onEvent(listener: Listener): () => void;
  context: HandlerContext;
  /** Runs persisted jobs (training); started by `runJobs`, or driven by hand with runOnce(). */
  jobs: JobRunner;
  close(): Promise<void>;
}

export interface BackendOptions {
  dbPath: string;
  /** Fixes "today" (YYYY-MM-DD) for tests and the demo school; defaults to the local date. */
  today?: () => string;
  /**
   * Runs queued jobs in the background and keeps the retraining schedule, catching up a run
   * missed while the laptop slept. The app's backend does; the CLI and tests drive jobs by hand.
   */
  runJobs?: boolean;
  /** The wall clock in ms (session lifetimes); tests move it. Default: Date.now. */
  now?: () => number;
  /** Tests only: a smaller or quicker demo school than the first-run screen asks for. */
  demoTuning?: DemoTuning;
  /**
   * The app's link to the Electron main process, for what only it can do: the OS key store
   * and electron-updater. Absent in the CLI, tests and benchmarks.
   */
  shell?: {
    call: ShellCall;
    onUpdaterState(listener: (state: UpdaterState) => void): void;
  };
  /**
   * Where secrets are kept. Default: through `shell` in the app, else user-only files in the
   * user-data folder's secrets/ (the command line).
   */
  secrets?: SecretStore;
}

/** The local calendar date, as staff see it on the laptop. */
export { localToday };

const DAY_MS = 86_400_000;
const IDLE_CHECKPOINT_MS = 15_000;

/**
 * Opens and migrates the database and wires the handlers and the job runner. Plain Node: the
 * Electron utility process, the CLI, the tests and the benchmarks all start the backend here.
 */
export async function startBackend(options: BackendOptions): Promise<Backend> {
  const secrets =
    options.secrets ??
    (options.shell
      ? linkedSecretStore(options.shell.call)
      : fileSecretStore(join(userDataDir(), 'secrets')));
  await unlockDatabase(options.dbPath, secrets);
  const opened = await openDatabase(options.dbPath);
  const listeners = new Set<Listener>();
  const today = options.today ?? (() => localToday());
  const emit = <E extends EventName>(event: E, payload: Events[E]) => {
    for (const listener of listeners) listener(event, payload);
  };
  const runner = new JobRunner({
    db: opened.db,
    emit,
    handlers: {
      train: async (job, tools) => {
        const result = await runTrainJob(opened.db, opened.path, today(), job, tools);
        emit('dataChanged', { entities: ['models', 'risk'] });
        return result;
      },
      demo: async (job, tools) => {
        const result = await runDemoJob(
          opened.db,
          opened.path,
          today(),
          job,
          tools,
          options.demoTuning,
        );
        emit('dataChanged', { entities: ['students', 'risk', 'models'] });
        return result;
      },
    },
  });
  const { shell } = options;
  const updates = new UpdateService({
    db: opened.db,
    currentVersion: appVersion(),
    shell: shell
      ? {
          check: async (feed) => void (await shell.call('checkForUpdate', { feed })),
          install: async () => void (await shell.call('installUpdate', {})),
        }
      : null,
    emit,
  });
  shell?.onUpdaterState((state) => updates.onShellState(state));
  // The app looks for updates a minute after it starts (not to slow the start) and then daily.
  const updateTimers: NodeJS.Timeout[] = [];
  if (shell && options.runJobs) {
    const check = () => void updates.checkOnSchedule();
    updateTimers.push(setTimeout(check, 60_000), setInterval(check, DAY_MS));
    for (const timer of updateTimers) timer.unref();
  }
  const context: HandlerContext = {
    db: opened.db,
    dbPath: opened.path,
    appVersion: appVersion(),
    schemaVersion: opened.schemaVersion,
    migrations: opened.migrations,
    readOnly: opened.readOnly,
    today,
    now: options.now ?? Date.now,
    emit,
    jobs: {
      enqueue: (kind, payload, schoolId, maxAttempts = 2) => {
        const id = enqueueJob(opened.db, kind, payload, { schoolId, maxAttempts });
        runner.wake();
        return id;
      },
    },
    secrets,
    updates,
  };
  let schedule: NodeJS.Timeout | undefined;
  if (options.runJobs) {
    const keepSchedule = () => {
      const school = currentSchool(opened.db);
      if (!school) return;
      const every = readRiskSettings(opened.db, school.id).retrainEveryDays * DAY_MS;
      const payload = { schoolId: school.id, trigger: 'schedule' };
      if (
        enqueueDueSchedules(opened.db, [
          { kind: 'train', everyMs: every, schoolId: school.id, payload },
        ]).length
      ) {
        runner.wake();
      }
    };
    keepSchedule();
    schedule = setInterval(keepSchedule, 3_600_000);
    schedule.unref();
    runner.start();
  }
  // A passive checkpoint when no request has come for a while, so the WAL rarely grows to the
  // auto-checkpoint size on a staff member's save.
  const dispatch = createDispatch(handlers, context);
  let lastRequest = Date.now();
  const idleCheckpoint = setInterval(() => {
    if (Date.now() - lastRequest <= IDLE_CHECKPOINT_MS || opened.readOnly) return;
    // A timer must not throw (it would end the backend): a busy or full disk skips this one.
    try {
      opened.db.pragma('wal_checkpoint(PASSIVE)');
    } catch (err) {
      console.error(`Beacon: idle checkpoint skipped: ${(err as Error).message}`);
    }
  }, IDLE_CHECKPOINT_MS);
  idleCheckpoint.unref();
  return {
    dispatch: (name, input, connection) => {
      lastRequest = Date.now();
      return dispatch(name, input, connection);
    },
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    context,
    jobs: runner,
    close: async () => {
      clearInterval(schedule);
      clearInterval(idleCheckpoint);
      for (const timer of updateTimers) clearTimeout(timer);
      await runner.stop();
      listeners.clear();
      opened.db.close();
    },
  };
}
