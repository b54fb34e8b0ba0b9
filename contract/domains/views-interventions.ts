import { z } from 'zod';
import { isoDate } from '../schemas';
import { request } from '../spec';
import { interventionStatuses, type Intervention } from './records-behaviour';

export const interventionLogInput = z
  .object({
    /** Only the caller's own interventions. */
    mine: z.boolean().optional(),
    status: z.enum(interventionStatuses).optional(),
    /** Review due on or before this date. */
    dueBy: isoDate.optional(),
  })
  .strict();
export type InterventionLogQuery = z.input<typeof interventionLogInput>;

/** The interventions log: by owner and review date, filtered in the backend. */
export const interventionViewRequests = {
  interventionLog: request<Intervention[]>()(interventionLogInput, 'user'),
};
