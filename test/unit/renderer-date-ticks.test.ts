import { describe, expect, it } from 'vitest';
import { dateTicks, dayIncrements, dayRange } from '../../renderer/src/profile/date-ticks';

// Noon UTC, so the day is the same in any time zone the tests run in.
const nov27 = Date.parse('2026-11-27T12:00:00Z') / 1000;
const week = 7 * 86_400;

describe('the risk chart date axis', () => {
  it('labels a short span by day and month in the reader language, never by hour', () => {
    expect(dateTicks('en', week)(nov27)).toBe('Nov 27');
    expect(dateTicks('fr', week)(nov27)).toBe('27 nov.');
    expect(dateTicks('es', week)(nov27)).toBe('27 nov');
    expect(dateTicks('pt', week)(nov27)).toBe('27 de nov.');
    expect(dateTicks('en', week)(nov27)).not.toMatch(/am|pm/i);
  });

  it('labels a span of a year or more by month and year', () => {
    expect(dateTicks('en', 400 * 86_400)(nov27)).toBe('Nov 2026');
    expect(dateTicks('fr', 400 * 86_400)(nov27)).toBe('nov. 2026');
  });

  it('steps ticks by whole days at the least', () => {
    expect(Math.min(...dayIncrements)).toBe(86_400);
    expect(dayIncrements.every((s) => s % 86_400 === 0)).toBe(true);
  });

  it('widens scores of one day to a day either side, so the axis has a day to label', () => {
    expect(dayRange(nov27, nov27 + 60)).toEqual([nov27 - 86_400, nov27 + 60 + 86_400]);
    expect(dayRange(nov27, nov27 + week)).toEqual([nov27, nov27 + week]);
  });
});
