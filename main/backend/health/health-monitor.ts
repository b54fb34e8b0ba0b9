import type { HealthSeries } from '../../../contract';
import type { Db } from '../../../db';
import { LatencyRecorder, percentile } from './latency';
import { readSeries, storeSamples } from './health-samples';
import { measureNow } from './measure-now';

export interface HealthMonitorOptions {
  db(): Db;
  dbPath: string;
  /** When the newest backup was made (ISO time), if any. */
  newestBackupAt(): string | null;
  /** Hours between scheduled backups: the backup age warns past twice that. */
  backupEveryHours(): number;
  now?: () => Date;
}

/** Keeps the health figures over time: request times in memory, samples in the database. */
export class HealthMonitor {
  private readonly latency = new LatencyRecorder();
  private readonly now: () => Date;

  constructor(private readonly options: HealthMonitorOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Notes how long a request took to answer (only the watched requests are kept). */
  recordRequest(request: string, ms: number): void {
    this.latency.record(request, ms);
  }

  /** Stores how long a training took, when it ends. */
  recordTraining(ms: number): void {
    storeSamples(this.options.db(), { training_minutes: ms / 60_000 }, this.now());
  }

  /**
   * Stores a sample of every figure: the ones read now, and the request times since the last
   * sample (none when no request came). The backend takes one at start and hourly.
   */
  sample(): void {
    const now = this.now();
    const { prediction, hot } = this.latency.drain();
    storeSamples(
      this.options.db(),
      {
        ...measureNow(this.options.db(), this.options.dbPath, this.options.newestBackupAt(), now),
        prediction_p50_ms: percentile(prediction, 0.5),
        prediction_p95_ms: percentile(prediction, 0.95),
        hot_query_p95_ms: percentile(hot, 0.95),
      },
      now,
    );
  }

  /** Every figure's series with thresholds, the instant figures measured now. Reads only. */
  series(): HealthSeries[] {
    const now = this.now();
    const db = this.options.db();
    return readSeries(
      db,
      now,
      measureNow(db, this.options.dbPath, this.options.newestBackupAt(), now),
      { last_backup_age_hours: { above: 2 * this.options.backupEveryHours() } },
    );
  }
}
