import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestName } from '../../contract';
import type { Backend } from '../../main/backend/backend';
import { systemConnection } from '../../main/backend/transport/in-process';
import { addClass, addStudents, ok, recordsSchool } from '../support/school';

const unknown = '0190b7f4-0000-7000-8000-000000000000';

// One school for every case below: they only read or are refused, so they cannot disturb
// each other.
const dir = mkdtempSync(join(tmpdir(), 'beacon-test-'));
let backend: Backend;
let student = '';
let classId = '';
beforeAll(async () => {
  const s = await recordsSchool(dir);
  backend = s.backend;
  [student = ''] = await addStudents(s.api, ['Ana Silva']);
  classId = await addClass(s.api, '7A', [student]);
});
afterAll(() => {
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every records request that names a row, with that row's id unknown to the school. */
const unknownIds: [RequestName, () => Record<string, unknown>][] = [
  ['getStudent', () => ({ studentId: unknown })],
  ['editStudent', () => ({ studentId: unknown, firstName: 'X' })],
  ['archiveStudent', () => ({ studentId: unknown, archived: true })],
  [
    'changeStudentStatus',
    () => ({ studentId: unknown, status: 'dropped_out', effectiveDate: '2025-10-01' }),
  ],
  ['editTerm', () => ({ termId: unknown, name: 'X' })],
  ['editClass', () => ({ classId: unknown, name: 'X' })],
  ['enrolStudent', () => ({ studentId: student, classId: unknown, startDate: '2025-10-01' })],
  ['endEnrolment', () => ({ enrolmentId: unknown, endDate: '2025-10-01' })],
  ['openRegister', () => ({ classId: unknown, date: '2025-10-07' })],
  [
    'saveRegister',
    () => ({
      classId: unknown,
      date: '2025-10-07',
      entries: [{ studentId: student, status: 'present' }],
    }),
  ],
  ['createAssessment', () => ({ classId: unknown, subject: 'Maths', name: 'T1', maxScore: 20 })],
  [
    'createAssessment',
    () => ({ classId, termId: unknown, subject: 'Maths', name: 'T1', maxScore: 20 }),
  ],
  ['editAssessment', () => ({ assessmentId: unknown, name: 'X' })],
  ['deleteAssessment', () => ({ assessmentId: unknown })],
  ['listAssessments', () => ({ classId: unknown })],
  ['openMarksGrid', () => ({ classId, termId: unknown })],
  ['saveMarks', () => ({ assessmentId: unknown, entries: [{ studentId: student, score: 1 }] })],
  [
    'createIncident',
    () => ({ studentId: unknown, date: '2025-10-07', category: 'X', severity: 1 }),
  ],
  ['editIncident', () => ({ incidentId: unknown, severity: 2 })],
  ['deleteIncident', () => ({ incidentId: unknown })],
  ['listIncidents', () => ({ studentId: unknown })],
  [
    'createIntervention',
    () => ({ studentId: unknown, type: 'Mentoring', startDate: '2025-10-07' }),
  ],
  ['editIntervention', () => ({ interventionId: unknown, status: 'active' })],
  ['listInterventions', () => ({ studentId: unknown })],
];

describe('records requests refuse ids the school does not know', () => {
  it.each(unknownIds)('%s answers NOT_FOUND naming what is missing', async (name, input) => {
    const r = await backend.dispatch(name, input(), systemConnection());
    expect(r).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(!r.ok && r.message).toMatch(
      /^No (student|term|class|enrolment|assessment|incident|intervention) with id /,
    );
  });

  it('refuses ids that are not ids at all, before any handler runs', async () => {
    const r = await backend.dispatch(
      'getStudent',
      { studentId: "1' OR '1'='1" },
      systemConnection(),
    );
    expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(
      ok(await backend.dispatch('getStudent', { studentId: student }, systemConnection())),
    ).toMatchObject({
      firstName: 'Ana',
    });
  });

  it('refuses records requests from callers who are not signed in', async () => {
    const r = await backend.dispatch('listStudents', {}, { session: null });
    expect(r).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });
});
