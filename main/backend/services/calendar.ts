import { withOperation } from './changes';
import {
  calendarChangeInput,
  calendarRangeInput,
  type CalendarChange,
  type CalendarChangeResult,
  type CalendarDay,
  type CalendarKind,
  type CalendarRange,
} from '../../../contract/domains/records-calendar';
import { BeaconError, newId, type Db, writeTransaction } from '../../../db';
import { refreshFeaturesAfter } from '../keep-current';
import { daysBetween, eachDate, isoWeekday } from './records-dates';
import {
  blankToNull,
  insertAudited,
  parseInput,
  prepared,
  softDeleteAudited,
  updateAudited,
  type Actor,
  type SyncedRow,
} from './records-support';

export { calendarEntry, isSchoolDay, schoolDaysBetween } from './school-days';

interface CalendarRow extends SyncedRow {
  date: string;
  kind: CalendarKind;
  note: string | null;
}

/** A year and a day: enough for any school year, small enough to catch a mistyped year. */
const maxSpanDays = 366;

function assertRange(from: string, to: string, maxDays: number) {
  if (to < from) {
    throw new BeaconError('INVALID_INPUT', `The range ends (${to}) before it starts (${from}).`);
  }
  if (daysBetween(from, to) >= maxDays) {
    throw new BeaconError(
      'INVALID_INPUT',
      `The range ${from} to ${to} is longer than ${maxDays} days; set it a school year at a time.`,
    );
  }
}

/**
 * Marks the dates from `from` to `to` on the chosen weekdays (Monday to Friday by default) as
 * school days, holidays or closures, or clears them (`none`). Only dates that change are written
 * and audited; the features that count school days are refreshed.
 */
export function setCalendarDays(db: Db, actor: Actor, data: CalendarChange): CalendarChangeResult {
  const input = parseInput(calendarChangeInput, data);
  assertRange(input.from, input.to, maxSpanDays);
  const weekdays = new Set(input.weekdays ?? [1, 2, 3, 4, 5]);
  const note = blankToNull(input.note) ?? null;
  return writeTransaction(db, () =>
    withOperation(
      db,
      {
        schoolId: actor.schoolId,
        userId: actor.userId,
        action: 'update',
        entity: 'school_calendar',
        context: { from: input.from, to: input.to },
      },
      () => {
        const existing = new Map(
          (
            prepared(
              db,
              'SELECT * FROM school_calendar WHERE school_id = ? AND date BETWEEN ? AND ?',
            ).all(actor.schoolId, input.from, input.to) as CalendarRow[]
          ).map((r) => [r.date, r]),
        );
        let days = 0;
        let changed = 0;
        for (const date of eachDate(input.from, input.to)) {
          if (!weekdays.has(isoWeekday(date))) continue;
          days++;
          const before = existing.get(date);
          if (input.kind === 'none') {
            if (before && !before.deleted_at) {
              softDeleteAudited(db, actor, 'school_calendar', before);
              changed++;
            }
          } else if (!before) {
            insertAudited(db, actor, 'school_calendar', {
              id: newId(),
              date,
              kind: input.kind,
              note,
            });
            changed++;
          } else {
            const patch = { kind: input.kind, note, deleted_at: null };
            if (updateAudited(db, actor, 'school_calendar', before, patch).changed) changed++;
          }
        }
        if (changed > 0) refreshFeaturesAfter(db, actor.schoolId, { kind: 'calendar' });
        return { days, changed, unchanged: days - changed };
      },
    ),
  );
}

/** The dates set in the calendar between `from` and `to` (both included), in order. */
export function listCalendar(db: Db, schoolId: string, range: CalendarRange): CalendarDay[] {
  const input = parseInput(calendarRangeInput, range);
  assertRange(input.from, input.to, 800);
  return prepared(
    db,
    `SELECT date, kind, note FROM school_calendar
     WHERE school_id = ? AND date BETWEEN ? AND ? AND deleted_at IS NULL ORDER BY date`,
  ).all(schoolId, input.from, input.to) as CalendarDay[];
}
