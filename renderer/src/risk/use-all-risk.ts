import { useQuery } from '@tanstack/react-query';
import type { RiskList, RiskTier } from '../../../contract';
import { ask } from '../query/ask';

export interface RiskFilter {
  tier?: RiskTier | undefined;
  classId?: string | undefined;
}

/** The backend answers at most this many entries per request. */
const PAGE = 1000;

/** Every scored student matching the filter, read page by page (5,000 is five requests). */
async function allScored(filter: RiskFilter): Promise<RiskList> {
  const first = await ask('riskList', { ...filter, limit: PAGE, offset: 0 });
  const entries = [...first.entries];
  while (entries.length < first.total) {
    const next = await ask('riskList', { ...filter, limit: PAGE, offset: entries.length });
    if (next.entries.length === 0) break; // the list shrank while reading: show what there is
    entries.push(...next.entries);
  }
  return { ...first, entries };
}

/**
 * The whole at-risk list for a filter, cached under the `riskList` request name, so the
 * backend's dataChanged events refresh it like any other read.
 */
export function useAllRisk(filter: RiskFilter) {
  return useQuery({
    queryKey: ['riskList', { ...filter, all: true }] as const,
    queryFn: () => allScored(filter),
  });
}
