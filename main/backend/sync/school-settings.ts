import { riskSettingsInput } from '../../../contract/domains/risk';
import { BeaconError, prepared, type Db } from '../../../db';
import { writeSetting } from '../../../db/settings';
import {
  DEFAULT_EXPECTED_AGE_OFFSET,
  EXPECTED_AGE_OFFSET_KEY,
  parseExpectedAgeOffset,
} from '../features/school-inputs';
import {
  defaultRiskSettings,
  readRiskSettings,
  writeRiskSettings,
  type RiskSettings,
} from '../scoring/risk-settings';
import type { CentralSession } from './central-session';
import { readSyncValue, writeSyncState } from './sync-state';

/** How the school's risk is judged, in saveRiskSettings' own shape (the contract checks it). */
const riskPolicy = (s: RiskSettings) => ({
  highShare: s.shares.high,
  mediumShare: s.shares.medium,
  highFloor: s.floors.high,
  mediumFloor: s.floors.medium,
  promotionTolerance: s.promotionTolerance,
  keepVersions: s.keepVersions,
  horizonMonths: s.horizonMonths,
  retrainEveryDays: s.retrainEveryDays,
  protectedInputs: s.protectedInputs,
});

/**
 * The settings that describe the school, not this machine, and so go to the district: district
 * training builds a school's training set and judges its model with them, as the school's own
 * laptops do. Each key's value is read whole (defaults filled in) and checked again where it is
 * used, as anything a school's role wrote.
 *
 * Staying on this machine, never sent: `backups` (folders of this machine) and `updates` (this
 * machine's update source), the risk tiers' cut-offs and reference medians (worked out from this
 * laptop's last scoring, inside the `risk` key), and the sign-in lifetimes and future-date margin
 * (`session.lifetimes`, `records.futureMarginDays`: rules for this laptop's users and forms that
 * nothing central reads).
 */
const travelling: Record<string, { read(db: Db, schoolId: string): unknown; fallback: unknown }> = {
  risk: {
    read: (db, schoolId) => riskPolicy(readRiskSettings(db, schoolId)),
    fallback: riskPolicy(defaultRiskSettings),
  },
  [EXPECTED_AGE_OFFSET_KEY]: {
    read: (db, schoolId) =>
      parseExpectedAgeOffset(
        prepared(db, 'SELECT value FROM settings WHERE school_id = ? AND key = ?')
          .pluck()
          .get(schoolId, EXPECTED_AGE_OFFSET_KEY) as string | undefined,
      ),
    fallback: DEFAULT_EXPECTED_AGE_OFFSET,
  },
};

/**
 * Sends the school-wide settings that changed on this laptop since it last sent them. A value
 * this laptop never changed is not sent: settings do not sync between laptops, so a new laptop's
 * defaults, or one that only re-scored, must not replace what a head teacher set on another.
 * The latest change sent wins (the server's clock). Returns the keys sent.
 */
export async function pushSchoolSettings(db: Db, session: CentralSession): Promise<string[]> {
  const sent = (readSyncValue(db, session.schoolId, 'settings_pushed') ?? {}) as Record<
    string,
    string
  >;
  const changed: [string, string][] = [];
  for (const [key, setting] of Object.entries(travelling)) {
    const text = JSON.stringify(setting.read(db, session.schoolId));
    const before = sent[key] ?? JSON.stringify(setting.fallback);
    if (text !== before) changed.push([key, text]);
  }
  if (changed.length === 0) return [];
  await session.client.query(
    `INSERT INTO school_settings (school_id, key, value)
     SELECT $1, key, value FROM unnest($2::text[], $3::jsonb[]) AS t (key, value)
     ON CONFLICT (school_id, key) DO UPDATE SET value = EXCLUDED.value, changed_at = now()`,
    [session.schoolId, changed.map(([k]) => k), changed.map(([, v]) => v)],
  );
  writeSyncState(db, session.schoolId, 'settings_pushed', {
    ...sent,
    ...Object.fromEntries(changed),
  });
  return changed.map(([k]) => k);
}

/**
 * Writes a school's settings, as the server holds them, into a database that has the school
 * (district training's scratch copy), before its features are built. A key Beacon does not send
 * is ignored; a value that fails the checks a laptop's own form applies is refused, naming it.
 */
export function applySchoolSettings(
  db: Db,
  schoolId: string,
  code: string,
  rows: readonly { key: string; value: unknown }[],
): void {
  const refuse = (key: string, why: string) =>
    new BeaconError(
      'INVALID_INPUT',
      `School ${code}'s setting "${key}" on the server is not valid (${why}); nothing was trained.`,
    );
  for (const { key, value } of rows) {
    if (key === 'risk') {
      const parsed = riskSettingsInput.safeParse(value);
      if (!parsed.success) throw refuse(key, parsed.error.issues[0]?.message ?? 'malformed');
      const s = parsed.data;
      const d = defaultRiskSettings;
      writeRiskSettings(db, schoolId, {
        shares: { high: s.highShare ?? d.shares.high, medium: s.mediumShare ?? d.shares.medium },
        floors: { high: s.highFloor ?? d.floors.high, medium: s.mediumFloor ?? d.floors.medium },
        promotionTolerance: s.promotionTolerance ?? d.promotionTolerance,
        keepVersions: s.keepVersions ?? d.keepVersions,
        horizonMonths: s.horizonMonths ?? d.horizonMonths,
        retrainEveryDays: s.retrainEveryDays ?? d.retrainEveryDays,
        protectedInputs: s.protectedInputs ?? d.protectedInputs,
      });
    } else if (key === EXPECTED_AGE_OFFSET_KEY) {
      if (!(typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 20)) {
        throw refuse(key, 'a whole number of years from 0 to 20 is expected');
      }
      writeSetting(db, schoolId, key, value);
    }
  }
}
