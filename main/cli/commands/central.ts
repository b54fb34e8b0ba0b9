import {
  addDistrictAdmin,
  addSchool,
  centralStatus,
  revokeSchool,
} from '../../backend/central/central-admin';
import { migrateCentral } from '../../backend/central/central-schema';
import { parseCentralUrl, redactUrl } from '../../backend/central/central-url';
import { writeDistrictReport } from '../../backend/central/report-files';
import { UsageError, type Command } from '../command';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** `beacon central init|add-school|revoke-school|status`: the district's side of sync. */
export const central: Command = {
  name: 'central',
  summary:
    "set up the district's central PostgreSQL, add or revoke schools, show its status, train every school's model",
  usage:
    'beacon central init --url URL [--ca FILE] | add-school --url URL --school CODE [--out FILE] [--ca FILE] | ' +
    'add-admin --url URL --name NAME [--out FILE] [--ca FILE] | ' +
    'revoke-school --url URL --school CODE | status --url URL [--ca FILE] | ' +
    'train --url URL [--school CODE[,CODE...]] [--workers N] [--today YYYY-MM-DD] [--candidates KIND,...] | ' +
    'worker --url URL [--concurrency N] | ' +
    'report --url URL [--csv FILE] [--pdf FILE] [--as-of YYYY-MM-DD]',

  options: {
    url: { type: 'string' },
    school: { type: 'string' },
    name: { type: 'string' },
    out: { type: 'string' },
    ca: { type: 'string' },
    workers: { type: 'string' },
    concurrency: { type: 'string' },
    today: { type: 'string' },
    candidates: { type: 'string' },
    csv: { type: 'string' },
    pdf: { type: 'string' },
    'as-of': { type: 'string' },
  },
  async run({ values, positionals }, out) {
    const [sub] = positionals;
    const url = str(values.url) ?? process.env.BEACON_CENTRAL_URL;
    if (!url)
      throw new UsageError(
        'Give the central database with --url postgres://user@host:5432/database.',
      );
    const target = parseCentralUrl(url, str(values.ca));
    const school = str(values.school);
    switch (sub) {
      case 'init': {
        const steps = await migrateCentral(target);
        out.log(
          `Central database ${redactUrl(url)} is ready (schema ${steps.length}: ${steps.join(', ')}).`,
        );
        out.log(`TLS: ${target.sslmode}.`);
        return 0;
      }
      case 'add-school': {
        if (!school) throw new UsageError('Name the school with --school CODE.');
        const file = str(values.out) ?? `${school}.beacon-connection`;
        const added = await addSchool(target, school, file);
        out.log(`School ${added.code} can now sync as role ${added.role}.`);
        out.log(
          `Connection file: ${added.file} (give it to the school's laptops; it holds no readable password).`,
        );
        out.log(`Enrolment code, shown only now; give it to the school apart from the file:`);
        out.log(`  ${added.enrolmentCode}`);
        return 0;
      }
      case 'add-admin': {
        const name = str(values.name);
        if (!name) throw new UsageError('Name the district admin with --name NAME.');
        const added = await addDistrictAdmin(
          target,
          name,
          str(values.out) ?? `${name}.beacon-connection`,
        );
        out.log(`District admin ${name} can now read every school's report as role ${added.role}.`);
        out.log(
          `Connection file: ${added.file} (open it on the app's District screen; it holds no readable password).`,
        );
        out.log(`Enrolment code, shown only now; keep it apart from the file:`);
        out.log(`  ${added.enrolmentCode}`);
        return 0;
      }
      case 'revoke-school': {
        if (!school) throw new UsageError('Name the school with --school CODE.');
        await revokeSchool(target, school);
        out.log(`School ${school} can no longer sign in; its rows stay on the server.`);
        return 0;
      }
      case 'status': {
        const status = await centralStatus(target);
        out.log(`schema ${status.schema.length} (${status.schema.join(', ')})`);
        if (status.schools.length === 0)
          out.log('No schools yet: add one with `beacon central add-school`.');
        for (const s of status.schools) {
          const state = s.revoked
            ? 'revoked'
            : s.schoolId
              ? 'syncing'
              : 'waiting for its first sync';
          out.log(
            `  ${s.code.padEnd(12)} ${(s.name ?? '').padEnd(30)} ${String(s.students).padStart(6)} students  ${state}`,
          );
        }
        return 0;
      }
      case 'train': {
        const codes = [...(school ? school.split(',') : []), ...positionals.slice(1)]
          .map((c) => c.trim())
          .filter(Boolean);
        // Loaded only here: the queue and training code stay out of every other command's start.
        const { centralTrain } = await import('./central-train');
        return centralTrain(target, values, codes, out);
      }
      case 'worker': {
        const { centralWorker } = await import('./central-train');
        return centralWorker(target, values, out);
      }
      case 'report': {
        const lines = await writeDistrictReport(target, {
          csv: str(values.csv),
          pdf: str(values.pdf),
          asOf: str(values['as-of']),
        });
        for (const line of lines) out.log(line);
        return 0;
      }
      default:
        throw new UsageError(
          `Unknown central command "${sub ?? ''}": init, add-school, add-admin, revoke-school, status, train, worker or report.`,
        );
    }
  },
};
