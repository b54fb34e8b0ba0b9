/**
 * Figures the backend keeps over time for the health page, each with the threshold past which
 * it wants attention (issue 12 §2). Values are stored in these units.
 */
export const healthMetrics = {
  /** How long the last training took. */
  training_minutes: { unit: 'minutes', warn: { above: 30 } },
  /** Answer time of risk requests (the risk list, a student's risk), median and 95th percentile. */
  prediction_p50_ms: { unit: 'ms', warn: { above: 100 } },
  prediction_p95_ms: { unit: 'ms', warn: { above: 100 } },
  /** The champion model's ROC-AUC on held-out students. */
  champion_auc: { unit: 'ratio', warn: { below: 0.8 } },
  /** Share of jobs that ended failed, over the last 30 days. */
  job_failure_rate: { unit: 'ratio', warn: { above: 0.01 } },
  /** 95th percentile answer time of the requests staff make all day (register, marks, lists). */
  hot_query_p95_ms: { unit: 'ms', warn: { above: 50 } },
  /** The database file with its WAL. */
  database_bytes: { unit: 'bytes', warn: null },
  /** Free space on the disk holding the database. */
  free_disk_bytes: { unit: 'bytes', warn: { below: 1_073_741_824 } },
  /** Hours since the newest backup; warns past twice the backup interval. */
  last_backup_age_hours: { unit: 'hours', warn: { above: 48 } },
} as const satisfies Record<
  string,
  { unit: string; warn: { above: number } | { below: number } | null }
>;

export type HealthMetric = keyof typeof healthMetrics;
export const healthMetricNames = Object.keys(healthMetrics) as HealthMetric[];

export type HealthThreshold = { above: number } | { below: number };

export interface HealthSeries {
  metric: HealthMetric;
  unit: (typeof healthMetrics)[HealthMetric]['unit'];
  /** Past this the figure wants attention; null when any value is fine. */
  threshold: HealthThreshold | null;
  /** The newest value and when it was taken (ISO time), or null when never measured. */
  latest: number | null;
  latestAt: string | null;
  /** `warn` when the newest value is past the threshold; `unknown` when never measured. */
  status: 'ok' | 'warn' | 'unknown';
  /** Oldest first, over the last 90 days, at most 200 points (the worst value of each span). */
  points: { at: string; value: number }[];
}
