import { newId, type Db, writeTransaction } from '../../../db';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface Job {
  id: string;
  schoolId: string | null;
  kind: string;
  payload: unknown;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAfter: string;
  progress: unknown;
  result: unknown;
  error: string | null;
  cancelRequested: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

interface JobRow {
  id: string;
  school_id: string | null;
  kind: string;
  payload: string;
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  run_after: string;
  progress: string | null;
  result: string | null;
  error: string | null;
  cancel_requested: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();
const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

const toJob = (r: JobRow): Job => ({
  id: r.id,
  schoolId: r.school_id,
  kind: r.kind,
  payload: parse(r.payload),
  status: r.status,
  attempts: r.attempts,
  maxAttempts: r.max_attempts,
  runAfter: r.run_after,
  progress: parse(r.progress),
  result: parse(r.result),
  error: r.error,
  cancelRequested: r.cancel_requested === 1,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

export interface EnqueueOptions {
  schoolId?: string | null;
  runAfterMs?: number;
  maxAttempts?: number;
  now?: number;
}

/** Adds a job to the persisted queue; it survives restarts until it succeeds, fails or is cancelled. */
export function enqueueJob(
  db: Db,
  kind: string,
  payload: unknown,
  options: EnqueueOptions = {},
): string {
  const id = newId();
  const now = options.now ?? Date.now();
  db.prepare(
    `INSERT INTO jobs (id, school_id, kind, payload, max_attempts, run_after, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    options.schoolId ?? null,
    kind,
    JSON.stringify(payload ?? {}),
    options.maxAttempts ?? 3,
    iso(options.runAfterMs ?? now),
    iso(now),
  );
  return id;
}

export function getJob(db: Db, id: string): Job | null {
  const row = db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
  return row ? toJob(row) : null;
}

export function listJobs(
  db: Db,
  options: { status?: JobStatus; kind?: string; limit?: number } = {},
): Job[] {
  const rows = db
    .prepare(
      `SELECT * FROM jobs WHERE (@status IS NULL OR status = @status) AND (@kind IS NULL OR kind = @kind)
       ORDER BY created_at DESC LIMIT @limit`,
    )
    .all({
      status: options.status ?? null,
      kind: options.kind ?? null,
      limit: options.limit ?? 50,
    }) as JobRow[];
  return rows.map(toJob);
}

/**
 * Claims the oldest ready job for `owner` with a lease, or null; with `onlyId`, that job alone
 * (even while it waits out a retry's backoff). Jobs whose owner's lease ran out (the process
 * died mid-job) are ready again while attempts remain; one that has used them all is failed
 * for good instead, so no job runs more often than its `maxAttempts`. One IMMEDIATE
 * transaction, so two processes never claim the same job.
 */
export function claimNextJob(
  db: Db,
  owner: string,
  leaseMs: number,
  now = Date.now(),
  kinds?: string[],
  onlyId?: string,
): Job | null {
  return writeTransaction(db, () => {
    // A lease running out further ahead than any lease runs was taken before the clock went
    // back: it is cut to one lease from now, so a dead owner's job is not stuck until the
    // clock catches up, while a live owner keeps it by renewing as usual.
    db.prepare(
      `UPDATE jobs SET lease_expires_at = @cut WHERE status = 'running' AND lease_expires_at > @cut`,
    ).run({ cut: iso(now + leaseMs) });
    db.prepare(
      `UPDATE jobs SET status = 'failed', finished_at = @now, lease_owner = NULL,
         lease_expires_at = NULL,
         error = 'The Beacon process running it stopped before it finished, ' || attempts ||
           ' time(s) of ' || max_attempts || ' allowed.'
       WHERE status = 'running' AND lease_expires_at <= @now AND attempts >= max_attempts`,
    ).run({ now: iso(now) });
    const rows = db
      .prepare(
        `SELECT * FROM jobs
         WHERE (@id IS NULL OR id = @id)
           AND ((status = 'queued' AND (run_after <= @now OR @id IS NOT NULL))
             OR (status = 'running' AND lease_expires_at <= @now))
         ORDER BY run_after LIMIT 20`,
      )
      .all({ now: iso(now), id: onlyId ?? null }) as JobRow[];
    const row = rows.find((r) => !kinds || kinds.includes(r.kind));
    if (!row) return null;
    db.prepare(
      `UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_owner = ?,
         lease_expires_at = ?, started_at = ?, error = NULL WHERE id = ?`,
    ).run(owner, iso(now + leaseMs), iso(now), row.id);
    return getJob(db, row.id);
  });
}

/**
 * The id of a job of this kind and school that is waiting to run (queued, or running for a
 * process whose lease ran out), else a new job's id. A command run again after a crash picks up
 * the job it left instead of queueing a duplicate beside it.
 */
export function enqueueOnce(
  db: Db,
  kind: string,
  payload: unknown,
  options: EnqueueOptions = {},
): string {
  const now = options.now ?? Date.now();
  return writeTransaction(db, () => {
    const waiting = db
      .prepare(
        `SELECT id FROM jobs WHERE kind = ? AND school_id IS ?
           AND (status = 'queued' OR (status = 'running' AND lease_expires_at <= ?))
         ORDER BY created_at LIMIT 1`,
      )
      .pluck()
      .get(kind, options.schoolId ?? null, iso(now)) as string | undefined;
    return waiting ?? enqueueJob(db, kind, payload, options);
  });
}

/** Extends a running job's lease; false when this owner no longer holds it. */
export function renewLease(
  db: Db,
  id: string,
  owner: string,
  leaseMs: number,
  now = Date.now(),
): boolean {
  return (
    db
      .prepare(
        `UPDATE jobs SET lease_expires_at = ? WHERE id = ? AND lease_owner = ? AND status = 'running'`,
      )
      .run(iso(now + leaseMs), id, owner).changes === 1
  );
}

export function recordProgress(db: Db, id: string, progress: unknown): void {
  db.prepare('UPDATE jobs SET progress = ? WHERE id = ?').run(JSON.stringify(progress), id);
}

export function completeJob(
  db: Db,
  id: string,
  owner: string,
  result: unknown,
  now = Date.now(),
): void {
  db.prepare(
    `UPDATE jobs SET status = 'succeeded', result = ?, finished_at = ?, lease_owner = NULL,
       lease_expires_at = NULL WHERE id = ? AND lease_owner = ?`,
  ).run(JSON.stringify(result ?? null), iso(now), id, owner);
}

/** Exponential backoff with a cap: 30 s, 2 min, 8 min, ... at most an hour. */
export const backoffMs = (attempt: number): number =>
  Math.min(3_600_000, 30_000 * 4 ** (attempt - 1));

/** Records a failure: queued again after a backoff while attempts remain, else failed for good. */
export function failJob(
  db: Db,
  id: string,
  owner: string,
  error: string,
  now = Date.now(),
): JobStatus {
  return writeTransaction(db, () => {
    const job = getJob(db, id);
    if (!job) return 'failed';
    const retry = job.attempts < job.maxAttempts && !job.cancelRequested;
    const status: JobStatus = job.cancelRequested ? 'cancelled' : retry ? 'queued' : 'failed';
    db.prepare(
      `UPDATE jobs SET status = ?, error = ?, run_after = ?, finished_at = ?, lease_owner = NULL,
         lease_expires_at = NULL WHERE id = ? AND lease_owner = ?`,
    ).run(
      status,
      error,
      iso(retry ? now + backoffMs(job.attempts) : now),
      retry ? null : iso(now),
      id,
      owner,
    );
    return status;
  });
}

/**
 * Cancels a job: a queued one at once; a running one is asked to stop (its runner sees the
 * request and aborts). Returns the job's status after the call, or null for an unknown id.
 */
export function cancelJob(db: Db, id: string, now = Date.now()): JobStatus | null {
  return writeTransaction(db, () => {
    const job = getJob(db, id);
    if (!job) return null;
    if (job.status === 'queued') {
      db.prepare(
        "UPDATE jobs SET status = 'cancelled', finished_at = ? WHERE id = ? AND status = 'queued'",
      ).run(iso(now), id);
      return 'cancelled';
    }
    if (job.status === 'running') {
      db.prepare('UPDATE jobs SET cancel_requested = 1 WHERE id = ?').run(id);
    }
    return job.status;
  });
}

export function markCancelled(db: Db, id: string, owner: string, now = Date.now()): void {
  db.prepare(
    `UPDATE jobs SET status = 'cancelled', finished_at = ?, lease_owner = NULL, lease_expires_at = NULL
     WHERE id = ? AND lease_owner = ?`,
  ).run(iso(now), id, owner);
}

export const isCancelRequested = (db: Db, id: string): boolean =>
  db.prepare('SELECT cancel_requested FROM jobs WHERE id = ?').pluck().get(id) === 1;

/**
 * A job of this kind and school that is queued or running (a live lease or not), with when it
 * was queued: the app asks before queueing another, so two clicks or two windows never train
 * twice in a row.
 */
export function activeJob(
  db: Db,
  kind: string,
  schoolId: string | null,
): { id: string; status: 'queued' | 'running'; createdAt: string } | undefined {
  return db
    .prepare(
      `SELECT id, status, created_at AS createdAt FROM jobs
        WHERE kind = ? AND school_id IS ? AND status IN ('queued', 'running')
        ORDER BY created_at LIMIT 1`,
    )
    .get(kind, schoolId) as
    { id: string; status: 'queued' | 'running'; createdAt: string } | undefined;
}
