import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { newId } from '../../db/ids';
import { migrations } from '../../db/migrations';
import { migrate } from '../../db/open';
import { addStudent, seedSchool } from '../support/school';
import { migrateTo, queryPlan } from '../support/migrate-to';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const before = migrations.findIndex((m) => m.name === '0061-lean-score-history');

const allRows = (db: Database.Database) =>
  db
    .prepare(
      `SELECT rowid, id, school_id, student_id, model_version_id, score, tier, scored_at
       FROM risk_score_history ORDER BY rowid`,
    )
    .all();

describe('migration 0061-lean-score-history', () => {
  it('keeps every history row (with its rowid) and leaves two B-trees a row', async () => {
    expect(before).toBeGreaterThan(0);
    const path = join(tempDir(), 'h.sqlite');
    const old = await migrateTo(path, before);
    const { schoolId, studentId } = seedSchool(old);
    const other = addStudent(old, schoolId, 'S-2');
    const model = newId();
    old
      .prepare(
        `INSERT INTO model_versions (id, school_id, kind, status, trigger, feature_schema_hash, metrics, artifact_sha256)
         VALUES (?, ?, 'logistic', 'champion', 'manual', 'h', '{}', ?)`,
      )
      .run(model, schoolId, 'a'.repeat(64));
    const insert = old.prepare(
      `INSERT INTO risk_score_history (id, school_id, student_id, model_version_id, score, tier, scored_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let i = 0; i < 300; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      insert.run(
        newId(),
        schoolId,
        i % 3 ? studentId : other,
        model,
        (i % 100) / 100,
        (['low', 'medium', 'high'] as const)[i % 3],
        `2025-${String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0')}-${day}T08:00:00.000Z`,
      );
    }
    // A gap in the rowids, as deleted rows leave: the rows must keep theirs.
    old.prepare('DELETE FROM risk_score_history WHERE rowid BETWEEN 40 AND 60').run();
    const rowsBefore = allRows(old);
    expect(rowsBefore).toHaveLength(279);
    old.close();

    await migrate(path);
    const db = new Database(path);
    db.pragma('foreign_keys = ON');
    expect(allRows(db)).toEqual(rowsBefore);
    // The rowid table and the one index every reader uses; no index on id any more.
    const indexes = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?")
      .pluck()
      .all('risk_score_history');
    expect(indexes).toEqual(['risk_history_by_student']);
    // Its readers: a student's history by time, and the dashboard's last score before a date.
    expect(
      queryPlan(
        db,
        'SELECT score FROM risk_score_history WHERE school_id = ? AND student_id = ? ORDER BY scored_at',
        schoolId,
        studentId,
      ),
    ).toMatch(
      /SEARCH risk_score_history USING INDEX risk_history_by_student \(school_id=\? AND student_id=\?\)/,
    );
    expect(
      queryPlan(
        db,
        `SELECT h.tier FROM risk_score_history h WHERE h.school_id = ? AND h.student_id = ?
           AND h.scored_at <= ? ORDER BY h.scored_at DESC, h.rowid DESC LIMIT 1`,
        schoolId,
        studentId,
        '2025-06-01',
      ),
    ).toMatch(
      /USING INDEX risk_history_by_student \(school_id=\? AND student_id=\? AND scored_at<\?\)/,
    );
    // Its checks and foreign keys hold as before.
    expect(() =>
      insert_(db).run(newId(), schoolId, newId(), model, 0.5, 'low', '2026-01-01T00:00:00Z'),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      insert_(db).run(newId(), schoolId, studentId, model, 1.5, 'low', '2026-01-01T00:00:00Z'),
    ).toThrow(/CHECK/);
    expect(() =>
      insert_(db).run(null, schoolId, studentId, model, 0.5, 'low', '2026-01-01T00:00:00Z'),
    ).toThrow(/NOT NULL/);
    db.close();
  });
});

const insert_ = (db: Database.Database) =>
  db.prepare(
    `INSERT INTO risk_score_history (id, school_id, student_id, model_version_id, score, tier, scored_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
