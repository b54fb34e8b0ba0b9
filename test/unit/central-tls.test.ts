import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  clientConfig,
  connectionTarget,
  parseCentralUrl,
} from '../../main/backend/central/central-url';
import {
  readConnectionFile,
  writeConnectionFile,
  type SchoolConnection,
} from '../../main/backend/central/connection-file';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIBdistrictCA\n-----END CERTIFICATE-----\n';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function caFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'beacon-ca-'));
  dirs.push(dir);
  const path = join(dir, 'district-ca.pem');
  writeFileSync(path, PEM);
  return path;
}

/** What node-postgres is told about TLS for a URL. */
const sslOf = (url: string, ca?: string) => clientConfig(parseCentralUrl(url, ca)).ssl;

describe('TLS to the central server (issue 11)', () => {
  it('checks the certificate and the name of a server on another machine by default', () => {
    const target = parseCentralUrl('postgres://admin@db.district.example/beacon');
    expect(target.sslmode).toBe('verify-full');
    expect(clientConfig(target).ssl).toEqual({
      rejectUnauthorized: true,
      servername: 'db.district.example',
    });
    expect(parseCentralUrl('postgres://admin@10.0.4.20:6432/beacon').sslmode).toBe('verify-full');
    expect(
      parseCentralUrl('postgres://admin@db.district.example/beacon?sslmode=verify-full'),
    ).toMatchObject({
      sslmode: 'verify-full',
    });
  });

  it.each([
    ['127.0.0.1', 'postgres://postgres@127.0.0.1:5432/postgres'],
    ['localhost', 'postgres://postgres@localhost/postgres'],
    ['::1', 'postgres://postgres@[::1]:5432/postgres'],
    ['/var/run/postgresql', 'postgres://postgres@%2Fvar%2Frun%2Fpostgresql/postgres'],
    ['/tmp', 'postgres:///postgres?host=/tmp'],
  ])('does not require TLS on this machine (%s)', (host, url) => {
    const target = parseCentralUrl(url);
    expect(target.host).toBe(host);
    expect(target.sslmode).toBe('disable');
    expect(clientConfig(target).ssl).toBe(false);
    expect(parseCentralUrl(`${url}${url.includes('?') ? '&' : '?'}sslmode=require`).sslmode).toBe(
      'require',
    );
  });

  it.each(['disable', 'require'])(
    'refuses sslmode=%s for a server on another machine, naming the host',
    (mode) => {
      expect(() =>
        parseCentralUrl(`postgres://admin@db.district.example/beacon?sslmode=${mode}`),
      ).toThrow(
        expect.objectContaining({
          code: 'INVALID_INPUT',
          message: expect.stringMatching(
            new RegExp(`sslmode=${mode} is refused for db\\.district\\.example.*verify-full`),
          ),
        }),
      );
    },
  );

  it('refuses a weak mode from a connection file edited by hand, before connecting', () => {
    const edited: SchoolConnection = {
      host: 'db.district.example',
      port: 5432,
      database: 'beacon',
      role: 'beacon_school_vale',
      schoolCode: 'VALE',
      sslmode: 'disable',
    };
    expect(() => clientConfig(connectionTarget(edited), 'pw')).toThrow(
      /sslmode=disable is refused for db\.district\.example/,
    );
  });

  it('refuses an sslmode Beacon does not use', () => {
    expect(() => parseCentralUrl('postgres://a@db.district.example/b?sslmode=prefer')).toThrow(
      /sslmode "prefer" is not one Beacon uses/,
    );
  });

  it('reads the CA file given with --ca, or the URL sslrootcert, and checks the server against it', () => {
    const path = caFile();
    const byFlag = parseCentralUrl('postgres://admin@db.district.example/beacon', path);
    expect(byFlag).toMatchObject({ caFile: path, ca: PEM });
    expect(clientConfig(byFlag).ssl).toEqual({
      rejectUnauthorized: true,
      servername: 'db.district.example',
      ca: PEM,
    });
    expect(
      sslOf(`postgres://admin@db.district.example/beacon?sslrootcert=${encodeURIComponent(path)}`),
    ).toMatchObject({ ca: PEM, rejectUnauthorized: true });
  });

  it('names a CA file that does not exist', () => {
    const missing = join(tmpdir(), 'no-such-folder-beacon', 'district-ca.pem');
    expect(() => parseCentralUrl('postgres://admin@db.district.example/beacon', missing)).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: `The CA certificate file ${missing} does not exist: give the path of the district's CA file (PEM).`,
      }),
    );
    expect(() =>
      clientConfig({
        host: 'db.district.example',
        port: 5432,
        database: 'beacon',
        user: 'admin',
        sslmode: 'verify-full',
        caFile: missing,
      }),
    ).toThrow(`The CA certificate file ${missing} does not exist`);
  });

  it("checks a laptop's server against the CA its connection file carries", () => {
    const target = parseCentralUrl('postgres://admin@db.district.example/beacon', caFile());
    const file = writeConnectionFile(
      {
        host: target.host,
        port: target.port,
        database: target.database,
        role: 'beacon_school_vale',
        schoolCode: 'VALE',
        sslmode: target.sslmode,
        ...(target.ca !== undefined ? { ca: target.ca } : {}),
      },
      'school password',
      'ABCDE-FGHJK-LMNPQ-RSTUV',
    );
    const { connection, password } = readConnectionFile(file, 'ABCDE-FGHJK-LMNPQ-RSTUV');
    const config = clientConfig(connectionTarget(connection), password);
    expect(config).toMatchObject({
      host: 'db.district.example',
      user: 'beacon_school_vale',
      password: 'school password',
      ssl: { rejectUnauthorized: true, servername: 'db.district.example', ca: PEM },
    });
  });
});
