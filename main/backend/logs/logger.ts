import { appendFileSync, chmodSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { safeFields, type LogFields } from './log-fields';

export type LogLevel = 'info' | 'warn' | 'error';

/** The events the backend logs: a closed vocabulary, so every line can be read by a tool. */
export type LogEvent =
  | 'backend.started'
  | 'backend.stopped'
  | 'request.failed'
  | 'request.slow'
  | 'request.internal'
  | 'job.progress'
  | 'backup.written'
  | 'backup.failed'
  | 'database.restored'
  | 'health.unsampled';

export interface Logger {
  log(level: LogLevel, event: LogEvent, fields?: LogFields): void;
}

export interface FileLoggerOptions {
  /** Rotate when the current file would pass this size. */
  maxBytes?: number;
  /** How many rotated files to keep besides the current one. */
  keep?: number;
  now?: () => Date;
}

/**
 * Structured logs (one JSON object a line: time, level, event, safe fields) in `beacon.log` in
 * `dir`, rotated by size to `beacon.1.log` ... `beacon.<keep>.log`. Written synchronously:
 * lines are few (failures, jobs, backups), and a line written just before a crash is the one
 * that matters. A log that cannot be written never stops the backend.
 */
export function fileLogger(dir: string, options: FileLoggerOptions = {}): Logger {
  const maxBytes = options.maxBytes ?? 1_048_576;
  const keep = options.keep ?? 5;
  const now = options.now ?? (() => new Date());
  const current = join(dir, 'beacon.log');
  const rotated = (i: number) => join(dir, `beacon.${i}.log`);
  let size = -1;
  const rotate = () => {
    rmSync(rotated(keep), { force: true });
    for (let i = keep - 1; i >= 1; i--) {
      try {
        renameSync(rotated(i), rotated(i + 1));
      } catch {
        // not there yet
      }
    }
    renameSync(current, rotated(1));
    size = 0;
  };
  return {
    log(level, event, fields = {}) {
      const line = `${JSON.stringify({ time: now().toISOString(), level, event, ...safeFields(fields) })}\n`;
      try {
        if (size < 0) {
          mkdirSync(dir, { recursive: true, mode: 0o700 });
          try {
            size = statSync(current).size;
          } catch {
            size = 0;
          }
        }
        if (size > 0 && size + line.length > maxBytes) rotate();
        appendFileSync(current, line, { mode: 0o600 });
        if (size === 0) chmodSync(current, 0o600);
        size += Buffer.byteLength(line);
      } catch {
        // A full or read-only disk must not turn a log line into a failed request.
      }
    },
  };
}

/** A logger that writes nothing, where no log is wanted. */
export const silentLogger: Logger = { log: () => {} };
