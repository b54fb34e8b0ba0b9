import type { Knex } from 'knex';

/**
 * The score history with two B-trees a row instead of four (issue 10): every register save
 * appends a history row for each of its students whose score moved, and each B-tree is a page
 * to find, change and write to the WAL at commit. Kept: the rowid table and
 * `risk_history_by_student`, which every reader uses (a student's history by time, the
 * dashboard's last score before a date). Dropped: the primary key on `id` and the UNIQUE
 * (school_id, id), which no query, foreign key or sync reads (history never syncs, nothing
 * refers to a history row); `id` stays, unique by construction (UUIDv7), for whatever exports
 * it. Rows keep their rowids, so the dashboard's tie-break by rowid orders them as before.
 */
const statements = [
  `CREATE TABLE risk_score_history_lean (
    id TEXT NOT NULL,
    school_id TEXT NOT NULL,
    student_id TEXT NOT NULL,
    model_version_id TEXT NOT NULL,
    score REAL NOT NULL CHECK (score BETWEEN 0 AND 1),
    tier TEXT NOT NULL CHECK (tier IN ('low', 'medium', 'high')),
    scored_at TEXT NOT NULL,
    FOREIGN KEY (school_id, student_id) REFERENCES students (school_id, id),
    FOREIGN KEY (school_id, model_version_id) REFERENCES model_versions (school_id, id)
  )`,
  `INSERT INTO risk_score_history_lean
     (rowid, id, school_id, student_id, model_version_id, score, tier, scored_at)
   SELECT rowid, id, school_id, student_id, model_version_id, score, tier, scored_at
   FROM risk_score_history ORDER BY rowid`,
  `DROP TABLE risk_score_history`,
  `ALTER TABLE risk_score_history_lean RENAME TO risk_score_history`,
  `CREATE INDEX risk_history_by_student ON risk_score_history (school_id, student_id, scored_at)`,
];

export async function up(knex: Knex): Promise<void> {
  for (const sql of statements) await knex.raw(sql);
}

export async function down(): Promise<void> {
  throw new Error('Beacon migrations are forward-only: restore a backup to go back.');
}
