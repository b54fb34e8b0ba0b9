import { QueryClient } from '@tanstack/react-query';
import type { RequestError } from './ask';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: RequestError;
  }
}

/**
 * The window's cache of backend answers. Data changes arrive as `dataChanged` events, so answers
 * stay fresh until one says otherwise; failures are answers too (a FORBIDDEN is not retried).
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: Infinity,
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
      mutations: { retry: false },
    },
  });
}
