import { z } from 'zod';
import { isoDate, label, noInput, uuid } from '../schemas';
import { request } from '../spec';

export const interventionStatuses = ['planned', 'active', 'completed', 'cancelled'] as const;
export type InterventionStatus = (typeof interventionStatuses)[number];

export interface Incident {
  id: string;
  studentId: string;
  date: string;
  category: string;
  severity: 1 | 2 | 3;
  description: string | null;
  actionTaken: string | null;
  suspensionDays: number;
  recordedBy: string | null;
  updatedAt: string;
}

export interface Intervention {
  id: string;
  studentId: string;
  studentName: string;
  type: string;
  ownerId: string | null;
  ownerName: string | null;
  startDate: string;
  reviewDate: string | null;
  status: InterventionStatus;
  outcomeNote: string | null;
  updatedAt: string;
}

const text = z.string().trim().max(2000, 'must be at most 2000 characters').nullable().optional();
const severity = z.union([z.literal(1), z.literal(2), z.literal(3)]);
const suspensionDays = z.number().int().min(0).max(365);

export const newIncidentInput = z
  .object({
    studentId: uuid,
    date: isoDate,
    category: label(80),
    severity,
    description: text,
    actionTaken: text,
    suspensionDays: suspensionDays.optional(),
  })
  .strict();
export type NewIncident = z.input<typeof newIncidentInput>;

export const incidentEditInput = z
  .object({
    incidentId: uuid,
    date: isoDate.optional(),
    category: label(80).optional(),
    severity: severity.optional(),
    description: text,
    actionTaken: text,
    suspensionDays: suspensionDays.optional(),
  })
  .strict();
export type IncidentEdit = z.input<typeof incidentEditInput>;

export const newInterventionInput = z
  .object({
    studentId: uuid,
    type: label(80),
    ownerId: uuid.nullable().optional(),
    startDate: isoDate,
    reviewDate: isoDate.nullable().optional(),
    status: z.enum(interventionStatuses).optional(),
    outcomeNote: text,
  })
  .strict();
export type NewIntervention = z.input<typeof newInterventionInput>;

export const interventionEditInput = z
  .object({
    interventionId: uuid,
    type: label(80).optional(),
    ownerId: uuid.nullable().optional(),
    startDate: isoDate.optional(),
    reviewDate: isoDate.nullable().optional(),
    status: z.enum(interventionStatuses).optional(),
    outcomeNote: text,
  })
  .strict();
export type InterventionEdit = z.input<typeof interventionEditInput>;

const byStudent = z.object({ studentId: uuid }).strict();

/** Behaviour incidents and the interventions that follow. */
export const behaviourRequests = {
  createIncident: request<Incident>()(newIncidentInput, 'user'),
  editIncident: request<Incident>()(incidentEditInput, 'user'),
  deleteIncident: request<{ id: string }>()(z.object({ incidentId: uuid }).strict(), 'user'),
  listIncidents: request<Incident[]>()(byStudent, 'user'),
  createIntervention: request<Intervention>()(newInterventionInput, 'user'),
  editIntervention: request<Intervention>()(interventionEditInput, 'user'),
  listInterventions: request<Intervention[]>()(byStudent, 'user'),
  /** Interventions whose review date has come (on or before today) and are still open. */
  listInterventionsDue: request<Intervention[]>()(noInput, 'user'),
};
