import type { z } from 'zod';

export const roles = ['admin', 'head_teacher', 'teacher'] as const;
export type Role = (typeof roles)[number];

/**
 * Who may call a request: anyone (`public`, e.g. health and sign-in), any signed-in user
 * (`user`), or only the listed roles. The backend enforces this before the handler runs; finer
 * rules (a teacher sees only their own classes) live in the services.
 */
export type Access = 'public' | 'user' | readonly Role[];

/** A request's spec: its input schema, who may call it, and (as a type only) what it answers. */
export interface RequestSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  access: Access;
  /** Never read at run time: carries the output type. */
  output: O;
}

export const request =
  <O>() =>
  <I extends z.ZodType>(input: I, access: Access): RequestSpec<I, O> => ({
    input,
    access,
    output: undefined as O,
  });
