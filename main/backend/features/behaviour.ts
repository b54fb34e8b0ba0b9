import { epochDay } from './packed-attendance';
import type { IncidentRow } from './types';

export interface BehaviourFeatures {
  incidentsSev1_90d: number;
  incidentsSev2_90d: number;
  incidentsSev3_90d: number;
  suspensionDays: number;
}

/** The window behind "incidents in the last 90 days", in calendar days ending at the anchor. */
export const RECENT_INCIDENT_DAYS = 90;

/**
 * Incidents by severity and their suspension days, over the 90 calendar days that end on the
 * anchor (a day number; anchor - 89 through anchor). No anchor means nothing to count.
 */
export function behaviourFeatures(
  incidents: readonly IncidentRow[],
  anchorDay: number | null,
): BehaviourFeatures {
  const f: BehaviourFeatures = {
    incidentsSev1_90d: 0,
    incidentsSev2_90d: 0,
    incidentsSev3_90d: 0,
    suspensionDays: 0,
  };
  if (anchorDay === null) return f;
  const from = anchorDay - (RECENT_INCIDENT_DAYS - 1);
  for (const i of incidents) {
    const day = epochDay(i.date);
    if (day < from || day > anchorDay) continue;
    if (i.severity === 1) f.incidentsSev1_90d++;
    else if (i.severity === 2) f.incidentsSev2_90d++;
    else if (i.severity === 3) f.incidentsSev3_90d++;
    f.suspensionDays += i.suspensionDays;
  }
  return f;
}
