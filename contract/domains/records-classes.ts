import { z } from 'zod';
import { isoDate, label, uuid } from '../schemas';
import { request } from '../spec';
import type { Enrolment } from './records-students';

/** A school year written '2025-2026': two consecutive years. */
export const schoolYear = z
  .string()
  .regex(/^\d{4}-\d{4}$/, "must be a school year written like '2025-2026'")
  .refine((s) => Number(s.slice(5)) === Number(s.slice(0, 4)) + 1, 'must be two consecutive years');

export interface Term {
  id: string;
  schoolYear: string;
  name: string;
  startDate: string;
  endDate: string;
  updatedAt: string;
}

export interface ClassInfo {
  id: string;
  schoolYear: string;
  name: string;
  gradeLevel: number | null;
  teacherId: string | null;
  teacherName: string | null;
  /** Students enrolled on the date asked (today by default). */
  enrolledCount: number;
  updatedAt: string;
}

export interface EnrolResult {
  enrolment: Enrolment;
  /** The enrolment that the move ended the day before, if the student was in another class. */
  ended: Enrolment | null;
  /** True when `ended` started on the same day, so it was removed rather than ended. */
  replaced: boolean;
}

export const newTermInput = z
  .object({ schoolYear, name: label(60), startDate: isoDate, endDate: isoDate })
  .strict();
export type NewTerm = z.input<typeof newTermInput>;

export const termEditInput = z
  .object({
    termId: uuid,
    name: label(60).optional(),
    startDate: isoDate.optional(),
    endDate: isoDate.optional(),
  })
  .strict();
export type TermEdit = z.input<typeof termEditInput>;

export const newClassInput = z
  .object({
    schoolYear,
    name: label(60),
    gradeLevel: z.number().int().min(0).max(13).nullable().optional(),
    teacherId: uuid.nullable().optional(),
  })
  .strict();
export type NewClass = z.input<typeof newClassInput>;

export const classEditInput = z
  .object({
    classId: uuid,
    name: label(60).optional(),
    gradeLevel: z.number().int().min(0).max(13).nullable().optional(),
    teacherId: uuid.nullable().optional(),
  })
  .strict();
export type ClassEdit = z.input<typeof classEditInput>;

export const enrolInput = z.object({ studentId: uuid, classId: uuid, startDate: isoDate }).strict();
export type EnrolRequest = z.input<typeof enrolInput>;

export const endEnrolmentInput = z.object({ enrolmentId: uuid, endDate: isoDate }).strict();
export type EndEnrolmentRequest = z.input<typeof endEnrolmentInput>;

const staff = ['admin', 'head_teacher'] as const;

/** Terms, classes and enrolments, per school year. */
export const classRequests = {
  createTerm: request<Term>()(newTermInput, staff),
  editTerm: request<Term>()(termEditInput, staff),
  listTerms: request<Term[]>()(z.object({ schoolYear: schoolYear.optional() }).strict(), 'user'),
  createClass: request<ClassInfo>()(newClassInput, staff),
  editClass: request<ClassInfo>()(classEditInput, staff),
  listClasses: request<ClassInfo[]>()(
    z.object({ schoolYear: schoolYear.optional(), onDate: isoDate.optional() }).strict(),
    'user',
  ),
  enrolStudent: request<EnrolResult>()(enrolInput, staff),
  endEnrolment: request<Enrolment>()(endEnrolmentInput, staff),
};
