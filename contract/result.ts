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
  /** A backup file cannot be restored: damaged, not a Beacon backup, or another school's. */
  'BACKUP_REFUSED',
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
