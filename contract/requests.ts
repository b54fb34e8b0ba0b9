import { z } from 'zod';
import { label, noInput } from './schemas';

/** A request's spec: the zod schema its input must pass, and (as a type only) what it answers. */
export interface RequestSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  /** Never read at run time: carries the output type. */
  output: O;
}

const request =
  <O>() =>
  <I extends z.ZodType>(input: I): RequestSpec<I, O> => ({ input, output: undefined as O });

export interface School {
  id: string;
  name: string;
  code: string | null;
  region: string | null;
  country: string | null;
  timezone: string;
  schoolYearStartMonth: number;
  updatedAt: string;
}

export interface Health {
  appVersion: string;
  schemaVersion: number;
  migrations: string[];
  databasePath: string;
  databaseSizeBytes: number;
  journalMode: string;
  counts: Record<string, number>;
  school: School | null;
}

export const schoolProfileInput = z
  .object({
    name: label(120),
    code: label(40).nullable().optional(),
    region: label(120).nullable().optional(),
    country: label(80).nullable().optional(),
    timezone: label(64).optional(),
    schoolYearStartMonth: z.number().int().min(1).max(12).optional(),
  })
  .strict();

/** Every request the backend serves. Adding one here makes a missing handler a type error. */
export const requests = {
  health: request<Health>()(noInput),
  getSchool: request<School | null>()(noInput),
  saveSchoolProfile: request<School>()(schoolProfileInput),
} satisfies Record<string, RequestSpec>;

export type Requests = typeof requests;
export type RequestName = keyof Requests;
export type RequestInput<K extends RequestName> = z.input<Requests[K]['input']>;
export type ParsedInput<K extends RequestName> = z.output<Requests[K]['input']>;
export type RequestOutput<K extends RequestName> = Requests[K]['output'];
export { requestNames } from './request-names';
