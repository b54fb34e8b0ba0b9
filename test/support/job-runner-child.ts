/**
 * One Beacon process of the job-accounting test: opens the database, runs one claim with a
 * job runner whose 'work' handler prints "running ATTEMPTS" and then never finishes (the parent
 * SIGKILLs it there), or prints "none" when there was nothing it could claim.
 * Usage: job-runner-child DB LEASE_MS
 */
import { openDatabase } from '../../db';
import { getJob } from '../../main/backend/jobs/queue';
import { JobRunner } from '../../main/backend/jobs/runner';

const [dbPath, leaseMs] = process.argv.slice(2);
if (!dbPath || !leaseMs) {
  process.stderr.write('usage: job-runner-child DB LEASE_MS\n');
  process.exit(2);
}
const { db } = await openDatabase(dbPath);
const runner = new JobRunner({
  db,
  leaseMs: Number(leaseMs),
  emit: () => undefined,
  handlers: {
    work: async (job) => {
      process.stdout.write(`running ${getJob(db, job.id)?.attempts}\n`);
      await new Promise(() => undefined);
    },
  },
});
const ran = await runner.runOnce();
if (!ran) process.stdout.write('none\n');
db.close();
