import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { clientConfig, parseCentralUrl } from '../../main/backend/central/central-url';
import { readDistrictConnectionFile } from '../../main/backend/central/connection-file';
import { districtReport } from '../../main/backend/central/report';
import { adminRole } from '../../main/backend/central/role-names';
import { addClass, addStudents, ok } from '../support/school';
import { runCli } from '../support/run-cli';
import { useAfterTest, useTempDir } from '../support/temp-dir';
import { centralWithSchool, connectedLaptop, type Laptop } from './central-world';
import { asAdmin, usePgDatabase } from './pg-test-db';

const newDatabase = usePgDatabase();
const tempDir = useTempDir();
const after = useAfterTest();

async function school(url: string, code: string, names: string[]): Promise<Laptop> {
  const file = await centralWithSchool(url, tempDir(), code);
  const laptop = await connectedLaptop(tempDir(), file);
  after(() => laptop.backend.close());
  const ids = await addStudents(laptop.api, names, code);
  const classId = await addClass(laptop.api, '7A', ids);
  ok(
    await laptop.api.saveRegister({
      classId,
      date: '2025-10-13',
      entries: ids.map((studentId) => ({ studentId, status: 'absent' as const })),
    }),
  );
  ok(
    await laptop.api.createIntervention({
      studentId: ids[0]!,
      type: 'Mentoring',
      startDate: '2025-10-01',
    }),
  );
  await laptop.sync();
  return laptop;
}

/** `beacon central add-admin` as an IT person runs it: the file and the code it prints once. */
function addAdmin(url: string, name: string) {
  const file = join(tempDir(), `${name}.beacon-connection`);
  const cli = runCli(['central', 'add-admin', '--url', url, '--name', name, '--out', file]);
  expect(cli.stderr).toBe('');
  expect(cli.code).toBe(0);
  const code = /^\s+([A-Z0-9]{5}(?:-[A-Z0-9]{5}){3})$/m.exec(cli.stdout)?.[1];
  expect(code, cli.stdout).toBeDefined();
  return { text: readFileSync(file, 'utf8'), code: code! };
}

describe('a district admin made by `beacon central add-admin`', () => {
  it('reads every school through the district policy (not a superuser), from the app and directly', async () => {
    const url = await newDatabase();
    const vale = await school(url, 'VALE', ['Ana Silva', 'Bruno Costa']);
    await school(url, 'NORTE', ['Dora Reis']);
    const admin = addAdmin(url, 'maria');
    const database = parseCentralUrl(url).database;
    const role = adminRole(database, 'maria');

    // A school's file is not an admin's, and an admin's is not a school's: each says where it goes.
    const schoolFile = await centralWithSchool(url, tempDir(), 'HILL');
    expect(
      await vale.api.connectDistrict({ fileText: schoolFile.text, enrolmentCode: schoolFile.code }),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: /Sync screen/ });
    expect(
      await vale.api.connectSync({ fileText: admin.text, enrolmentCode: admin.code }),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: /District screen/ });
    expect(ok(await vale.api.districtStatus({}))).toMatchObject({ connected: false });
    expect(await vale.api.districtReport({})).toMatchObject({ ok: false, code: 'NOT_FOUND' });

    // The app keeps the connection once proved; the report is the one postgres itself would read.
    expect(
      ok(await vale.api.connectDistrict({ fileText: admin.text, enrolmentCode: admin.code })),
    ).toEqual({ connected: true, host: '127.0.0.1', database, role });
    const asOf = '2025-10-15';
    const { report, csv } = ok(await vale.api.districtReport({ asOf }));
    const bySuperuser = await districtReport(parseCentralUrl(url), { asOf });
    expect({ ...report, refreshedSchools: 0 }).toEqual({ ...bySuperuser, refreshedSchools: 0 });
    expect(report.schools.map((s) => [s.code, s.students, s.interventions.open])).toEqual([
      ['NORTE', 1, 1],
      ['VALE', 2, 1],
    ]);
    expect(csv.split(/\r?\n/)[0]).toContain('interventions_done');

    // Directly as the generated role: no superuser, no bypass, and every table under row-level
    // security shows it every row, as many as the server's superuser counts.
    const { password } = readDistrictConnectionFile(admin.text, admin.code);
    const c = new pg.Client(clientConfig({ ...parseCentralUrl(url), user: role }, password));
    await c.connect();
    after(() => c.end());
    const me = await c.query<{ rolsuper: boolean; rolbypassrls: boolean }>(
      'SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user',
    );
    expect(me.rows).toEqual([{ rolsuper: false, rolbypassrls: false }]);
    const tables = await asAdmin(url, (a) =>
      a.query<{ name: string }>(
        `SELECT relname AS name FROM pg_class
          WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')
            AND NOT relispartition AND relforcerowsecurity ORDER BY relname`,
      ),
    );
    expect(tables.rows.length).toBeGreaterThan(20);
    const seen: Record<string, number> = {};
    const all: Record<string, number> = {};
    for (const { name } of tables.rows) {
      const count = `SELECT count(*)::int AS n FROM ${name}`;
      seen[name] = (await c.query<{ n: number }>(count)).rows[0]!.n;
      all[name] = (await asAdmin(url, (a) => a.query<{ n: number }>(count))).rows[0]!.n;
    }
    expect(seen).toEqual(all);
    expect(all.students).toBe(3);
    expect(all.school_interventions).toBeGreaterThan(0);

    // Forgetting the connection keeps nothing: the password leaves the secret store.
    expect(ok(await vale.api.disconnectDistrict({}))).toMatchObject({ connected: false });
    expect(await vale.secrets.get('district-password')).toBeNull();
  }, 180_000);
});
