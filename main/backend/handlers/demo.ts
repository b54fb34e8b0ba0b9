import { describeSession, sessionFor } from '../auth/session';
import { startDemoSchool } from '../demo/start-demo';
import type { HandlerMap } from './types';

export const demoHandlers: HandlerMap<'loadDemoSchool'> = {
  loadDemoSchool: async (input, ctx) => {
    const { admin, jobId } = await startDemoSchool(ctx.db, input, new Date(), (payload, schoolId) =>
      // One attempt: a half-written demo school cannot be written again from the start.
      ctx.jobs.enqueue('demo', payload, schoolId, 1),
    );
    ctx.emit('dataChanged', { entities: ['schools', 'users'] });
    const session = sessionFor(admin);
    ctx.connection.session = session;
    return { jobId, user: describeSession(ctx.db, session) };
  },
};
