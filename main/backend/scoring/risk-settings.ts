import type { TierCutoffs, TierFloors, TierShares } from '../../../models';
import { defaultTierFloors, defaultTierShares } from '../../../models';
import { noteChanged, type Db } from '../../../db';
import { prepared } from '../../../db/prepared';
import { readSetting, writeSetting } from '../../../db/settings';

/** How tiers are drawn and what scores are compared with, per school, in `settings`. */
export interface RiskSettings {
  /** Shares a head teacher sets (default: top 10% high, next 15% medium). */
  shares: TierShares;
  /**
   * The least probability each tier needs whatever the rank (default high 20%, medium 10%), so
   * a tier never contradicts its number.
   */
  floors: TierFloors;
  /** Score cut-offs derived from the shares at the last whole-school scoring. */
  cutoffs: TierCutoffs | null;
  /** The school medians of each model input at the last whole-school scoring. */
  reference: Record<string, number | string | null>;
  /** How much worse a new model's held-out AUC may be than the champion's (default 0). */
  promotionTolerance: number;
  /** Versions kept besides the champion (default 5). */
  keepVersions: number;
  /** Months after a snapshot in which a dropout counts (default 12). */
  horizonMonths: number;
  /** Days between scheduled retraining runs (default 30). */
  retrainEveryDays: number;
  /**
   * Whether sex, ethnicity and low income are model inputs. Off by default: they are audit
   * columns for measuring fairness, and a school must choose to use them.
   */
  protectedInputs: boolean;
}

const KEY = 'risk';

export const defaultRiskSettings: RiskSettings = {
  shares: defaultTierShares,
  floors: defaultTierFloors,
  cutoffs: null,
  reference: {},
  promotionTolerance: 0,
  keepVersions: 5,
  horizonMonths: 12,
  retrainEveryDays: 30,
  protectedInputs: false,
};

/** The stored text of a school's risk settings (undefined when never saved), unparsed. */
export function riskSettingsText(db: Db, schoolId: string): string | undefined {
  return prepared(db, 'SELECT value FROM settings WHERE school_id = ? AND key = ?')
    .pluck()
    .get(schoolId, KEY) as string | undefined;
}

export function readRiskSettings(db: Db, schoolId: string): RiskSettings {
  const saved = readSetting(db, schoolId, KEY) as Partial<RiskSettings> | undefined;
  return { ...defaultRiskSettings, ...saved };
}

export function writeRiskSettings(
  db: Db,
  schoolId: string,
  patch: Partial<RiskSettings>,
): RiskSettings {
  const next = { ...readRiskSettings(db, schoolId), ...patch };
  writeSetting(db, schoolId, KEY, next);
  // Tiers, cut-offs and shares are what the risk screens show: a `dataChanged` names them.
  noteChanged(db, 'risk');
  return next;
}
