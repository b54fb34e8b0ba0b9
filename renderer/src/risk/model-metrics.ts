/** One calibration band as training recorded it. */
export interface CalibrationBand {
  lower: number;
  upper: number;
  count: number;
  meanPredicted: number | null;
  observed: number | null;
}

export interface GroupRates {
  group: string;
  count: number;
  fpr: number | null;
  tpr: number | null;
}

export interface FairnessView {
  groups: GroupRates[];
  largestGap: { metric: 'fpr' | 'tpr'; gap: number; groups: [string, string] } | null;
}

export interface HeldOutView {
  calibration: CalibrationBand[];
  fairness: Record<string, FairnessView>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * The held-out evaluation inside a version's `metrics` (see models/evaluate.ts), read
 * defensively: an older version may lack parts, which then read as empty.
 */
export function heldOutOf(metrics: Record<string, unknown>): HeldOutView {
  const heldOut = isObject(metrics.heldOut) ? metrics.heldOut : {};
  const calibration = Array.isArray(heldOut.calibration)
    ? (heldOut.calibration as CalibrationBand[]).filter(
        (b) => isObject(b) && typeof b.lower === 'number' && typeof b.count === 'number',
      )
    : [];
  const fairness: Record<string, FairnessView> = {};
  if (isObject(heldOut.fairness)) {
    for (const [attribute, report] of Object.entries(heldOut.fairness)) {
      if (!isObject(report) || !Array.isArray(report.groups)) continue;
      fairness[attribute] = {
        groups: report.groups as GroupRates[],
        largestGap: (report.largestGap as FairnessView['largestGap']) ?? null,
      };
    }
  }
  return { calibration, fairness };
}
