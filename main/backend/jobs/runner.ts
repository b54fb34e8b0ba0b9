import { newId, type Db } from '../../../db';
import type { Events, ProgressStep } from '../../../contract';
import {
  claimNextJob,
  completeJob,
  failJob,
  isCancelRequested,
  markCancelled,
  recordProgress,
  renewLease,
  type Job,
} from './queue';

export interface JobProgress {
  stage: string;
  progress?: number | null;
  message?: string;
  /** The same step as a code the renderer translates (see the contract's ProgressStep). */
  step?: ProgressStep;
}

export interface JobTools {
  /** Aborted when someone cancels the job or the runner stops. */
  signal: AbortSignal;
  progress(update: JobProgress): void;
}

export type JobHandler = (job: Job, tools: JobTools) => Promise<unknown>;

export interface JobRunnerOptions {
  db: Db;
  handlers: Record<string, JobHandler>;
  emit(event: 'jobProgress', payload: Events['jobProgress']): void;
  owner?: string;
  leaseMs?: number;
  /** How often to look for ready jobs, and for a cancel request on the running one. */
  pollMs?: number;
  now?: () => number;
}

/** Logs a job's trouble with its code and message only: never payloads or personal data. */
function logJobError(what: string, err: unknown): void {
  const e = err as { code?: unknown; message?: unknown };
  console.error(`Beacon jobs: ${what}: ${String(e.code ?? '')} ${String(e.message ?? err)}`);
}

/** Thrown by a handler (or seen by the runner) when its job was cancelled. */
export class JobCancelled extends Error {
  constructor() {
    super('The job was cancelled.');
  }
}

/**
 * Runs persisted jobs one at a time: claims with a lease (renewed while running, so another
 * process can take over if this one dies), reports progress as events, retries failures with
 * backoff, and honours cancel requests.
 */
export class JobRunner {
  readonly owner: string;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<boolean> | undefined;
  // Until start(), wake() does nothing: a backend that does not run jobs in the background (the
  // CLI, tests) drives them with runOnce() alone, so an enqueue never starts one behind its back.
  private stopped = true;
  private readonly stopController = new AbortController();

  constructor(private readonly options: JobRunnerOptions) {
    this.owner = options.owner ?? `backend-${process.pid}-${newId().slice(-8)}`;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.pollMs = options.pollMs ?? 2_000;
    this.now = options.now ?? Date.now;
  }

  /** True while a job runs (the backend leaves its idle checkpoint until the job ends). */
  get busy(): boolean {
    return this.claiming || this.running !== undefined;
  }

  /** True from runOnce's call until `running` is set (a handler starts before that). */
  private claiming = false;

  /** Starts polling for ready jobs. */
  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Looks for work now, e.g. right after a job was enqueued. */
  wake(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  /** Stops polling, aborts the running job, and waits for it to settle. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.stopController.abort();
    await this.running;
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.runOnce().then((ran) => {
        if (!this.stopped) this.schedule(ran ? 0 : this.pollMs);
      });
    }, delay);
    this.timer.unref?.();
  }

  /**
   * Claims and runs one ready job (with `jobId`, that job only); false when there was none.
   * Never rejects: a database that is busy or failing leaves the job to be claimed again once
   * its lease runs out, and the error is logged.
   */
  runOnce(jobId?: string): Promise<boolean> {
    if (this.running) return this.running;
    this.claiming = true;
    const run = this.runNext(jobId);
    this.claiming = false;
    this.running = run
      .catch((err: unknown) => {
        logJobError('could not run or record a job', err);
        return true;
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private async runNext(jobId?: string): Promise<boolean> {
    const { db, handlers } = this.options;
    const kinds = Object.keys(handlers);
    const job = claimNextJob(db, this.owner, this.leaseMs, this.now(), kinds, jobId);
    if (!job) return false;
    const handler = handlers[job.kind];
    if (!handler) return false;
    const controller = new AbortController();
    const onStop = () => controller.abort();
    this.stopController.signal.addEventListener('abort', onStop);
    const watch = setInterval(
      () => {
        // Timer callbacks must not throw (that would end the process): a busy database just
        // skips this renewal; the next one comes well before the lease runs out.
        try {
          if (isCancelRequested(db, job.id)) controller.abort();
          // Another process took the job over (our lease looked expired to it, e.g. after the
          // clock jumped forward): stop, so the job does not run twice.
          else if (!renewLease(db, job.id, this.owner, this.leaseMs, this.now()))
            controller.abort();
        } catch (err) {
          logJobError(`could not renew the lease of job ${job.id}`, err);
        }
      },
      Math.min(this.pollMs, this.leaseMs / 3),
    );
    watch.unref?.();
    const progress = (update: JobProgress) => {
      // Progress is called from worker message handlers and timers, where a throw would end the
      // backend: a progress row that cannot be saved (a busy database) is skipped.
      try {
        recordProgress(db, job.id, update);
      } catch (err) {
        logJobError(`could not record progress of job ${job.id}`, err);
      }
      this.options.emit('jobProgress', {
        jobId: job.id,
        kind: job.kind,
        stage: update.stage,
        progress: update.progress ?? null,
        ...(update.message === undefined ? {} : { message: update.message }),
        ...(update.step === undefined ? {} : { step: update.step }),
      });
    };
    try {
      progress({ stage: 'started', progress: 0 });
      const result = await handler(job, { signal: controller.signal, progress });
      if (controller.signal.aborted) throw new JobCancelled();
      completeJob(db, job.id, this.owner, result, this.now());
      progress({ stage: 'succeeded', progress: 1 });
    } catch (err) {
      if (controller.signal.aborted && isCancelRequested(db, job.id)) {
        markCancelled(db, job.id, this.owner, this.now());
        progress({ stage: 'cancelled' });
      } else {
        const status = failJob(db, job.id, this.owner, (err as Error).message, this.now());
        progress({
          stage: status === 'queued' ? 'retrying' : status,
          message: (err as Error).message,
        });
      }
    } finally {
      clearInterval(watch);
      this.stopController.signal.removeEventListener('abort', onStop);
    }
    return true;
  }
}
