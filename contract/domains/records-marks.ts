import { z } from 'zod';
import { isoDate, label, uuid } from '../schemas';
import { request } from '../spec';

export interface Assessment {
  id: string;
  classId: string;
  termId: string | null;
  subject: string;
  name: string;
  date: string | null;
  maxScore: number;
  weight: number;
  updatedAt: string;
}

export interface MarksGridRow {
  studentId: string;
  studentNumber: string;
  firstName: string;
  lastName: string;
  /** Score per assessment id; an assessment without a mark is absent. */
  scores: Record<string, number>;
}

export interface MarksGrid {
  classId: string;
  termId: string | null;
  assessments: Assessment[];
  students: MarksGridRow[];
}

export interface MarksSaved {
  assessmentId: string;
  changed: number;
  removed: number;
  unchanged: number;
}

const score = z.number().min(0).max(1000);
const weight = z.number().gt(0).max(100);

export const newAssessmentInput = z
  .object({
    classId: uuid,
    termId: uuid.nullable().optional(),
    subject: label(80),
    name: label(120),
    date: isoDate.nullable().optional(),
    maxScore: score.gt(0),
    weight: weight.optional(),
  })
  .strict();
export type NewAssessment = z.input<typeof newAssessmentInput>;

export const assessmentEditInput = z
  .object({
    assessmentId: uuid,
    termId: uuid.nullable().optional(),
    subject: label(80).optional(),
    name: label(120).optional(),
    date: isoDate.nullable().optional(),
    maxScore: score.gt(0).optional(),
    weight: weight.optional(),
  })
  .strict();
export type AssessmentEdit = z.input<typeof assessmentEditInput>;

export const marksGridInput = z.object({ classId: uuid, termId: uuid.optional() }).strict();
export type MarksGridRequest = z.input<typeof marksGridInput>;

export const marksSaveInput = z
  .object({
    assessmentId: uuid,
    entries: z
      .array(z.object({ studentId: uuid, score: z.number().finite().nullable() }).strict())
      .min(1, 'must list at least one student')
      .max(500),
  })
  .strict();
export type MarksSave = z.input<typeof marksSaveInput>;

/** Assessments and the marks grid of a class. */
export const marksRequests = {
  createAssessment: request<Assessment>()(newAssessmentInput, 'user'),
  editAssessment: request<Assessment>()(assessmentEditInput, 'user'),
  deleteAssessment: request<{ id: string }>()(z.object({ assessmentId: uuid }).strict(), 'user'),
  listAssessments: request<Assessment[]>()(marksGridInput, 'user'),
  openMarksGrid: request<MarksGrid>()(marksGridInput, 'user'),
  saveMarks: request<MarksSaved>()(marksSaveInput, 'user'),
};
