import { z } from 'zod';
import { request } from '../spec';

/** What the Sync screen shows: whether a connection is set, what waits, how the last sync went. */
export interface SyncStatus {
  connected: boolean;
  host: string | null;
  schoolCode: string | null;
  /** Changed rows not yet on the server. */
  pending: number;
  lastSuccessAt: string | null;
  /** The last failure since the last success; `code` is an ErrorCode for the renderer to translate. */
  lastError: { code: string; message: string; at: string } | null;
  openConflicts: number;
  /** Models the district trained for the school that sync brought to this laptop. */
  districtModels: { count: number; lastAt: string | null };
  /** A sync job queued or running now. */
  jobId: string | null;
}

/** A version a merge did not keep: the row as it was lost, and the version kept instead. */
export interface SyncConflict {
  id: string;
  /** The table of the row, e.g. `attendance`. */
  table: string;
  rowId: string;
  keptVersion: number;
  lostVersion: number;
  /** The lost version's fields as the other laptop had them. */
  lostRow: Record<string, unknown>;
  /** The row as it stands now on this laptop; null when it no longer exists. */
  currentRow: Record<string, unknown> | null;
  detectedAt: string;
  resolution: 'kept' | 'restored' | null;
  resolvedAt: string | null;
}

export const connectSyncInput = z
  .object({
    /** The connection file's text, as the district wrote it. */
    fileText: z.string().min(2).max(100_000),
    enrolmentCode: z.string().trim().min(4).max(64),
  })
  .strict();
export type ConnectSync = z.input<typeof connectSyncInput>;

export const listConflictsInput = z.object({ includeResolved: z.boolean().optional() }).strict();

export const resolveConflictInput = z
  .object({
    conflictId: z.string().min(1).max(64),
    /** `kept`: the current version stays; `restored`: the lost version becomes current again. */
    keep: z.enum(['kept', 'restored']),
  })
  .strict();
export type ResolveConflict = z.input<typeof resolveConflictInput>;

const empty = z.object({}).strict();

/** Sync with the district's server: state, a sync now, and the conflicts a head teacher settles. */
export const syncRequests = {
  syncStatus: request<SyncStatus>()(empty, 'user'),
  syncNow: request<{ jobId: string }>()(empty, ['admin', 'head_teacher']),
  connectSync: request<{ host: string; schoolCode: string }>()(connectSyncInput, ['admin']),
  listConflicts: request<SyncConflict[]>()(listConflictsInput, ['admin', 'head_teacher']),
  resolveConflict: request<SyncConflict>()(resolveConflictInput, ['admin', 'head_teacher']),
};
