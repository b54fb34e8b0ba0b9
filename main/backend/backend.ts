import { dirname, join } from 'node:path';
import type { EventName, Events, Failure } from '../../contract';
import { BeaconError, openDatabase, watchChanged, writeTransaction } from '../../db';
import { reclaimFreePages } from '../../db/vacuum';
import { createDispatch, type Dispatch } from './dispatch';
import { handlers } from './handlers';
import type { HandlerContext } from './handlers/types';
import { runDemoJob, type DemoTuning } from './demo/demo-job';
import { BackupService } from './backup/backup-service';
import { backupBeforeMigration } from './backup/backup-before-migration';
import { readBackupSettings } from './backup/backup-settings';
import { clearInterruptedRestore } from './backup/replace-database';
import { HealthMonitor } from './health/health-monitor';
import { errorFields } from './logs/log-fields';
import { fileLogger, silentLogger, type Logger } from './logs/logger';
import { activeJob, enqueueJob } from './jobs/queue';
import { runningJobCount } from './jobs/running-jobs';
import { JobRunner } from './jobs/runner';
import { enqueueDueSchedules } from './jobs/schedule';
import { userDataDir } from './paths';
import { unlockDatabase } from './secrets/database-key';
import { fileSecretStore } from './secrets/file-secret-store';
import { linkedSecretStore } from './shell/linked-secret-store';
import type { SecretStore } from './secrets/secret-store';
import type { ShellCall } from './shell/shell-link';
import { UpdateService } from './updates/update-service';
import type { UpdaterState } from './updates/update-shell';
import { keptCurrent } from './keep-current';
import { readRiskSettings } from './scoring/risk-settings';
import { currentSchool } from './services/school';
import { localToday } from './services/date-bounds';
import { runSyncJob, syncSchedule } from './sync/sync-job';
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
  /**
   * Where structured logs go (rotated, no personal data); null for none. Default: `logs/`
   * beside the database, i.e. in the user-data folder.
   */
  logDir?: string | null;
  /**
   * Tests only: how long a job's lease lasts without renewal (default a minute), i.e. how soon
   * another process takes over the job of one that died.
   */
  jobLeaseMs?: number;
}

/** The local calendar date, as staff see it on the laptop. */
export { localToday };

const DAY_MS = 86_400_000;
/**
 * Quiet time after a request before the WAL is folded back into the database: long enough that a
 * teacher's clicks are not interrupted, short enough that a save never meets a checkpoint.
 */
const IDLE_CHECKPOINT_MS = 1_000;
const SLOW_REQUEST_MS = 250;

// BUSY: the nearest stable code; the window closing with it rarely shows the words.
const closedFailure: Failure = {
  ok: false,
  code: 'BUSY',
  message: 'Beacon is closing: this request was not run.',
};
/** Job stages worth a log line: where a job starts and how it ends, not every step between. */
const loggedStages = new Set(['started', 'succeeded', 'failed', 'retrying', 'cancelled']);

