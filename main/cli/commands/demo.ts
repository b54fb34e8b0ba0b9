import { localToday, startBackend } from '../../backend/backend';
import { demoTrainOptions } from '../../backend/demo/demo-training';
import { loadDemoSchool } from '../../backend/demo/load-demo';
import { defaultDatabasePath } from '../../backend/paths';
import { UsageError, type Command, type Output } from '../command';
import { trainNowAndReport } from './train';

const int = (
  v: string | boolean | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
) => {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(
      `--${name} must be a whole number from ${min} to ${max}, not "${String(v)}".`,
    );
  }
  return n;
};

export const demo: Command = {
  name: 'demo',
  summary:
    'load a simulated demo school into an empty database, train a model, show who is at risk',
  usage: 'beacon demo --db PATH [--students 1200] [--years 3] [--seed 1] [--today YYYY-MM-DD]',
  options: {
    db: { type: 'string' },
    students: { type: 'string' },
    years: { type: 'string' },
    seed: { type: 'string' },
    today: { type: 'string' },
  },
  async run({ values }, out: Output) {
    const students = int(values.students, 'students', 1200, 30, 20000);
    const years = int(values.years, 'years', 3, 2, 6);
    const seed = int(values.seed, 'seed', 1, 0, 2 ** 31 - 1);
    const today = typeof values.today === 'string' ? values.today : localToday();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today))
      throw new UsageError(`--today must be a date YYYY-MM-DD, not "${today}".`);
    const dbPath = typeof values.db === 'string' ? values.db : defaultDatabasePath();
    const backend = await startBackend({ dbPath, today: () => today });
    try {
      out.log(`Simulating ${students} students over ${years} school years (seed ${seed})...`);
      let shown = 0;
      const { schoolId, written } = loadDemoSchool(
        backend.context.db,
        { students, years, seed, today },
        null,
        (p) => {
          const pct = Math.floor((100 * p.done) / p.total);
          if (pct >= shown + 10) {
            shown = pct - (pct % 10);
            out.log(`  written ${shown}%`);
          }
        },
      );
      out.log(
        `Wrote ${written.students} students, ${written.classes} classes, ${written.attendance} attendance records, ` +
          `${written.assessments} assessments, ${written.incidents} incidents, ${written.statusChanges} status changes.`,
      );
      out.log(
        'Training the risk model (a quick first model: one validation split, the tree candidates; `beacon train` trains the full set)...',
      );
      return await trainNowAndReport(
        backend,
        { schoolId, trigger: 'demo school', seed, trainOptions: demoTrainOptions },
        out,
      );
    } finally {
      await backend.close();
    }
  },
};
