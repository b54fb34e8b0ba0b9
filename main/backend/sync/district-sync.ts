import type { Db } from '../../../db';
import type { CentralSession } from './central-session';

interface TierRow {
  student_id: string;
  tier: string;
  score: number;
  scored_at: string;
}

/**
 * Sends the school's current tiers for the district's report (scores are made here and never
 * travel as records) in one statement that replaces the school's set: new and changed tiers
 * upserted, students no longer scored removed. Row-level security keeps it to this school.
 */
export async function pushTiers(db: Db, session: CentralSession): Promise<number> {
  const rows = db
    .prepare(
      'SELECT student_id, tier, score, scored_at FROM risk_scores WHERE school_id = ? ORDER BY student_id',
    )
    .all(session.schoolId) as TierRow[];
  const c = session.client;
  await c.query('BEGIN');
  try {
    await c.query(
      `WITH incoming AS (
         SELECT * FROM unnest($2::text[], $3::text[], $4::float8[], $5::text[])
           AS t (student_id, tier, score, scored_at)
       ), gone AS (
         DELETE FROM risk_tiers r WHERE r.school_id = $1
            AND NOT EXISTS (SELECT 1 FROM incoming i WHERE i.student_id = r.student_id)
       )
       INSERT INTO risk_tiers (school_id, student_id, tier, score, scored_at)
       SELECT $1, student_id, tier, score, scored_at FROM incoming
       ON CONFLICT (school_id, student_id) DO UPDATE
         SET tier = EXCLUDED.tier, score = EXCLUDED.score, scored_at = EXCLUDED.scored_at
         WHERE (risk_tiers.tier, risk_tiers.score) IS DISTINCT FROM (EXCLUDED.tier, EXCLUDED.score)`,
      [
        session.schoolId,
        rows.map((r) => r.student_id),
        rows.map((r) => r.tier),
        rows.map((r) => r.score),
        rows.map((r) => r.scored_at),
      ],
    );
    await c.query('COMMIT');
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return rows.length;
}

interface TransferRow {
  direction: 'out' | 'in';
  student_id: string;
  other_school_code: string | null;
  other_school_name: string;
  left_on: string | null;
  enrolled_on: string | null;
}

/**
 * Brings the school's probable transfers from the server (its dropouts enrolled at another school
 * of the district, its students who dropped out at another) and replaces the laptop's copy with
 * them, in one transaction. Students the laptop does not have (yet) are skipped.
 */
export async function pullProbableTransfers(db: Db, session: CentralSession): Promise<number> {
  const res = await session.client.query<TransferRow>(
    `SELECT direction, student_id, other_school_code, other_school_name,
            left_on::text AS left_on, enrolled_on::text AS enrolled_on
       FROM beacon_probable_transfers()`,
  );
  const now = new Date().toISOString();
  return db
    .transaction(() => {
      db.prepare('DELETE FROM probable_transfers WHERE school_id = ?').run(session.schoolId);
      const known = db.prepare(
        'SELECT 1 FROM students WHERE school_id = ? AND id = ? AND deleted_at IS NULL',
      );
      const insert = db.prepare(
        `INSERT OR IGNORE INTO probable_transfers (school_id, student_id, direction,
           other_school_code, other_school_name, left_on, enrolled_on, seen_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      let kept = 0;
      for (const r of res.rows) {
        if (!known.get(session.schoolId, r.student_id)) continue;
        insert.run(
          session.schoolId,
          r.student_id,
          r.direction,
          r.other_school_code,
          r.other_school_name,
          r.left_on,
          r.enrolled_on,
          now,
        );
        kept += 1;
      }
      return kept;
    })
    .immediate();
}
