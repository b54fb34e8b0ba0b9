import type { z } from 'zod';
import { systemRequests } from './domains/system';
import type { RequestSpec } from './spec';

export type { School, Health } from './domains/system';
export { schoolProfileInput } from './domains/system';

/**
 * The domains' request lists joined. Adding a request makes a missing handler a type error;
 * a test checks that no two domains use the same name.
 */
export const requestDomains = { system: systemRequests } as const;

export const requests = {
  ...systemRequests,
} satisfies Record<string, RequestSpec>;

export type Requests = typeof requests;
export type RequestName = keyof Requests;
export type RequestInput<K extends RequestName> = z.input<Requests[K]['input']>;
export type ParsedInput<K extends RequestName> = z.output<Requests[K]['input']>;
export type RequestOutput<K extends RequestName> = Requests[K]['output'];
export { requestNames } from './request-names';
