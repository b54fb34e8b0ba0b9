import { z } from 'zod';
import { uuid } from '../schemas';
import { request } from '../spec';
import type { AttendanceStatus } from './records-register';
import type { RiskTier } from './risk';

/** A term's average in one subject, as a share of the maximum (weighted by assessment weight). */
export interface SubjectAverage {
  termId: string | null;
  termName: string | null;
  termStart: string | null;
  subject: string;
  /** 0..1 */
  average: number;
  assessments: number;
}

/** One scoring of the student, with the model version that made it. */
export interface RiskPoint {
  scoredAt: string;
  score: number;
  tier: RiskTier;
  modelVersionId: string;
  modelKind: string | null;
  /** When that version was trained. */
  modelCreatedAt: string | null;
}

/** What the student profile shows beyond getStudent and studentRisk, read in one request. */
export interface StudentProfileView {
  studentId: string;
  /** Every recorded day of the last 365 days, oldest first. */
  attendance: { date: string; status: AttendanceStatus }[];
  attendanceRate30d: number | null;
  attendanceRateYear: number | null;
  marks: SubjectAverage[];
  riskHistory: RiskPoint[];
}

export const studentProfileInput = z.object({ studentId: uuid }).strict();

/** The student profile's view. */
export const studentProfileRequests = {
  studentProfile: request<StudentProfileView>()(studentProfileInput, 'user'),
};
