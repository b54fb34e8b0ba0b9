/**
 * The split behind the temporal judgement (issue 10 §4): a model is used on a later period than
 * it learnt from, so where the history allows it is also judged that way. Snapshots of the last
 * school year with known outcomes are the later period; the earlier school years train.
 */

/** The school year a date falls in, named by the calendar year it starts in. */
export function schoolYearOf(date: string, startMonth: number): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= startMonth ? year : year - 1;
}

export interface TemporalSplit {
  /** Training rows (not held out) of the later period: candidates are chosen and calibrated on them. */
  validRows: number[];
  /** Held-out students' rows of the later period: the temporal figure, seen by nothing before. */
  judgeRows: number[];
  /** The later period's school year, e.g. 2025 for 2025-26. */
  year: number;
  trainedOn: { from: string; to: string };
  judgedOn: { from: string; to: string };
}

/** Fewer outcomes of a kind than this on either side make the temporal figure noise. */
export const MIN_TEMPORAL_CLASS = 5;

/**
 * The later period and its rows, or null when the history is too short: it needs two school
 * years of snapshots with known outcomes and, on each side, enough dropouts and stayers.
 * `trainRows` are the rows of students not held out; `testRows` those of held-out students.
 */
export function temporalSplit(
  dates: readonly string[],
  labels: ArrayLike<number>,
  trainRows: readonly number[],
  testRows: readonly number[],
  startMonth: number,
): TemporalSplit | null {
  if (dates.length === 0) return null;
  const yearOf = (i: number) => schoolYearOf(dates[i] as string, startMonth);
  let last = -Infinity;
  for (let i = 0; i < dates.length; i++) last = Math.max(last, yearOf(i));
  const earlier = trainRows.filter((i) => yearOf(i) < last);
  const validRows = trainRows.filter((i) => yearOf(i) === last);
  const judgeRows = testRows.filter((i) => yearOf(i) === last);
  const enough = (rows: number[]) => {
    let pos = 0;
    for (const i of rows) pos += labels[i] as number;
    return pos >= MIN_TEMPORAL_CLASS && rows.length - pos >= MIN_TEMPORAL_CLASS;
  };
  if (!enough(earlier) || !enough(validRows) || !enough(judgeRows)) return null;
  const span = (rows: number[]) => {
    const d = rows.map((i) => dates[i] as string).sort();
    return { from: d[0] as string, to: d.at(-1) as string };
  };
  return {
    validRows,
    judgeRows,
    year: last,
    trainedOn: span(earlier),
    judgedOn: span([...validRows, ...judgeRows]),
  };
}
