import {
  useMutation,
  useQuery,
  type UseMutationOptions,
  type UseQueryOptions,
} from '@tanstack/react-query';
import type { RequestInput, RequestName, RequestOutput } from '../../../contract';
import { ask, type RequestError } from './ask';

/** The query key of a request: its name, then its input. Invalidation matches on the name. */
export const requestKey = <K extends RequestName>(name: K, input: RequestInput<K>) =>
  [name, input] as const;

type QueryExtras<K extends RequestName> = Omit<
  UseQueryOptions<RequestOutput<K>, RequestError, RequestOutput<K>, readonly [K, RequestInput<K>]>,
  'queryKey' | 'queryFn'
>;

/**
 * A backend request as a cached query: refetched when a `dataChanged` event touches what it
 * reads (see invalidation.ts). `error.failure` holds the backend's Failure.
 */
export function useRequest<K extends RequestName>(
  name: K,
  input: RequestInput<K>,
  options: QueryExtras<K> = {},
) {
  return useQuery({
    queryKey: requestKey(name, input),
    queryFn: () => ask(name, input),
    ...options,
  });
}

/** A backend request that changes data, as a mutation; the backend's events refresh the rest. */
export function useAction<K extends RequestName>(
  name: K,
  options: Omit<
    UseMutationOptions<RequestOutput<K>, RequestError, RequestInput<K>>,
    'mutationFn'
  > = {},
) {
  return useMutation({ mutationFn: (input: RequestInput<K>) => ask(name, input), ...options });
}
