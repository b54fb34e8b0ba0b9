import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { BeaconError } from '../../../db';
import { centralApplied, checkCentralSchema } from './central-schema';
import { clientConfig, type CentralTarget } from './central-url';
import { newEnrolmentCode, writeConnectionFile } from './connection-file';
import { centralError } from './pg-errors';
import { adminRole, groupRoles, schoolRole } from './role-names';
import { scramVerifier } from './scram-verifier';

const codePattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

/** Runs `work` on one admin connection to the central database, with errors made plain. */
export async function withAdmin<T>(
  target: CentralTarget,
  work: (c: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client(clientConfig(target));
  try {
    await client.connect();
    return await work(client);
  } catch (err) {
    throw centralError(err, target.host);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface AddedSchool {
  code: string;
  role: string;
  file: string;
  enrolmentCode: string;
}

/** What a new login role is for: its names, its group role and the check that it is new. */
interface NewLogin {
  /** "School code" or "Admin name", for the message that refuses a malformed one. */
  label: string;
  name: string;
  role: string;
  group: string;
  /** Refuses (CONFLICT) a name already taken and records the account, in the transaction. */
  claim(c: pg.Client): Promise<void>;
  schoolCode?: string;
}

/**
 * Creates a login role in its group (a generated password, sent to the server only as a SCRAM
 * verifier) and writes its connection file once, the password sealed by an enrolment code that is
 * returned to be given apart from the file. Refuses a malformed name, a name already taken or a
 * file that already exists, changing nothing.
 */
async function addLogin(target: CentralTarget, login: NewLogin, file: string): Promise<string> {
  if (!codePattern.test(login.name)) {
    throw new BeaconError(
      'INVALID_INPUT',
      `${login.label} "${login.name}" must be 1-40 letters, digits, "-" or "_", starting with a letter or digit.`,
    );
  }
  if (existsSync(file)) {
    throw new BeaconError(
      'CONFLICT',
      `${file} already exists; Beacon writes a connection file once and never overwrites one.`,
    );
  }
  const password = randomBytes(24).toString('base64url');
  const enrolmentCode = newEnrolmentCode();
  await withAdmin(target, async (c) => {
    checkCentralSchema(await centralApplied(c), target.host);
    await c.query('BEGIN');
    try {
      await login.claim(c);
      const verifier = scramVerifier(password).replace(/'/g, "''");
      await c.query(
        `CREATE ROLE ${login.role} LOGIN PASSWORD '${verifier}' IN ROLE ${login.group}`,
      );
      // Written inside the transaction: if the file cannot be written, the account is not made.
      writeFileSync(
        file,
        writeConnectionFile(
          {
            host: target.host,
            port: target.port,
            database: target.database,
            role: login.role,
            ...(login.schoolCode !== undefined ? { schoolCode: login.schoolCode } : {}),
            sslmode: target.sslmode,
            ...(target.ca !== undefined ? { ca: target.ca } : {}),
          },
          password,
          enrolmentCode,
        ),
        { flag: 'wx', mode: 0o600 },
      );
      await c.query('COMMIT');
    } catch (err) {
      await c.query('ROLLBACK');
      throw err;
    }
  });
  return enrolmentCode;
}

/** Creates a school's login role and its connection file (see addLogin); the school is new. */
export async function addSchool(
  target: CentralTarget,
  code: string,
  file: string,
): Promise<AddedSchool> {
  const role = schoolRole(target.database, code);
  const enrolmentCode = await addLogin(
    target,
    {
      label: 'School code',
      name: code,
      role,
      group: groupRoles(target.database).school,
      schoolCode: code,
      async claim(c) {
        const taken = await c.query(
          'SELECT 1 FROM school_accounts WHERE code = $1 OR role_name = $2',
          [code, role],
        );
        if (taken.rowCount) {
          throw new BeaconError(
            'CONFLICT',
            `School ${code} already has an account on this server; nothing was changed.`,
          );
        }
        await c.query('INSERT INTO school_accounts (code, role_name) VALUES ($1, $2)', [
          code,
          role,
        ]);
      },
    },
    file,
  );
  return { code, role, file, enrolmentCode };
}

export interface AddedAdmin {
  role: string;
  file: string;
  enrolmentCode: string;
}

/**
 * Creates a district admin's login role, a member of the database's district role (so row-level
 * security's district policy is what it reads through, never a superuser's bypass), and its
 * connection file (see addLogin): the file the app's District screen opens.
 */
export async function addDistrictAdmin(
  target: CentralTarget,
  name: string,
  file: string,
): Promise<AddedAdmin> {
  const role = adminRole(target.database, name);
  const enrolmentCode = await addLogin(
    target,
    {
      label: 'Admin name',
      name,
      role,
      group: groupRoles(target.database).district,
      async claim(c) {
        const taken = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
        if (taken.rowCount) {
          throw new BeaconError(
            'CONFLICT',
            `A district admin named ${name} already exists on this server (role ${role}); nothing was changed.`,
          );
        }
      },
    },
    file,
  );
  return { role, file, enrolmentCode };
}

/** Stops a school's role from signing in; its rows stay. */
export async function revokeSchool(target: CentralTarget, code: string): Promise<void> {
  await withAdmin(target, async (c) => {
    const row = await c.query<{ role_name: string }>(
      'UPDATE school_accounts SET revoked_at = now() WHERE code = $1 RETURNING role_name',
      [code],
    );
    const role = row.rows[0]?.role_name;
    if (!role) throw new BeaconError('NOT_FOUND', `School ${code} has no account on this server.`);
    await c.query(`ALTER ROLE ${role} NOLOGIN`);
  });
}

export interface CentralStatus {
  schema: string[];
  schools: {
    code: string;
    schoolId: string | null;
    name: string | null;
    revoked: boolean;
    students: number;
    lastChange: number | null;
  }[];
}

/** The schema steps and each school's account, size and latest change, for `beacon central status`. */
export async function centralStatus(target: CentralTarget): Promise<CentralStatus> {
  return withAdmin(target, async (c) => {
    const schema = await centralApplied(c);
    checkCentralSchema(schema, target.host);
    const res = await c.query<{
      code: string;
      school_id: string | null;
      name: string | null;
      revoked: boolean;
      students: string;
      last_seq: string | null;
    }>(
      `SELECT a.code, a.school_id, s.name, a.revoked_at IS NOT NULL AS revoked,
              (SELECT count(*) FROM students st WHERE st.school_id = a.school_id AND st.deleted_at IS NULL) AS students,
              (SELECT max(server_seq) FROM attendance t WHERE t.school_id = a.school_id) AS last_seq
         FROM school_accounts a LEFT JOIN schools s ON s.id = a.school_id
        ORDER BY a.code`,
    );
    return {
      schema,
      schools: res.rows.map((r) => ({
        code: r.code,
        schoolId: r.school_id,
        name: r.name,
        revoked: r.revoked,
        students: Number(r.students),
        lastChange: r.last_seq === null ? null : Number(r.last_seq),
      })),
    };
  });
}
