import { startBackend } from '../../backend/backend';
import { defaultDatabasePath } from '../../backend/paths';
import { currentSchool } from '../../backend/services/school';
import { studentIdByNumber } from '../../backend/services/students';
import { listProbableTransfers, recordTransfer } from '../../backend/services/transfers';
import { BeaconError } from '../../../db';
import { UsageError, type Command } from '../command';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** `beacon transfers`: the probable transfers the last sync brought, and recording one. */
export const transfers: Command = {
  name: 'transfers',
  summary: 'list the probable transfers the district reported, or record one as a transfer',
  usage: 'beacon transfers [--db PATH] [--record STUDENT-NUMBER]',
  options: {
    db: { type: 'string' },
    record: { type: 'string' },
  },
  async run({ values }, out) {
    const backend = await startBackend({ dbPath: str(values.db) ?? defaultDatabasePath() });
    const { db } = backend.context;
    try {
      const school = currentSchool(db);
      if (!school) throw new UsageError('No school on this laptop yet.');
      const number = str(values.record);
      if (number !== undefined) {
        const studentId = studentIdByNumber(db, school.id, number);
        if (!studentId) {
          throw new BeaconError('NOT_FOUND', `No student with number ${number} in this school.`);
        }
        const done = recordTransfer(db, { schoolId: school.id, userId: null }, studentId);
        out.log(
          `${done.name} (${done.studentNumber}) is recorded as transferred to ${done.otherSchoolName} on ${done.leftOn ?? 'the dropout date'}.`,
        );
        return 0;
      }
      const list = listProbableTransfers(db, school.id);
      if (list.length === 0) {
        out.log('No probable transfers reported at the last sync.');
        return 0;
      }
      for (const t of list) {
        out.log(
          t.direction === 'out'
            ? `  ${t.studentNumber.padEnd(10)} ${t.name.padEnd(28)} dropped out here on ${t.leftOn ?? '?'}; enrolled at ${t.otherSchoolName} since ${t.enrolledOn ?? '?'}`
            : `  ${t.studentNumber.padEnd(10)} ${t.name.padEnd(28)} dropped out at ${t.otherSchoolName} on ${t.leftOn ?? '?'}; enrolled here`,
        );
      }
      out.log('Record one with `beacon transfers --record STUDENT-NUMBER`.');
      return 0;
    } finally {
      await backend.close();
    }
  },
};
