import type { Db } from '../../../db';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Takes or renews a lease lock shared by every process on this database (the app's backend, a
 * CLI run, a benchmark). Returns false while another owner's lease is unexpired. A crashed
 * owner's lease simply runs out, so no lock is held forever.
 */
export function acquireLock(
  db: Db,
  name: string,
  owner: string,
  ttlMs: number,
  now = Date.now(),
): boolean {
  // A lease further ahead than this one would run was taken before the clock went back: cut
  // to this length, so a crashed owner's lock is not held until the clock catches up.
  db.prepare('UPDATE locks SET expires_at = ? WHERE name = ? AND expires_at > ?').run(
    iso(now + ttlMs),
    name,
    iso(now + ttlMs),
  );
  const result = db
    .prepare(
      `INSERT INTO locks (name, owner, acquired_at, expires_at) VALUES (@name, @owner, @now, @expires)
       ON CONFLICT (name) DO UPDATE SET owner = @owner, acquired_at = @now, expires_at = @expires
       WHERE locks.owner = @owner OR locks.expires_at <= @now`,
    )
    .run({ name, owner, now: iso(now), expires: iso(now + ttlMs) });
  return result.changes === 1;
}

/** Gives the lock up at once, if this owner holds it. */
export function releaseLock(db: Db, name: string, owner: string): void {
  db.prepare('DELETE FROM locks WHERE name = ? AND owner = ?').run(name, owner);
}

/** Who holds a lock now, if anyone. */
export function lockHolder(db: Db, name: string, now = Date.now()): string | null {
  const row = db
    .prepare('SELECT owner FROM locks WHERE name = ? AND expires_at > ?')
    .get(name, iso(now)) as { owner: string } | undefined;
  return row?.owner ?? null;
}

/**
 * Takes a lock on behalf of a job (the owner is the job's id). A lock left by a job that is no
 * longer running under a live lease (its process died, or it finished without releasing) is
 * taken over at once rather than held until its time-to-live runs out.
 */
export function acquireJobLock(
  db: Db,
  name: string,
  jobId: string,
  ttlMs: number,
  now = Date.now(),
): boolean {
  if (acquireLock(db, name, jobId, ttlMs, now)) return true;
  const taken = db
    .prepare(
      `UPDATE locks SET owner = @job, acquired_at = @now, expires_at = @expires
       WHERE name = @name AND NOT EXISTS (
         SELECT 1 FROM jobs WHERE jobs.id = locks.owner AND status = 'running'
           AND lease_expires_at > @now)`,
    )
    .run({ name, job: jobId, now: iso(now), expires: iso(now + ttlMs) });
  return taken.changes === 1;
}
