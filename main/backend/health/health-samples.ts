import {
  healthMetricNames,
  healthMetrics,
  type HealthMetric,
  type HealthSeries,
  type HealthThreshold,
} from '../../../contract';
import { prepared, type Db, writeTransaction } from '../../../db';

const DAY_S = 86_400;
/** How far back the health page looks, and how long samples are kept. */
export const SHOWN_DAYS = 90;
export const KEPT_DAYS = 400;
const MAX_POINTS = 200;

export type Figures = Partial<Record<HealthMetric, number | null>>;

const seconds = (at: Date) => Math.floor(at.getTime() / 1000);

/**
 * Stores one sample of each figure given (nulls are skipped: not measured), all at `at`, and
 * drops samples older than the kept span. One transaction.
 */
export function storeSamples(db: Db, figures: Figures, at: Date): void {
  const insert = prepared(
    db,
    'INSERT OR REPLACE INTO health_samples (metric, at, value) VALUES (?, ?, ?)',
  );
  writeTransaction(db, () => {
    for (const [metric, value] of Object.entries(figures)) {
      if (typeof value === 'number' && Number.isFinite(value)) {
        insert.run(metric, seconds(at), value);
      }
    }
    prepared(db, 'DELETE FROM health_samples WHERE at < ?').run(seconds(at) - KEPT_DAYS * DAY_S);
  });
}

const past = (value: number, t: HealthThreshold | null): boolean =>
  t !== null && ('above' in t ? value > t.above : value < t.below);

/** Bucketed to at most MAX_POINTS, keeping each bucket's worst value (what a warning is about). */
function downsample(
  rows: { at: number; value: number }[],
  threshold: HealthThreshold | null,
): { at: number; value: number }[] {
  if (rows.length <= MAX_POINTS) return rows;
  const first = rows[0]?.at ?? 0;
  const span = (rows.at(-1)?.at ?? first) - first + 1;
  const worse = (a: number, b: number) =>
    threshold && 'below' in threshold ? Math.min(a, b) : Math.max(a, b);
  const buckets = new Map<number, { at: number; value: number }>();
  for (const row of rows) {
    const b = Math.floor(((row.at - first) / span) * MAX_POINTS);
    const had = buckets.get(b);
    buckets.set(b, had ? { at: row.at, value: worse(had.value, row.value) } : row);
  }
  return [...buckets.values()];
}

/**
 * Every figure's series over the shown span, with its threshold and status. `live` figures
 * (measured now, not stored) take the place of the newest stored value; `thresholds` overrides
 * the contract's (the backup age's follows the backup interval).
 */
export function readSeries(
  db: Db,
  now: Date,
  live: Figures = {},
  thresholds: Partial<Record<HealthMetric, HealthThreshold | null>> = {},
): HealthSeries[] {
  const select = prepared(
    db,
    'SELECT at, value FROM health_samples WHERE metric = ? AND at >= ? ORDER BY at',
  );
  return healthMetricNames.map((metric) => {
    const spec = healthMetrics[metric];
    const threshold = metric in thresholds ? (thresholds[metric] ?? null) : spec.warn;
    const rows = select.all(metric, seconds(now) - SHOWN_DAYS * DAY_S) as {
      at: number;
      value: number;
    }[];
    const newest = rows.at(-1);
    const liveValue = live[metric];
    const latest = typeof liveValue === 'number' ? liveValue : (newest?.value ?? null);
    const latestAt =
      typeof liveValue === 'number'
        ? now.toISOString()
        : newest
          ? new Date(newest.at * 1000).toISOString()
          : null;
    return {
      metric,
      unit: spec.unit,
      threshold,
      latest,
      latestAt,
      status: latest === null ? 'unknown' : past(latest, threshold) ? 'warn' : 'ok',
      points: downsample(rows, threshold).map((r) => ({
        at: new Date(r.at * 1000).toISOString(),
        value: r.value,
      })),
    };
  });
}
