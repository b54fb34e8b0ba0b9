import { z } from 'zod';
import { request } from '../spec';
import { setupSchoolInput, type CurrentUser } from './auth';

/** How many students the demo school may have; the first-run screen offers 300, 600 or 1200. */
export const demoStudentsMin = 100;
export const demoStudentsMax = 3000;

/** The first administrator, exactly as setupSchool takes them, and the demo school's size. */
export const loadDemoSchoolInput = setupSchoolInput
  .pick({ username: true, displayName: true, password: true })
  .extend({
    students: z
      .number()
      .int('must be a whole number')
      .min(demoStudentsMin, `must be at least ${demoStudentsMin}`)
      .max(demoStudentsMax, `must be at most ${demoStudentsMax}`)
      .default(600),
  })
  .strict();

/** loadDemoSchool's answer: the job writing the school (watch its jobProgress), and who is in. */
export interface DemoSchoolStarted {
  jobId: string;
  user: CurrentUser;
}

/** A simulated school to explore Beacon with, offered on the first-run screen. */
export const demoRequests = {
  /**
   * First run only, like setupSchool: creates the demo school's profile and its first
   * administrator, signs the caller in, and queues the job that writes the school's history and
   * trains its first model.
   */
  loadDemoSchool: request<DemoSchoolStarted>()(loadDemoSchoolInput, 'public'),
};
