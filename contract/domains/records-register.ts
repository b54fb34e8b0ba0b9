import { z } from 'zod';
import { isoDate, uuid } from '../schemas';
import { request } from '../spec';

export const attendanceStatuses = ['present', 'absent', 'late', 'excused'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

export interface RegisterEntry {
  studentId: string;
  studentNumber: string;
  firstName: string;
  lastName: string;
  /** Null when nothing was saved for the student that day yet. */
  status: AttendanceStatus | null;
  minutesLate: number | null;
  note: string | null;
  /** Who saved the entry last (display name), so a second taker sees whose marks they change. */
  recordedBy: string | null;
  /** When the entry was saved last (ISO timestamp); null when nothing was saved. */
  recordedAt: string | null;
}

export interface Register {
  classId: string;
  className: string;
  date: string;
  entries: RegisterEntry[];
}

export interface RegisterSaved {
  classId: string;
  date: string;
  /** Rows written (new or different); unchanged rows are not rewritten nor audited. */
  changed: number;
  unchanged: number;
  /** The day's register as saved, so the screen shows it without asking again. */
  register: Register;
}

export const registerInput = z.object({ classId: uuid, date: isoDate }).strict();
export type RegisterRequest = z.input<typeof registerInput>;

export const registerEntryInput = z
  .object({
    studentId: uuid,
    status: z.enum(attendanceStatuses),
    /** Only for `late`. */
    minutesLate: z.number().int().min(0).max(1440).nullable().optional(),
    note: z.string().trim().max(500, 'must be at most 500 characters').nullable().optional(),
  })
  .strict();
export type RegisterEntryInput = z.input<typeof registerEntryInput>;

export const registerSaveInput = z
  .object({
    classId: uuid,
    date: isoDate,
    entries: z.array(registerEntryInput).min(1, 'must list at least one student').max(200),
  })
  .strict();
export type RegisterSave = z.input<typeof registerSaveInput>;

/** The attendance register: one class, one day, saved whole. */
export const registerRequests = {
  openRegister: request<Register>()(registerInput, 'user'),
  saveRegister: request<RegisterSaved>()(registerSaveInput, 'user'),
};
