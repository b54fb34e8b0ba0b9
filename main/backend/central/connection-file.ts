import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { z } from 'zod';
import { BeaconError } from '../../../db';

/** Where a district admin reaches the central server; everything but the password is in clear. */
export interface DistrictConnection {
  host: string;
  port: number;
  database: string;
  role: string;
  sslmode: 'disable' | 'require' | 'verify-full';
  /** The CA certificate (PEM) the server's certificate must chain to, when not a public CA. */
  ca?: string;
}

/** Where a school's laptops reach the central server, as the school's own role. */
export interface SchoolConnection extends DistrictConnection {
  schoolCode: string;
}

const sealed = z.object({ salt: z.string(), iv: z.string(), tag: z.string(), data: z.string() });
const fileSchema = z.object({
  format: z.literal('beacon-central-connection'),
  version: z.literal(1),
  // Files written before district admins had files of their own are a school's.
  kind: z.enum(['school', 'district']).default('school'),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  database: z.string().min(1),
  role: z.string().min(1).max(63),
  schoolCode: z.string().min(1).optional(),
  sslmode: z.enum(['disable', 'require', 'verify-full']),
  ca: z.string().optional(),
  password: sealed,
});

const keyFrom = (code: string, salt: Buffer) =>
  scryptSync(code.replace(/[\s-]/g, '').toUpperCase(), salt, 32, {
    N: 1 << 15,
    r: 8,
    p: 1,
    maxmem: 64 << 20,
  });

/** A one-time code for a connection file: 20 letters and digits people can read aloud, in groups of 5. */
export function newEnrolmentCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return chars.match(/.{5}/g)?.join('-') ?? chars;
}

/**
 * The connection file's text: the password sealed (AES-256-GCM) with a key derived (scrypt) from
 * the enrolment code, which the district gives the school (or the admin) apart from the file. The
 * file alone never reveals the password. A connection with a school code is a school's file; one
 * without is a district admin's.
 */
export function writeConnectionFile(
  conn: SchoolConnection | DistrictConnection,
  password: string,
  code: string,
): string {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(code, salt), iv);
  const data = Buffer.concat([cipher.update(password, 'utf8'), cipher.final()]);
  const b64 = (b: Buffer) => b.toString('base64');
  return `${JSON.stringify(
    {
      format: 'beacon-central-connection',
      version: 1,
      kind: 'schoolCode' in conn ? 'school' : 'district',
      ...conn,
      password: { salt: b64(salt), iv: b64(iv), tag: b64(cipher.getAuthTag()), data: b64(data) },
    },
    null,
    2,
  )}\n`;
}

/** Reads a school's connection file and unseals its password; clear errors otherwise. */
export function readConnectionFile(
  text: string,
  code: string,
): { connection: SchoolConnection; password: string } {
  const { kind, schoolCode, password, ...rest } = unseal(text, code);
  if (kind !== 'school' || !schoolCode) {
    throw new BeaconError(
      'INVALID_INPUT',
      "This is a district admin's connection file, not a school's: open it on the District screen (Administration, District).",
    );
  }
  return { connection: { ...rest, schoolCode }, password };
}

/** Reads a district admin's connection file and unseals its password; clear errors otherwise. */
export function readDistrictConnectionFile(
  text: string,
  code: string,
): { connection: DistrictConnection; password: string } {
  const { kind, schoolCode: _school, password, ...connection } = unseal(text, code);
  if (kind !== 'district') {
    throw new BeaconError(
      'INVALID_INPUT',
      "This is a school's connection file, not a district admin's: connect it on the Sync screen.",
    );
  }
  return { connection, password };
}

function unseal(
  text: string,
  code: string,
): DistrictConnection & { kind: 'school' | 'district'; schoolCode?: string; password: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new BeaconError(
      'INVALID_INPUT',
      'This is not a Beacon connection file (it is not JSON).',
    );
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BeaconError(
      'INVALID_INPUT',
      `This is not a Beacon connection file: ${issue?.path.join('.') || 'format'} ${issue?.message ?? ''}`.trim(),
    );
  }
  const { password: p, format: _f, version: _v, ...connection } = parsed.data;
  const { ca, schoolCode, ...required } = connection;
  const buf = (s: string) => Buffer.from(s, 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(code, buf(p.salt)), buf(p.iv));
    decipher.setAuthTag(buf(p.tag));
    const password = Buffer.concat([decipher.update(buf(p.data)), decipher.final()]).toString(
      'utf8',
    );
    return {
      ...required,
      ...(ca !== undefined ? { ca } : {}),
      ...(schoolCode !== undefined ? { schoolCode } : {}),
      password,
    };
  } catch {
    throw new BeaconError(
      'UNAUTHENTICATED',
      'The enrolment code does not open this connection file; check the code the district gave you.',
    );
  }
}
