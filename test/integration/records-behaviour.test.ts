import { describe, expect, it } from 'vitest';
import { createIncident } from '../../main/backend/services/incidents';
import { addClass, addStudents, addUser, countRows, ok, recordsSchool } from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

async function school() {
  const s = await recordsSchool(tempDir());
  afterTest(() => s.backend.close());
  const teacher = addUser(s.backend, s.schoolId, 'teacher', 'Tomas Teacher');
  const [ana, bruno] = (await addStudents(s.api, ['Ana Silva', 'Bruno Costa'])) as [string, string];
  await addClass(s.api, '7A', [ana], teacher.id);
  await addClass(s.api, '7B', [bruno]);
  return { ...s, teacher, ana, bruno };
}

const unknownId = '0190b7f4-0000-7000-8000-000000000000';

describe('behaviour incidents', () => {
  it('records, edits and deletes incidents, refreshing the student features', async () => {
    const s = await school();
    const audit = countRows(s.db, 'audit_log');
    const incident = ok(
      await s.api.createIncident({
        studentId: s.ana,
        date: '2025-10-13',
        category: 'Fighting',
        severity: 3,
        description: 'Fight in the yard',
        actionTaken: 'Parents called',
        suspensionDays: 2,
      }),
    );
    expect(incident).toMatchObject({ severity: 3, suspensionDays: 2, recordedBy: null });
    const edited = ok(
      await s.api.editIncident({ incidentId: incident.id, severity: 2, description: null }),
    );
    expect(edited).toMatchObject({ severity: 2, description: null, actionTaken: 'Parents called' });
    ok(
      await s.api.createIncident({
        studentId: s.ana,
        date: '2025-10-14',
        category: 'Lateness',
        severity: 1,
      }),
    );
    expect(ok(await s.api.listIncidents({ studentId: s.ana })).map((i) => i.date)).toEqual([
      '2025-10-14',
      '2025-10-13',
    ]);
    ok(await s.api.deleteIncident({ incidentId: incident.id }));
    expect(ok(await s.api.listIncidents({ studentId: s.ana }))).toHaveLength(1);
    const actions = s.db
      .prepare("SELECT action FROM audit_log WHERE rowid > ? AND entity = 'behaviour_incidents'")
      .pluck()
      .all(audit);
    expect(actions).toEqual(['create', 'update', 'create', 'delete']);
    expect(await s.api.deleteIncident({ incidentId: incident.id })).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      s.db.prepare('SELECT count(*) FROM student_features WHERE student_id = ?').pluck().get(s.ana),
    ).toBe(1);
  });

  it('refuses bad severities, suspensions and unknown students', async () => {
    const s = await school();
    const base = { studentId: s.ana, date: '2025-10-13', category: 'Fighting' };
    const severity = await s.api.createIncident({ ...base, severity: 4 as 3 });
    expect(!severity.ok && severity.message).toMatch(/severity/);
    const suspension = await s.api.createIncident({ ...base, severity: 1, suspensionDays: 400 });
    expect(!suspension.ok && suspension.message).toMatch(/suspensionDays/);
    expect(
      await s.api.createIncident({ ...base, studentId: unknownId, severity: 1 }),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(() =>
      createIncident(
        s.db,
        { schoolId: s.schoolId, userId: null },
        {
          ...base,
          severity: 1,
          category: ' ',
        },
      ),
    ).toThrow(/category: must not be empty/);
    expect(countRows(s.db, 'behaviour_incidents')).toBe(0);
  });

  it('keeps teachers to incidents of their own students', async () => {
    const s = await school();
    const mine = ok(
      await s.teacher.api.createIncident({
        studentId: s.ana,
        date: '2025-10-13',
        category: 'Disruption',
        severity: 1,
      }),
    );
    expect(mine.recordedBy).toBe(s.teacher.id);
    const theirs = ok(
      await s.api.createIncident({
        studentId: s.bruno,
        date: '2025-10-13',
        category: 'Disruption',
        severity: 1,
      }),
    );
    expect(
      await s.teacher.api.createIncident({
        studentId: s.bruno,
        date: '2025-10-13',
        category: 'Disruption',
        severity: 1,
      }),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(await s.teacher.api.deleteIncident({ incidentId: theirs.id })).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await s.teacher.api.listIncidents({ studentId: s.bruno })).toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('interventions', () => {
  it('creates and edits interventions, and lists those due for review', async () => {
    const s = await school();
    const counsellor = addUser(s.backend, s.schoolId, 'head_teacher', 'Clara Counsellor');
    const mentoring = ok(
      await s.api.createIntervention({
        studentId: s.ana,
        type: 'Mentoring',
        ownerId: counsellor.id,
        startDate: '2025-09-15',
        reviewDate: '2025-10-15',
        status: 'active',
      }),
    );
    expect(mentoring).toMatchObject({
      studentName: 'Ana Silva',
      ownerName: 'Clara Counsellor',
      status: 'active',
    });
    ok(
      await s.api.createIntervention({
        studentId: s.bruno,
        type: 'Home visit',
        startDate: '2025-09-20',
        reviewDate: '2025-10-01',
      }),
    );
    const later = ok(
      await s.api.createIntervention({
        studentId: s.bruno,
        type: 'Tutoring',
        startDate: '2025-10-01',
        reviewDate: '2025-11-01',
      }),
    );
    expect(later.status).toBe('planned');
    // Today is 2025-10-15: the home visit (1 Oct) then the mentoring (15 Oct) are due.
    const due = ok(await s.api.listInterventionsDue({}));
    expect(due.map((i) => i.type)).toEqual(['Home visit', 'Mentoring']);
    ok(
      await s.api.editIntervention({
        interventionId: mentoring.id,
        status: 'completed',
        outcomeNote: 'Attendance back to 95%',
      }),
    );
    expect(ok(await s.api.listInterventionsDue({})).map((i) => i.type)).toEqual(['Home visit']);
    const listed = ok(await s.api.listInterventions({ studentId: s.ana }));
    expect(listed).toMatchObject([{ status: 'completed', outcomeNote: 'Attendance back to 95%' }]);
  });

  it('refuses a review before the start, unknown owners and statuses', async () => {
    const s = await school();
    const base = { studentId: s.ana, type: 'Mentoring', startDate: '2025-10-01' };
    expect(await s.api.createIntervention({ ...base, reviewDate: '2025-09-01' })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: 'The review date 2025-09-01 is before the start date 2025-10-01.',
    });
    expect(await s.api.createIntervention({ ...base, ownerId: unknownId })).toMatchObject({
      code: 'NOT_FOUND',
    });
    const status = await s.api.createIntervention({ ...base, status: 'paused' as 'active' });
    expect(status).toMatchObject({ code: 'INVALID_INPUT' });
    const created = ok(await s.api.createIntervention(base));
    expect(
      await s.api.editIntervention({ interventionId: created.id, reviewDate: '2025-09-30' }),
    ).toMatchObject({ code: 'INVALID_INPUT' });
    expect(countRows(s.db, 'interventions')).toBe(1);
  });

  it('shows a teacher only the due reviews of their students or their own', async () => {
    const s = await school();
    const forAna = ok(
      await s.api.createIntervention({
        studentId: s.ana,
        type: 'Mentoring',
        startDate: '2025-09-15',
        reviewDate: '2025-10-01',
      }),
    );
    const owned = ok(
      await s.api.createIntervention({
        studentId: s.bruno,
        type: 'Reading club',
        ownerId: s.teacher.id,
        startDate: '2025-09-15',
        reviewDate: '2025-10-02',
      }),
    );
    const others = ok(
      await s.api.createIntervention({
        studentId: s.bruno,
        type: 'Home visit',
        startDate: '2025-09-15',
        reviewDate: '2025-10-03',
      }),
    );
    const due = ok(await s.teacher.api.listInterventionsDue({}));
    expect(due.map((i) => i.id)).toEqual([forAna.id, owned.id]);
    // They may update what they own (even for a student of another class) and their students'.
    ok(await s.teacher.api.editIntervention({ interventionId: owned.id, status: 'active' }));
    expect(
      await s.teacher.api.editIntervention({ interventionId: others.id, status: 'active' }),
    ).toMatchObject({ code: 'FORBIDDEN' });
    ok(await s.teacher.api.editIntervention({ interventionId: forAna.id, status: 'active' }));
  });
});
