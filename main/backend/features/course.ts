import type { AssessmentFacts, MarkLists } from './types';

export interface CourseFeatures {
  averageMark: number | null;
  lastTermAverage: number | null;
  markTrend: number | null;
  failedSubjects: number;
}

/** A subject average below this (percent) counts as failed. */
export const PASS_MARK = 50;

/** When a mark counts as known: its assessment's date, else its term's last day; null counts always. */
export const markDate = (m: AssessmentFacts): string | null => m.date ?? m.termEnd;

class WeightedMean {
  private sum = 0;
  private weights = 0;
  add(m: AssessmentFacts, score: number): void {
    this.sum += (m.weight * score) / m.maxScore;
    this.weights += m.weight;
  }
  /** Percent, or null when nothing was added. */
  value(): number | null {
    return this.weights === 0 ? null : (100 * this.sum) / this.weights;
  }
}

interface TermMarks {
  id: string;
  start: string;
  end: string;
  /** The term's marks, as indexes into the student's mark lists. */
  marks: number[];
}

const termOrder = (a: TermMarks, b: TermMarks) =>
  a.start !== b.start
    ? a.start < b.start
      ? -1
      : 1
    : a.end !== b.end
      ? a.end < b.end
        ? -1
        : 1
      : a.id < b.id
        ? -1
        : a.id > b.id
          ? 1
          : 0;

const meanOf = ({ facts, scores }: MarkLists, which: readonly number[]): number | null => {
  const m = new WeightedMean();
  for (const i of which) m.add(facts[i] as AssessmentFacts, scores[i] as number);
  return m.value();
};

/**
 * Course performance from marks known by `cutoff` (all when null): the weighted average of every
 * mark as a percentage of its assessment's maximum; the same over the student's latest term with
 * marks and its change from the term before; and the subjects failed in that latest term.
 */
export function courseFeatures(marks: MarkLists, cutoff: string | null): CourseFeatures {
  const { facts, scores } = marks;
  const overall = new WeightedMean();
  const terms = new Map<string, TermMarks>();
  for (let i = 0; i < facts.length; i++) {
    const m = facts[i] as AssessmentFacts;
    if (cutoff !== null) {
      const known = markDate(m);
      if (known !== null && known > cutoff) continue;
    }
    overall.add(m, scores[i] as number);
    if (m.termId === null || m.termStart === null || m.termEnd === null) continue;
    let t = terms.get(m.termId);
    if (!t) {
      t = { id: m.termId, start: m.termStart, end: m.termEnd, marks: [] };
      terms.set(m.termId, t);
    }
    t.marks.push(i);
  }
  const ordered = [...terms.values()].sort(termOrder);
  const last = ordered[ordered.length - 1];
  const previous = ordered[ordered.length - 2];
  const lastAverage = last ? meanOf(marks, last.marks) : null;
  const previousAverage = previous ? meanOf(marks, previous.marks) : null;

  let failed = 0;
  if (last) {
    const bySubject = new Map<string, WeightedMean>();
    for (const i of last.marks) {
      const m = facts[i] as AssessmentFacts;
      const key = m.subject.trim().toLowerCase();
      let mean = bySubject.get(key);
      if (!mean) bySubject.set(key, (mean = new WeightedMean()));
      mean.add(m, scores[i] as number);
    }
    for (const mean of bySubject.values()) {
      const v = mean.value();
      // The tolerance keeps an exact 50% from failing through floating-point noise.
      if (v !== null && v < PASS_MARK - 1e-9) failed++;
    }
  }
  return {
    averageMark: overall.value(),
    lastTermAverage: lastAverage,
    markTrend:
      lastAverage === null || previousAverage === null ? null : lastAverage - previousAverage,
    failedSubjects: failed,
  };
}