function logJobProgress(logger: Logger, p: Events['jobProgress']): void {
  if (!loggedStages.has(p.stage)) return;
  const level = p.stage === 'failed' ? 'error' : p.stage === 'retrying' ? 'warn' : 'info';
  logger.log(level, 'job.progress', { kind: p.kind, jobId: p.jobId, stage: p.stage });
}

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
  clearInterruptedRestore(options.dbPath);
  await backupBeforeMigration(options.dbPath);
  // A restore replaces the file, so the connection (and the runner that uses it) can change:
  // everything below reads `opened` and `runner` when it runs, never a copy taken at start.
  let opened = await openDatabase(options.dbPath);
  const listeners = new Set<Listener>();
  const today = options.today ?? (() => localToday());
  const logger: Logger =
    options.logDir === null
      ? silentLogger
      : fileLogger(options.logDir ?? join(dirname(options.dbPath), 'logs'));
  const emit = <E extends EventName>(event: E, payload: Events[E]) => {
    if (event === 'jobProgress') logJobProgress(logger, payload as Events['jobProgress']);
    for (const listener of listeners) listener(event, payload);
  };
  /**
   * Runs a job and, when it ends (done or failed: what it wrote before failing stays), sends one
   * `dataChanged` naming what the change log recorded meanwhile (`watchChanged`) and what keeping
   * current follows from it. Requests' own writes send their events as served.
   */
  const reportingChanges = async <T>(run: () => Promise<T>) => {
    const db = opened.db;
    const watched = watchChanged(db);
    try {
      return await run();
    } finally {
      const entities = keptCurrent(watched());
      if (entities.length > 0) emit('dataChanged', { entities });
    }
  };
  const makeRunner = () =>
    new JobRunner({
      db: opened.db,
      emit,
      ...(options.jobLeaseMs === undefined
        ? {}
        : { leaseMs: options.jobLeaseMs, pollMs: options.jobLeaseMs / 3 }),
      handlers: {
        train: async (job, tools) => {
          // A new champion changes every score: keep the file as it was first. The backup is
          // written while the worker trains, and must succeed before anything is registered.
          const backup = backups.backup('before-model-change');
          const started = performance.now();
          let result;
          try {
            result = await reportingChanges(() =>
              runTrainJob(opened.db, opened.path, today(), job, tools, () => backup),
            );
          } finally {
            // Never leave a backup running behind a failed job (the runner may close the file).
            await backup.catch(() => undefined);
          }
          health.recordTraining(performance.now() - started);
          return result;
        },
        demo: (job, tools) =>
          reportingChanges(() =>
            runDemoJob(opened.db, opened.path, today(), job, tools, options.demoTuning),
          ),
        // The sync state it writes (last success or error, checkpoints) notes 'sync' itself.
        sync: (job, tools) =>
          reportingChanges(() => runSyncJob(opened.db, secrets, job, tools, today())),
        backup: async (job) => {
          const reason =
            (job.payload as { reason?: unknown }).reason === 'manual' ? 'manual' : 'scheduled';
          const made = await backups.backup(reason);
          sampleHealth();
          return made;
        },
      },
    });
  let runner = makeRunner();
  const { shell } = options;
  const updates = new UpdateService({
    get db() {
      return opened.db;
    },
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
  let swapping: Promise<unknown> | null = null;
  const reopen = async (swap: () => void | Promise<void>): Promise<number> => {
    if (swapping) throw new BeaconError('CONFLICT', 'A restore is already under way.');
    const work = (async () => {
      await runner.stop();
      opened.db.close();
      let failure: unknown = null;
      try {
        await swap();
      } catch (err) {
        failure = err;
      }
      opened = await openDatabase(options.dbPath);
      runner = makeRunner();
      if (options.runJobs) runner.start();
      if (failure !== null) throw failure;
      return opened.schemaVersion;
    })();
    swapping = work.catch(() => undefined);
    try {
      return await work;
    } finally {
      swapping = null;
    }
  };
  const backups = new BackupService({
    db: () => opened.db,
    dbPath: options.dbPath,
    secrets,
    runningJobs: () => runningJobCount(opened.db),
    reopen,
    logger,
  });
  const health = new HealthMonitor({
    db: () => opened.db,
    dbPath: options.dbPath,
    newestBackupAt: () => backups.list().backups[0]?.createdAt ?? null,
    backupEveryHours: () => backups.settings().everyHours,
  });
  // A figure that cannot be read or stored (a full disk, say) is a gap in the history, never a
  // failed backup or a backend that does not start.
  const sampleHealth = () => {
    if (swapping) return;
    try {
      health.sample();
    } catch (err) {
      logger.log('warn', 'health.unsampled', errorFields(err));
    }
  };
  const context: HandlerContext = {
    get db() {
      return opened.db;
    },
    dbPath: opened.path,
    appVersion: appVersion(),
    get schemaVersion() {
      return opened.schemaVersion;
    },
    get migrations() {
      return opened.migrations;
    },
    get readOnly() {
      return opened.readOnly;
    },
    today,
    now: options.now ?? Date.now,
    emit,
    jobs: {
      enqueue: (kind, payload, schoolId, maxAttempts = 2) => {
        const id = enqueueJob(opened.db, kind, payload, { schoolId, maxAttempts });
        runner.wake();
        return id;
      },
      enqueueUnlessActive: (kind, payload, schoolId) => {
        const found = writeTransaction(opened.db, () => {
          const active = activeJob(opened.db, kind, schoolId);
          if (active) return { id: active.id, existing: true };
          return { id: enqueueJob(opened.db, kind, payload, { schoolId }), existing: false };
        });
        if (!found.existing) runner.wake();
        return found;
      },
    },
    secrets,
    updates,
    backups,
    health,
    print: shell
      ? {
          choosePath: (windowId, defaultName) =>
            shell.call('choosePdfPath', { windowId, defaultName }),
          print: (windowId) => shell.call('printWindowToPdf', { windowId }),
        }
      : null,
  };
  let schedule: NodeJS.Timeout | undefined;
  if (options.runJobs) {
    const keepSchedule = () => {
      if (swapping) return;
      const school = currentSchool(opened.db);
      if (!school) return;
      const every = readRiskSettings(opened.db, school.id).retrainEveryDays * DAY_MS;
      const payload = { schoolId: school.id, trigger: 'schedule' };
      const backupEvery = readBackupSettings(opened.db, school.id).everyHours * 3_600_000;
      if (
        enqueueDueSchedules(opened.db, [
          { kind: 'train', everyMs: every, schoolId: school.id, payload },
          {
            kind: 'backup',
            everyMs: backupEvery,
            schoolId: school.id,
            payload: { reason: 'scheduled' },
          },
          ...syncSchedule(opened.db, school.id),
        ]).length
      ) {
        runner.wake();
      }
    };
    keepSchedule();
    sampleHealth();
    schedule = setInterval(() => {
      keepSchedule();
      sampleHealth();
    }, 3_600_000);
    schedule.unref();
    runner.start();
  }
  // Where an unexpected error came from goes to the log and the console, never what it said
  // (a message can quote a student's name).
  const dispatch = createDispatch(handlers, context, (err) => {
    const fields = errorFields(err);
    logger.log('error', 'request.internal', fields);
    console.error(`Beacon backend: internal error ${JSON.stringify(fields)}`);
  });
  logger.log('info', 'backend.started', {
    appVersion: appVersion(),
    schemaVersion: opened.schemaVersion,
    runJobs: options.runJobs === true,
  });
  // A passive checkpoint whenever requests pause: the WAL is folded back in idle time, so a staff
  // member's save never pays for a checkpoint inside its commit (the auto-checkpoint size,
  // applyPragmas, is only reached by a connection that never pauses). With nothing new in the WAL
  // (jobs write too, so every pause checks) it costs microseconds. Not while a job runs: a job
  // writes tens of megabytes (a training's scores, an import), and each checkpoint on this thread
  // copied what the last second wrote, up to 100 ms under load, between the job's own slices.
  // The first pause after the job folds it back in one go. Before it, a bounded step of handing
  // deleted space back to the disk when enough is free (db/vacuum.ts: a few pragma reads
  // otherwise); the checkpoint right after is what shortens the file.
  let lastRequest = Date.now();
  const idleCheckpoint = setInterval(() => {
    if (swapping || opened.readOnly || runner.busy) return;
    if (Date.now() - lastRequest < IDLE_CHECKPOINT_MS) return;
    // A timer must not throw (it would end the backend): a busy or full disk skips this one.
    try {
      reclaimFreePages(opened.db);
      opened.db.pragma('wal_checkpoint(PASSIVE)');
    } catch (err) {
      console.error(`Beacon: idle checkpoint skipped: ${(err as Error).message}`);
    }
  }, IDLE_CHECKPOINT_MS);
  idleCheckpoint.unref();
  // Requests still running when the backend closes finish before the file closes; later ones are
  // refused, instead of failing inside on a closed connection.
  let closing = false;
  const running = new Set<Promise<unknown>>();
  return {
    dispatch: async (name, input, connection) => {
      if (closing) return closedFailure;
      lastRequest = Date.now();
      // Requests that arrive while a restore swaps the file wait for the new one.
      if (swapping) await swapping;
      const started = performance.now();
      const request = dispatch(name, input, connection);
      running.add(request);
      const result = await request.finally(() => running.delete(request));
      const ms = performance.now() - started;
      health.recordRequest(name, ms);
      if (!result.ok)
        logger.log('warn', 'request.failed', { request: name, code: result.code, ms });
      else if (ms > SLOW_REQUEST_MS) logger.log('info', 'request.slow', { request: name, ms });
      return result;
    },
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    context,
    get jobs() {
      return runner;
    },
    close: async () => {
      closing = true;
      await Promise.allSettled([...running]);
      clearInterval(schedule);
      clearInterval(idleCheckpoint);
      for (const timer of updateTimers) clearTimeout(timer);
      if (swapping) await swapping;
      await runner.stop();
      listeners.clear();
      opened.db.close();
      logger.log('info', 'backend.stopped');
    },
  };
}
