import { z } from 'zod';
import { label, noInput } from '../schemas';
import { request } from '../spec';
import type { HealthSeries } from './health-history';

export interface School {
  id: string;
  name: string;
  code: string | null;
  region: string | null;
  country: string | null;
  timezone: string;
  schoolYearStartMonth: number;
  updatedAt: string;
}

export interface Health {
  appVersion: string;
  schemaVersion: number;
  migrations: string[];
  /** Where the database file is: for head teachers and admins only, else null. */
  databasePath: string | null;
  databaseSizeBytes: number;
  journalMode: string;
  /** Opened for reading only: the file or its folder cannot be written, so changes are refused. */
  readOnly: boolean;
  /** Live rows per table, school-wide: for head teachers and admins only, else null. */
  counts: Record<string, number> | null;
  /**
   * The audit log's hash chain walked end to end: intact, or the first entry that was altered.
   * `entries` counts the school-wide log: for head teachers and admins only, else null.
   */
  auditLog: { intact: boolean; entries: number | null; brokenAt: string | null };
  school: School | null;
  /** Figures kept over time (training time, latency, AUC, failures, disk, backups). */
  history: HealthSeries[];
}

/** SQLite's full integrity check of the database, run on demand (it reads every page). */
export interface DatabaseCheck {
  ok: boolean;
  /** What SQLite found wrong (at most 20 lines); empty when sound. */
  problems: string[];
  checkedAt: string;
}

export const schoolProfileInput = z
  .object({
    name: label(120),
    code: label(40).nullable().optional(),
    region: label(120).nullable().optional(),
    country: label(80).nullable().optional(),
    timezone: label(64).optional(),
    schoolYearStartMonth: z.number().int().min(1).max(12).optional(),
  })
  .strict();

/** The app itself: health and the school profile. */
export const systemRequests = {
  health: request<Health>()(noInput, 'public'),
  getSchool: request<School | null>()(noInput, 'public'),
  checkDatabase: request<DatabaseCheck>()(noInput, ['admin']),
  saveSchoolProfile: request<School>()(schoolProfileInput, ['admin', 'head_teacher']),
};
