import type { QueryClient } from '@tanstack/react-query';
import type { BeaconApi, DataEntity, RequestName } from '../../../contract';

/**
 * The tables each request reads, where that is certain. A request not listed is refreshed by
 * every change: stale data costs more than a repeated read.
 */
const reads: Partial<Record<RequestName, readonly DataEntity[]>> = {
  getSchool: ['schools'],
  setupStatus: ['schools', 'users'],
  listUsers: ['users'],
  listTerms: ['terms'],
  listClasses: ['classes', 'enrolments', 'terms'],
  listCalendar: ['school_calendar'],
  listImportMappings: ['import_mappings'],
};

/** Whether a change to `entities` can alter what request `name` answers. */
export function isAffected(name: unknown, entities: readonly DataEntity[]): boolean {
  if (typeof name !== 'string') return true;
  const tables = reads[name as RequestName];
  return !tables || entities.includes('*') || tables.some((t) => entities.includes(t));
}

/**
 * Marks stale every cached answer a `dataChanged` event may have changed; the ones on screen
 * refetch at once. Returns the function that stops listening.
 */
export function invalidateOnDataChanged(client: QueryClient, api: BeaconApi): () => void {
  return api.on('dataChanged', ({ entities }) => {
    void client.invalidateQueries({ predicate: (q) => isAffected(q.queryKey[0], entities) });
  });
}
