/** Stable error codes: the renderer and the CLI switch on these, so never rename one. */
export const errorCodes = [
  'INVALID_INPUT',
  'UNKNOWN_REQUEST',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'DATABASE_NEWER',
  'DATABASE_DIVERGED',
  /** The database file is encrypted and no key here opens it. */
  'DATABASE_ENCRYPTED',
  'INTERNAL',
  /** The district's central server could not be reached (network down, server stopped). */
  'CENTRAL_UNREACHABLE',
  /** The central server's schema is newer or older than this Beacon's. */
  'CENTRAL_SCHEMA_MISMATCH',
  /** Another task holds the database's write lock longer than Beacon waits: try again. */
  'BUSY',
  /** The database file or its folder cannot be written. */
  'READ_ONLY',
  /** The disk holding the database is full. */
  'DISK_FULL',
  /** The database file is damaged: restore a backup. */
  'DATABASE_DAMAGED',
  /** A backup file cannot be restored: damaged, not a Beacon backup, or another school's. */
  'BACKUP_REFUSED',
  /** What was asked needs the desktop app (say, saving a PDF file from a browser). */
  'NOT_AVAILABLE',
  /** A model the district published is damaged or unreadable: refused, nothing changed. */
  'MODEL_REFUSED',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface Failure {
  ok: false;
  code: ErrorCode;
  /** Fit to show a user as it is. */
  message: string;
  details?: unknown;
}
export interface Success<T> {
  ok: true;
  value: T;
}
/** What every request answers: errors cross the boundary as data, never as thrown exceptions. */
export type Result<T> = Success<T> | Failure;
