import { z } from 'zod';
import { request } from '../spec';
import { marksSaveInput, type MarksSaved } from './records-marks';

export const marksGridSaveInput = z
  .object({
    /** Each assessment's changed marks; all are saved or none. */
    assessments: z.array(marksSaveInput).min(1, 'must list at least one assessment').max(60),
  })
  .strict();
export type MarksGridSave = z.input<typeof marksGridSaveInput>;

/** The marks grid's one save: several assessments' marks in one transaction. */
export const marksGridRequests = {
  saveMarksGrid: request<MarksSaved[]>()(marksGridSaveInput, 'user'),
};
