import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newId } from '../../db/ids';
import { seedSchool } from '../support/school';
import { migrateTo, queryPlan } from '../support/migrate-to';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const open = () => migrateTo(join(tempDir(), 'b.sqlite'), 3);

function addModel(db: Awaited<ReturnType<typeof open>>, schoolId: string, status: string) {
  const id = newId();
  db.prepare(
    `INSERT INTO model_versions (id, school_id, kind, status, trigger, feature_schema_hash, metrics, artifact_sha256)
     VALUES (?, ?, 'logistic', ?, 'manual', 'h', '{}', ?)`,
  ).run(id, schoolId, status, 'a'.repeat(64));
  return id;
}

describe('migration 0003-risk', () => {
  it('allows at most one champion model per school', async () => {
    const db = await open();
    const { schoolId } = seedSchool(db);
    addModel(db, schoolId, 'champion');
    addModel(db, schoolId, 'challenger');
    expect(() => addModel(db, schoolId, 'champion')).toThrow(/UNIQUE/);
    const other = seedSchool(db, 'Other');
    expect(() => addModel(db, other.schoolId, 'champion')).not.toThrow();
    db.close();
  });

  it('keeps scores between 0 and 1 with a known tier', async () => {
    const db = await open();
    const { schoolId, studentId } = seedSchool(db);
    const model = addModel(db, schoolId, 'champion');
    const insert = db.prepare(
      `INSERT INTO risk_scores (school_id, student_id, model_version_id, score, tier, factors, scored_at)
       VALUES (?, ?, ?, ?, ?, '[]', '2025-01-01T00:00:00Z')`,
    );
    expect(() => insert.run(schoolId, studentId, model, 1.2, 'high')).toThrow(/CHECK/);
    expect(() => insert.run(schoolId, studentId, model, 0.5, 'extreme')).toThrow(/CHECK/);
    insert.run(schoolId, studentId, model, 0.5, 'medium');
    expect(() => insert.run(schoolId, studentId, model, 0.6, 'medium')).toThrow(/UNIQUE|PRIMARY/);
    db.close();
  });

  it('reads the latest score per student and the riskiest students through indexes', async () => {
    const db = await open();
    expect(
      queryPlan(
        db,
        'SELECT score, tier FROM risk_scores WHERE school_id = ? AND student_id = ?',
        's',
        't',
      ),
    ).toMatch(/USING (INDEX sqlite_autoindex_risk_scores_1|PRIMARY KEY)/);
    expect(
      queryPlan(
        db,
        'SELECT student_id FROM risk_scores WHERE school_id = ? ORDER BY score DESC LIMIT 20',
        's',
      ),
    ).toMatch(/USING INDEX risk_scores_by_score/);
    expect(
      queryPlan(
        db,
        'SELECT score FROM risk_score_history WHERE school_id = ? AND student_id = ? ORDER BY scored_at',
        's',
        't',
      ),
    ).toMatch(/USING INDEX risk_history_by_student/);
    db.close();
  });
});
