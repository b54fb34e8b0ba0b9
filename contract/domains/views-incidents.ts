import { z } from 'zod';
import { isoDate, uuid } from '../schemas';
import { request } from '../spec';
import type { Incident } from './records-behaviour';

/** An incident in the school-wide log, with whom it concerns. */
export interface IncidentLogEntry extends Incident {
  studentName: string;
  className: string | null;
}

export const incidentLogInput = z
  .object({
    /** Incidents of students in this class today. */
    classId: uuid.optional(),
    severity: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  })
  .strict();
export type IncidentLogQuery = z.input<typeof incidentLogInput>;

/** The behaviour log: the school's incidents, newest first, filtered in the backend. */
export const incidentViewRequests = {
  incidentLog: request<IncidentLogEntry[]>()(incidentLogInput, 'user'),
};
