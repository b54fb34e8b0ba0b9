import { requireSchoolId } from '../auth/scope';
import { listCalendar, setCalendarDays } from '../services/calendar';
import { actorOf } from './records-context';
import type { HandlerMap } from './types';

export const calendarHandlers: HandlerMap<'setCalendarDays' | 'listCalendar'> = {
  setCalendarDays: (input, ctx) => {
    const result = setCalendarDays(ctx.db, actorOf(ctx), input);
    return result;
  },
  listCalendar: (input, ctx) => listCalendar(ctx.db, requireSchoolId(ctx), input),
};
