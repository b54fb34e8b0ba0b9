import { schoolProfileInput } from '../../../contract/domains/system';
import { setupSchoolInput } from '../../../contract/domains/auth';
import { startBackend } from '../../backend/backend';
import { setupSchool } from '../../backend/auth/setup';
import { defaultDatabasePath } from '../../backend/paths';
import { saveSchoolProfile } from '../../backend/services/school';
import { UsageError, type Command } from '../command';
import { newPasswordFrom } from '../read-password';

type Values = Record<string, string | boolean | undefined>;

const str = (v: Values, name: string): string | undefined =>
  typeof v[name] === 'string' ? (v[name] as string) : undefined;

/** The flag a person typed for each field of the setup request, to name it in a refusal. */
const flagOf: Record<string, string> = {
  schoolName: '--school',
  name: '--school',
  username: '--admin',
  displayName: '--display-name',
  password: 'the password',
  timezone: '--timezone',
  schoolYearStartMonth: '--start-month',
};

/** The computer's own time zone: where a school's laptop is, its school usually is too. */
const systemTimezone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function checkTimezone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw new UsageError(
      `--timezone must be a time zone such as Europe/Lisbon or Africa/Maputo, not "${zone}".`,
    );
  }
  return zone;
}

function startMonth(text: string | undefined): number {
  if (text === undefined) return 9;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 12) {
    throw new UsageError(`--start-month must be a month number from 1 to 12, not "${text}".`);
  }
  return n;
}

export const setup: Command = {
  name: 'setup',
  summary: "create a new school's database with its first administrator, ready to import into",
  usage:
    'beacon setup --db PATH --school NAME --admin USERNAME [--display-name NAME] ' +
    '[--timezone ZONE] [--start-month 1-12] [--password-file FILE]',
  options: {
    db: { type: 'string' },
    school: { type: 'string' },
    admin: { type: 'string' },
    'display-name': { type: 'string' },
    timezone: { type: 'string' },
    'start-month': { type: 'string' },
    'password-file': { type: 'string' },
  },
  async run({ values, positionals }, out) {
    if (positionals.length > 0) {
      throw new UsageError(
        `Unexpected argument "${positionals[0]}": a password is never an argument (use the prompt or --password-file).`,
      );
    }
    const school = str(values, 'school');
    const admin = str(values, 'admin');
    if (!school) throw new UsageError('--school NAME is required.');
    if (!admin) throw new UsageError('--admin USERNAME is required.');
    const timezone = checkTimezone(str(values, 'timezone') ?? systemTimezone());
    const month = startMonth(str(values, 'start-month'));
    const profile = schoolProfileInput.safeParse({
      name: school,
      timezone,
      schoolYearStartMonth: month,
    });
    const named = setupSchoolInput.safeParse({
      schoolName: school,
      username: admin,
      displayName: str(values, 'display-name') ?? admin,
      password: 'x'.repeat(16),
    });
    for (const result of [profile, named]) {
      if (!result.success) {
        const issue = result.error.issues[0];
        const field = String(issue?.path[0] ?? '');
        throw new UsageError(`${flagOf[field] ?? field} ${issue?.message ?? 'is not valid'}.`);
      }
    }
    const password = await newPasswordFrom(str(values, 'password-file'), admin);
    const input = setupSchoolInput.safeParse({ ...named.data, password });
    if (!input.success) {
      throw new UsageError(`The password ${input.error.issues[0]?.message ?? 'is not valid'}.`);
    }
    const dbPath = str(values, 'db') ?? defaultDatabasePath();
    const backend = await startBackend({ dbPath });
    try {
      const db = backend.context.db;
      // One transaction: the school's profile, its first administrator and the audit entry.
      const user = await setupSchool(db, input.data, new Date(), (created) => {
        saveSchoolProfile(db, profile.data ?? { name: school }, created.id);
      });
      out.log(`Set up ${school} in ${dbPath}.`);
      out.log(`  administrator  ${user.username}`);
      out.log(`  time zone      ${timezone}; the school year starts in month ${month}`);
      out.log("Next: import the school's spreadsheets, students first, e.g.");
      out.log(`  beacon import --db ${dbPath} --kind students students.csv`);
      return 0;
    } finally {
      await backend.close();
    }
  },
};
