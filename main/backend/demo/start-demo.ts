import { BeaconError, type Db } from '../../../db';
import { alreadySetUp, needsSetup, setupSchool } from '../auth/setup';
import type { UserRow } from '../auth/users';
import { DEMO_SCHOOL_NAME } from './load-demo';

/** The 'demo' job's payload: what to simulate, and whom to record as writing it. */
export interface DemoJobPayload {
  schoolId: string;
  students: number;
  seed: number;
  userId: string | null;
}

export interface DemoStart {
  username: string;
  displayName: string;
  password: string;
  students: number;
}

/** Every app's demo school is the same school: staff following a guide see the same students. */
export const DEMO_SEED = 1;

/**
 * First run with the demo school: creates the demo school's profile and its first administrator
 * exactly as setupSchool does, and queues the 'demo' job (through `enqueue`) in the same
 * transaction, so there is never an administrator without the job or a job without one.
 * Refused once any account exists, and on a database that already holds students.
 */
export async function startDemoSchool(
  db: Db,
  start: DemoStart,
  now: Date,
  enqueue: (payload: DemoJobPayload, schoolId: string) => string,
): Promise<{ admin: UserRow; jobId: string }> {
  const students = db.prepare('SELECT count(*) FROM students').pluck().get() as number;
  if (students > 0) {
    throw new BeaconError(
      'CONFLICT',
      `This database already holds ${students} ${students === 1 ? 'student' : 'students'}, so the demo school cannot be loaded into it; set up your school instead.`,
    );
  }
  if (!needsSetup(db)) throw alreadySetUp(db);
  const queued: { jobId?: string } = {};
  const admin = await setupSchool(
    db,
    {
      schoolName: DEMO_SCHOOL_NAME,
      username: start.username,
      displayName: start.displayName,
      password: start.password,
    },
    now,
    (created) => {
      const payload: DemoJobPayload = {
        schoolId: created.school_id,
        students: start.students,
        seed: DEMO_SEED,
        userId: created.id,
      };
      queued.jobId = enqueue(payload, created.school_id);
    },
  );
  if (queued.jobId === undefined) throw new Error('setupSchool did not run its transaction hook');
  return { admin, jobId: queued.jobId };
}
