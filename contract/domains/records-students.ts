import { z } from 'zod';
import { isoDate, label, uuid } from '../schemas';
import { request } from '../spec';

export const studentStatuses = ['active', 'transferred_out', 'dropped_out', 'graduated'] as const;
export type StudentStatus = (typeof studentStatuses)[number];

/** What a status change records. `returned` brings a student who left back to `active`. */
export const statusChangeKinds = [
  'transferred_out',
  'dropped_out',
  'graduated',
  'returned',
] as const;
export type StatusChangeKind = (typeof statusChangeKinds)[number];

export const sexes = ['F', 'M', 'X'] as const;
export type Sex = (typeof sexes)[number];

/** A student as lists and screens show them; protected attributes are never part of it. */
export interface StudentSummary {
  id: string;
  studentNumber: string;
  firstName: string;
  lastName: string;
  sex: Sex | null;
  dateOfBirth: string | null;
  gradeLevel: number | null;
  entryDate: string | null;
  status: StudentStatus;
  archivedAt: string | null;
  updatedAt: string;
  /** The class the student is enrolled in today, if any. */
  currentClass: { id: string; name: string } | null;
}

export interface StatusChange {
  id: string;
  status: StatusChangeKind;
  effectiveDate: string;
  reason: string | null;
  recordedBy: string | null;
  createdAt: string;
}

export interface Enrolment {
  id: string;
  studentId: string;
  classId: string;
  className: string;
  schoolYear: string;
  startDate: string;
  endDate: string | null;
}

/** Stored for fairness audits only: never a model input, shown only to head teachers and admins. */
export interface ProtectedAttributes {
  ethnicity: string | null;
  lowIncome: boolean | null;
}

export interface StudentDetail extends StudentSummary {
  /** Null for callers who may not see them (teachers). */
  protectedAttributes: ProtectedAttributes | null;
  statusHistory: StatusChange[];
  enrolments: Enrolment[];
}

export interface StudentPage {
  total: number;
  students: StudentSummary[];
}

const optionalFields = {
  sex: z.enum(sexes).nullable().optional(),
  dateOfBirth: isoDate.nullable().optional(),
  gradeLevel: z.number().int().min(0).max(13).nullable().optional(),
  entryDate: isoDate.nullable().optional(),
  ethnicity: label(100).nullable().optional(),
  lowIncome: z.boolean().nullable().optional(),
  /** The number a student keeps from school to school: how the district spots a transfer. */
  nationalNumber: label(40).nullable().optional(),
};

export const newStudentInput = z
  .object({
    studentNumber: label(40),
    firstName: label(100),
    lastName: label(100),
    ...optionalFields,
  })
  .strict();
export type NewStudent = z.input<typeof newStudentInput>;

/** Only the fields given change; null clears an optional field. */
export const studentEditInput = z
  .object({
    studentId: uuid,
    studentNumber: label(40).optional(),
    firstName: label(100).optional(),
    lastName: label(100).optional(),
    ...optionalFields,
  })
  .strict();
export type StudentEdit = z.input<typeof studentEditInput>;

export const archiveStudentInput = z.object({ studentId: uuid, archived: z.boolean() }).strict();
export type ArchiveStudent = z.input<typeof archiveStudentInput>;

export const studentStatusChangeInput = z
  .object({
    studentId: uuid,
    status: z.enum(statusChangeKinds),
    effectiveDate: isoDate,
    reason: z.string().trim().max(500, 'must be at most 500 characters').nullable().optional(),
    /** Only with `returned`: enrols the student in this class from the effective date. */
    classId: uuid.optional(),
  })
  .strict();
export type StudentStatusChangeRequest = z.input<typeof studentStatusChangeInput>;

export const studentQueryInput = z
  .object({
    /** Part of a name ("ana sil") or of a student number. */
    search: z.string().trim().max(100).optional(),
    /** Students enrolled in this class on `onDate` (today when not given). */
    classId: uuid.optional(),
    onDate: isoDate.optional(),
    status: z.enum(studentStatuses).optional(),
    includeArchived: z.boolean().optional(),
    limit: z.number().int().min(1).max(500).optional(),
    offset: z.number().int().min(0).optional(),
  })
  .strict();
export type StudentQuery = z.input<typeof studentQueryInput>;

const staff = ['admin', 'head_teacher'] as const;

/** Students: records, status changes with their history, search. */
export const studentRequests = {
  createStudent: request<StudentDetail>()(newStudentInput, staff),
  editStudent: request<StudentDetail>()(studentEditInput, staff),
  archiveStudent: request<StudentDetail>()(archiveStudentInput, staff),
  changeStudentStatus: request<StudentDetail>()(studentStatusChangeInput, staff),
  getStudent: request<StudentDetail>()(z.object({ studentId: uuid }).strict(), 'user'),
  listStudents: request<StudentPage>()(studentQueryInput, 'user'),
};
