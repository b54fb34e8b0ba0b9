import { describe, expect, it } from 'vitest';
import { dataEntities, type DataEntity } from '../../contract';
import {
  changedMark,
  changedSince,
  clearChanged,
  noteChanged,
  watchChanged,
  writeTransaction,
} from '../../db';
import { keptCurrent } from '../../main/backend/keep-current';
import { addCalendar, addStudent, csvFile, importSchool, ok } from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

async function school() {
  const s = await importSchool(tempDir());
  afterTest(() => s.backend.close());
  addStudent(s.db, s.schoolId, 'S1');
  addCalendar(s.db, s.schoolId, ['2025-09-15', '2025-09-16']);
  const events: DataEntity[][] = [];
  s.api.on('dataChanged', (e) => events.push(e.entities));
  return { ...s, events };
}

const register = csvFile(
  'student_number,date,status\nS1,2025-09-15,present\nS1,2025-09-16,absent\n',
);

describe('dataChanged names what the change log recorded', () => {
  it('reports an import by the tables it wrote, the features it refreshed and the risk that follows', async () => {
    const s = await school();
    ok(await s.api.runImport({ kind: 'attendance', file: register }));
    expect(s.events).toEqual([['attendance', 'student_features', 'risk']]);
    // The same file again changes nothing, so nothing is reported.
    ok(await s.api.runImport({ kind: 'attendance', file: register }));
    expect(s.events).toHaveLength(1);
  });

  it('reports nothing for a dry run, whose transaction rolled back', async () => {
    const s = await school();
    const report = ok(await s.api.dryRunImport({ kind: 'attendance', file: register }));
    expect(report.totals.created).toBe(2);
    expect(s.events).toEqual([]);
  });

  it('forgets what a rolled-back transaction noted and keeps what committed', async () => {
    const s = await school();
    const mark = changedMark(s.db);
    writeTransaction(s.db, () => noteChanged(s.db, 'students'));
    expect(() =>
      writeTransaction(s.db, () => {
        noteChanged(s.db, 'marks');
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(changedSince(s.db, mark)).toEqual(['students']);
  });

  it("watches a job's changes across the requests that empty the journal meanwhile", async () => {
    const s = await school();
    const watched = watchChanged(s.db);
    writeTransaction(s.db, () => noteChanged(s.db, 'attendance'));
    clearChanged(s.db);
    ok(await s.api.saveSchoolProfile({ name: 'Renamed' }));
    writeTransaction(s.db, () => noteChanged(s.db, 'student_features'));
    expect(watched()).toEqual(['attendance', 'schools', 'student_features']);
    // An ended watch sees nothing more.
    writeTransaction(s.db, () => noteChanged(s.db, 'marks'));
    expect(watched()).toEqual(['attendance', 'schools', 'student_features']);
  });

  it('reports new risk settings from what their write noted, with no list in the handler', async () => {
    const s = await school();
    ok(await s.api.saveRiskSettings({ highShare: 0.2 }));
    expect(s.events).toEqual([['risk']]);
  });

  it('reports the sync state after a conflict changed, from the conflict the log recorded', () => {
    expect(keptCurrent(['sync_conflicts', 'students'])).toEqual([
      'sync_conflicts',
      'students',
      'sync',
    ]);
    expect(keptCurrent(['model_versions'])).toEqual(['model_versions', 'risk', 'models']);
  });

  it('uses only names of the contract vocabulary', async () => {
    const s = await school();
    ok(await s.api.saveSchoolProfile({ name: 'Renamed' }));
    ok(await s.api.runImport({ kind: 'attendance', file: register }));
    for (const names of s.events) for (const n of names) expect(dataEntities).toContain(n);
    expect(s.events[0]).toEqual(['schools']);
  });
});
