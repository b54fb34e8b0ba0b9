import type { EventName, Events, ParsedInput, RequestName, RequestOutput } from '../../../contract';
import type { Db } from '../../../db';
import type { Connection, Session } from '../auth/session';
import type { SecretStore } from '../secrets/secret-store';
import type { UpdateService } from '../updates/update-service';
import type { BackupService } from '../backup/backup-service';
import type { HealthMonitor } from '../health/health-monitor';
import type { PrintShell } from '../print/save-pdf';

/** What every handler may use, shared by all connections. Handlers never see the transport. */
export interface HandlerContext {
  db: Db;
  dbPath: string;
  appVersion: string;
  schemaVersion: number;
  migrations: string[];
  /** The database was opened for reading only (its file or folder cannot be written). */
  readOnly: boolean;
  /** Today's date in the school's calendar (YYYY-MM-DD); injectable so tests can fix it. */
  today(): string;
  /** The wall clock in ms; injectable so tests can move it (session lifetimes). */
  now(): number;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  /**
   * The persisted job queue: enqueue wakes the runner when this backend runs jobs. A job is
   * tried `maxAttempts` times (2 unless said otherwise).
   */
  jobs: {
    enqueue(kind: string, payload: unknown, schoolId: string | null, maxAttempts?: number): string;
    /**
     * Queues a job unless one of the same kind and school is queued or running: then that job's
     * id, with `existing: true`. Checked and queued in one write transaction.
     */
    enqueueUnlessActive(
      kind: string,
      payload: unknown,
      schoolId: string | null,
    ): { id: string; existing: boolean };
  };
  /** Where secrets (the database key) are kept: the OS key store in the app, user-only files elsewhere. */
  secrets: SecretStore;
  /** Updating Beacon itself (settings, status, the install decision). */
  updates: UpdateService;
  /** Backups of the database, their settings, and restore. */
  backups: BackupService;
  /** Health figures over time: request times, samples, series with thresholds. */
  health: HealthMonitor;
  /** The main process's save dialog and printToPDF; null outside the app. */
  print: PrintShell | null;
}

/** The context of one request: the shared context plus the caller's connection. */
export interface RequestContext extends HandlerContext {
  connection: Connection;
  /** The caller's session; the dispatcher has already checked the request's access rule. */
  session: Session | null;
}

export type Handler<K extends RequestName> = (
  input: ParsedInput<K>,
  ctx: RequestContext,
) => RequestOutput<K> | Promise<RequestOutput<K>>;

/** A domain's handlers: a subset of the contract. */
export type HandlerMap<K extends RequestName = RequestName> = { [P in K]: Handler<P> };

/** The whole backend: every request in the contract has exactly one handler. */
export type Handlers = HandlerMap<RequestName>;
