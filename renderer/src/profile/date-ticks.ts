const DAY = 86_400;

/**
 * Tick steps in seconds, a day at the least: scores are dated by day, and uPlot's own steps
 * would label a week of scores by hour ("12am", "12pm").
 */
export const dayIncrements = [1, 2, 7, 14, 30, 61, 91, 182, 365, 730].map((days) => days * DAY);

/**
 * A time axis's tick words in `language` for unix seconds: day and month ("27 nov."), or
 * month and year ("nov. 2026") when the chart spans most of a year or more.
 */
export function dateTicks(language: string, spanSeconds: number): (seconds: number) => string {
  const words = new Intl.DateTimeFormat(
    language,
    spanSeconds > 300 * DAY
      ? { month: 'short', year: 'numeric' }
      : { day: 'numeric', month: 'short' },
  );
  return (seconds) => words.format(new Date(seconds * 1000));
}

/**
 * The x range to draw: scores from one day (a save re-scores at once) get a day either side,
 * so the axis has a whole day to label instead of none.
 */
export function dayRange(min: number, max: number): [number, number] {
  return max - min < 2 * DAY ? [min - DAY, max + DAY] : [min, max];
}
