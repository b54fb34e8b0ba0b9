import { z } from 'zod';
import { isoDate, uuid } from '../schemas';
import { request } from '../spec';

export const auditActions = ['create', 'update', 'delete', 'import', 'login', 'other'] as const;
export type AuditAction = (typeof auditActions)[number];

/** One entry of the audit log: who did what to which row, with the row before and after. */
export interface AuditEntry {
  id: string;
  /** ISO timestamp (UTC). */
  at: string;
  /** Null for the local system actor and for failed sign-ins. */
  userId: string | null;
  username: string | null;
  displayName: string | null;
  action: AuditAction;
  /** The table written, e.g. `students`. */
  entity: string;
  entityId: string | null;
  /**
   * For one row's change, the columns that changed (all of a created row's, a deleted row's
   * last values); null when created (before) or hard-deleted (after). For an operation over
   * many rows (a register save, an import), `after` says what the operation was.
   */
  before: unknown;
  after: unknown;
  /** The rows an operation changed, each with only what changed; empty for a one-row entry. */
  changes: AuditChange[];
}

/** One row changed by an operation: its id (attendance: `studentId/date`), before and after. */
export interface AuditChange {
  entityId: string;
  before: unknown;
  after: unknown;
}

export interface AuditPage {
  /** Newest first. */
  entries: AuditEntry[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface AuditExport {
  /** A suggested file name, e.g. `beacon-audit-2025-03-10.csv`. */
  fileName: string;
  /** RFC 4180 CSV with a header row and CRLF line ends. */
  csv: string;
  rowCount: number;
}

export const maxAuditPage = 500;
export const maxAuditExport = 100_000;

/** Filters shared by listing and export. `from` and `to` are whole days in the school's time zone. */
const auditFilterShape = {
  entity: z
    .string()
    .trim()
    .regex(/^[a-z_]{1,64}$/, 'must be a table name such as students')
    .optional(),
  entityId: uuid.optional(),
  userId: uuid.optional(),
  action: z.enum(auditActions).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
};

const fromNotAfterTo = (f: { from?: string | undefined; to?: string | undefined }) =>
  !f.from || !f.to || f.from <= f.to;
const fromNotAfterToMessage = { message: 'from must not be after to', path: ['from'] };

export const auditFilterInput = z
  .object(auditFilterShape)
  .strict()
  .refine(fromNotAfterTo, fromNotAfterToMessage);

export const auditListInput = z
  .object({
    ...auditFilterShape,
    limit: z
      .number()
      .int()
      .min(1, 'must be at least 1')
      .max(maxAuditPage, `must be at most ${maxAuditPage}`)
      .default(100),
    cursor: z.string().max(200).optional(),
  })
  .strict()
  .refine(fromNotAfterTo, fromNotAfterToMessage);

/** The audit log: read by head teachers and administrators. */
export const auditRequests = {
  listAuditLog: request<AuditPage>()(auditListInput, ['admin', 'head_teacher']),
  exportAuditLog: request<AuditExport>()(auditFilterInput, ['admin', 'head_teacher']),
};
