import { z } from 'zod';
import { isoDate } from '../schemas';
import { request } from '../spec';

export const calendarKinds = ['school_day', 'holiday', 'closure'] as const;
export type CalendarKind = (typeof calendarKinds)[number];

export interface CalendarDay {
  date: string;
  kind: CalendarKind;
  note: string | null;
}

export interface CalendarChangeResult {
  /** Dates in the range on the chosen weekdays. */
  days: number;
  changed: number;
  unchanged: number;
}

export const calendarChangeInput = z
  .object({
    from: isoDate,
    to: isoDate,
    /** `none` removes whatever was set for those dates. */
    kind: z.enum([...calendarKinds, 'none']),
    /** ISO weekdays to touch, 1 = Monday ... 7 = Sunday; Monday to Friday when not given. */
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).optional(),
    note: z.string().trim().max(200, 'must be at most 200 characters').nullable().optional(),
  })
  .strict();
export type CalendarChange = z.input<typeof calendarChangeInput>;

export const calendarRangeInput = z.object({ from: isoDate, to: isoDate }).strict();
export type CalendarRange = z.input<typeof calendarRangeInput>;

/** The school calendar: which dates are school days, holidays or closures. */
export const calendarRequests = {
  setCalendarDays: request<CalendarChangeResult>()(calendarChangeInput, ['admin', 'head_teacher']),
  listCalendar: request<CalendarDay[]>()(calendarRangeInput, 'user'),
};
