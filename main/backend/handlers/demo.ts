import { describeSession, sessionFor } from '../auth/session';
import { startDemoSchool } from '../demo/start-demo';
import type { HandlerMap } from './types';

// What the request wrote (the school, its administrator) reaches the renderer through the
// dispatcher's one dataChanged, read from the change log; the job sends its own when it ends.
export const demoHandlers: HandlerMap<'loadDemoSchool'> = {
  loadDemoSchool: async (input, ctx) => {
    const { admin, jobId } = await startDemoSchool(ctx.db, input, new Date(), (payload, schoolId) =>
      // One attempt: a half-written demo school cannot be written again from the start.
      ctx.jobs.enqueue('demo', payload, schoolId, 1),
    );
    const session = sessionFor(admin);
    ctx.connection.session = session;
    return { jobId, user: describeSession(ctx.db, session) };
  },
};
