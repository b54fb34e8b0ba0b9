import { z } from 'zod';

/** A calendar date as the school writes it, checked to exist (no 30 February). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'is not a real calendar date');

export const uuid = z.string().uuid('must be an id');

/** Names and labels: trimmed, never empty, never a novel. */
export const label = (max = 200) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const noInput = z.object({}).strict();
