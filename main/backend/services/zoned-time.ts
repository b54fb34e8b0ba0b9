/** Falls back to UTC for a time zone this Node's ICU does not know. */
function validZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in milliseconds. */
function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return wall + get('second') * 1000 - Math.floor(instant / 1000) * 1000;
}

/**
 * The UTC instant (ISO) at which the calendar day `date` (YYYY-MM-DD) begins in `timeZone`,
 * so "everything on 10 March" means the school's 10 March, not London's.
 */
export function dayStartUtc(date: string, timeZone: string): string {
  const zone = validZone(timeZone);
  const midnight = Date.parse(`${date}T00:00:00Z`);
  let instant = midnight - offsetMs(midnight, zone);
  // Around a clock change the offset at the guess may differ from the offset at midnight.
  const second = offsetMs(instant, zone);
  if (midnight - second !== instant) instant = midnight - second;
  return new Date(instant).toISOString();
}

/** The day after `date` (YYYY-MM-DD). */
export const nextDay = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** A time as staff read it on the school's clock, e.g. `14:05` (with the date when not today). */
export function formatSchoolTime(iso: string, timeZone: string, now: Date): string {
  const zone = validZone(timeZone);
  const day = (d: Date) => d.toLocaleDateString('en-CA', { timeZone: zone });
  const at = new Date(iso);
  const time = at.toLocaleTimeString('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
  });
  return day(at) === day(now) ? time : `${time} on ${day(at)}`;
}
