import { describe, expect, it } from 'vitest';
import { buildTrainingSet } from '../../main/backend/training/training-set';
import { addCalendar, addClass, addStudents, ok, testSchool } from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const after = useAfterTest();

/** Two register days early in 2024-2025: the first snapshot is then 1 November 2024. */
const days = ['2024-09-02', '2024-09-03'];
/** A horizon whose end (1 May 2025 for that snapshot) has passed by the tests' today. */
const options = { today: '2025-10-15', horizonMonths: 6, everyMonths: 2 };

describe('training labels and probable transfers', () => {
  it('labels a dropout 1, and the same student recorded as transferred is never a dropout', async () => {
    const school = await testSchool(tempDir());
    after(() => school.backend.close());
    const { api, db, schoolId } = school;
    const [ana, bruno] = await addStudents(api, ['Ana Silva', 'Bruno Costa']);
    const classId = await addClass(api, '7A', [ana!, bruno!], null, '2024-2025');
    addCalendar(db, schoolId, days);
    for (const date of days) {
      ok(
        await api.saveRegister({
          classId,
          date,
          entries: [
            { studentId: ana!, status: 'absent' },
            { studentId: bruno!, status: 'present' },
          ],
        }),
      );
    }
    ok(
      await api.changeStudentStatus({
        studentId: ana!,
        status: 'dropped_out',
        effectiveDate: '2024-12-10',
      }),
    );
    const labelsOf = (studentId: string) => {
      const set = buildTrainingSet(db, schoolId, options);
      return set.studentIds.flatMap((id, i) => (id === studentId ? [set.dataset.labels[i]] : []));
    };
    expect(labelsOf(ana!)).toEqual([1]);
    expect(labelsOf(bruno!)).toEqual([0, 0, 0]);

    // What the last sync leaves on the laptop when another school enrolled her (district-sync.ts).
    db.prepare(
      `INSERT INTO probable_transfers (school_id, student_id, direction, other_school_code,
         other_school_name, left_on, enrolled_on, seen_at)
       VALUES (?, ?, 'out', 'NORTE', 'Escola do Norte', '2024-12-10', '2025-01-06', '2025-10-15T08:00:00Z')`,
    ).run(schoolId, ana!);
    ok(await api.recordTransfer({ studentId: ana! }));

    // Censored: no example at all for her, neither a dropout nor a student who stayed.
    expect(labelsOf(ana!)).toEqual([]);
    expect(labelsOf(bruno!)).toEqual([0, 0, 0]);
  });
});
