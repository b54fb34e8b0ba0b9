import { writeTransaction } from '../../../db';
import { requireSchoolId } from '../auth/scope';
import { readSessionLifetimes, sessionLifetimesKey } from '../auth/session-check';
import { futureMarginKey, readFutureMarginDays } from '../services/date-bounds';
import { writeSetting } from '../../../db/settings';
import type { HandlerMap, RequestContext } from './types';

const safeguardsOf = (ctx: RequestContext) => {
  const schoolId = requireSchoolId(ctx);
  return {
    ...readSessionLifetimes(ctx.db, schoolId),
    futureMarginDays: readFutureMarginDays(ctx.db, schoolId),
  };
};

/** Session lifetimes and the future margin for record dates: school settings for admins. */
export const safeguardHandlers: HandlerMap<'getSafeguards' | 'saveSafeguards'> = {
  getSafeguards: (_input, ctx) => safeguardsOf(ctx),
  saveSafeguards: (input, ctx) => {
    const schoolId = requireSchoolId(ctx);
    writeTransaction(ctx.db, () => {
      const { idleMinutes, absoluteHours } = input;
      writeSetting(ctx.db, schoolId, sessionLifetimesKey, { idleMinutes, absoluteHours });
      writeSetting(ctx.db, schoolId, futureMarginKey, input.futureMarginDays);
    });
    return safeguardsOf(ctx);
  },
};
