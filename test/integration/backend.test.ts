import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import {
  createApi,
  createPortTransport,
  requestDomains,
  requestNames,
  requests,
  type ServerMessage,
} from '../../contract';
import { accessFailure } from '../../main/backend/auth/access';
import { migrations } from '../../db/migrations';
import { startBackend, type Backend } from '../../main/backend/backend';
import { handlers } from '../../main/backend/handlers';
import { mergeHandlerMaps } from '../../main/backend/handlers/merge';
import {
  inProcessApi,
  systemConnection,
  systemSession,
} from '../../main/backend/transport/in-process';
import { servePort } from '../../main/backend/transport/port';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const conn = systemConnection();
const afterTest = useAfterTest();
async function backend(): Promise<Backend> {
  const b = await startBackend({ dbPath: join(tempDir(), 'beacon.sqlite') });
  afterTest(() => b.close());
  return b;
}

describe('the contract and the handler map', () => {
  it('has exactly one handler per request, and the names list matches the schemas', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(requests).sort());
    expect([...requestNames].sort()).toEqual(Object.keys(requests).sort());
  });

  it('has no request name in two domains', () => {
    const names = Object.values(requestDomains).flatMap((domain) => Object.keys(domain));
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBe(Object.keys(requests).length);
  });

  it('checks access before the handler runs', () => {
    const teacher = { ...systemSession, role: 'teacher' as const, kind: 'user' as const };
    expect(accessFailure('public', null)).toBeNull();
    expect(accessFailure('user', null)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(accessFailure('user', teacher)).toBeNull();
    expect(accessFailure(['admin'], teacher)).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Your role (teacher) does not allow this.',
    });
    expect(accessFailure(['admin', 'teacher'], teacher)).toBeNull();
  });

  it('refuses two domains that handle the same request', () => {
    expect(() => mergeHandlerMaps({ health: () => 1 }, { health: () => 2 })).toThrow(
      'Two handler maps both handle the request "health"',
    );
  });
});

describe('the backend', () => {
  it('answers health with the schema version, path and counts of a new database', async () => {
    const b = await backend();
    const result = await inProcessApi(b, systemSession).health({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.schemaVersion).toBe(migrations.length);
    expect(result.value.databasePath).toBe(b.context.dbPath);
    expect(result.value.journalMode).toBe('wal');
    expect(result.value.counts?.students).toBe(0);
    expect(result.value.school).toBeNull();
  });

  it('validates every input and names the wrong field', async () => {
    const b = await backend();
    const api = inProcessApi(b, systemSession);
    const blank = await api.saveSchoolProfile({ name: '   ' });
    expect(blank).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(!blank.ok && blank.message).toMatch(/name: must not be empty/);
    const month = await b.dispatch(
      'saveSchoolProfile',
      { name: 'A', schoolYearStartMonth: 13 },
      conn,
    );
    expect(!month.ok && month.message).toMatch(/schoolYearStartMonth/);
    const extra = await b.dispatch('health', { sneaky: true }, conn);
    expect(extra).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const notObject = await b.dispatch('getSchool', 'DROP TABLE students', conn);
    expect(notObject).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await b.dispatch('dropEverything', {}, conn)).toMatchObject({
      ok: false,
      code: 'UNKNOWN_REQUEST',
    });
    expect(await b.dispatch('__proto__', {}, conn)).toMatchObject({
      ok: false,
      code: 'UNKNOWN_REQUEST',
    });
    expect((await api.getSchool({})).ok && (await api.getSchool({}))).toMatchObject({
      value: null,
    });
  });

  it('saves the school profile with an audit entry, an outbox entry and an event', async () => {
    const b = await backend();
    const api = inProcessApi(b, systemSession);
    const events: unknown[] = [];
    api.on('dataChanged', (e) => events.push(e));
    const created = await api.saveSchoolProfile({ name: 'Escola Norte', region: 'Minho' });
    expect(created).toMatchObject({ ok: true, value: { name: 'Escola Norte', region: 'Minho' } });
    const updated = await api.saveSchoolProfile({ name: 'Escola Norte II' });
    expect(updated).toMatchObject({
      ok: true,
      value: { name: 'Escola Norte II', region: 'Minho' },
    });
    const db = b.context.db;
    expect(db.prepare('SELECT count(*) FROM schools').pluck().get()).toBe(1);
    const audit = db.prepare('SELECT action, before, after FROM audit_log ORDER BY at').all() as {
      action: string;
      before: string | null;
      after: string;
    }[];
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(JSON.parse(audit[1]?.before ?? '{}')).toMatchObject({ name: 'Escola Norte' });
    // The outbox keeps the school's latest change only, queued after the first.
    const outbox = db.prepare('SELECT seq, table_name, op FROM sync_outbox').all();
    expect(outbox).toEqual([{ seq: 2, table_name: 'schools', op: 'upsert' }]);
    expect(events).toEqual([{ entities: ['schools'] }, { entities: ['schools'] }]);
    const health = await api.health({});
    expect(health.ok && health.value.counts?.schools).toBe(1);
  });

  it('hides internal errors behind a stable code', async () => {
    const b = await backend();
    b.context.db.exec('DROP TABLE audit_log');
    const logged: unknown[] = [];
    const original = console.error;
    console.error = (e: unknown) => logged.push(e);
    try {
      const r = await b.dispatch('saveSchoolProfile', { name: 'X' }, systemConnection());
      expect(r).toEqual({
        ok: false,
        code: 'INTERNAL',
        message: 'Something went wrong inside Beacon.',
      });
      expect(logged).toHaveLength(1);
      expect(b.context.db.prepare('SELECT count(*) FROM schools').pluck().get()).toBe(0);
    } finally {
      console.error = original;
    }
  });

  it('lets a running request finish when it closes, and refuses later ones', async () => {
    const b = await startBackend({ dbPath: join(tempDir(), 'closing.sqlite') });
    const running = b.dispatch('health', {}, conn);
    const closed = b.close();
    const later = await b.dispatch('health', {}, conn);
    expect(await running).toMatchObject({ ok: true });
    await closed;
    expect(later).toEqual({
      ok: false,
      code: 'BUSY',
      message: 'Beacon is closing: this request was not run.',
    });
  });

  it('serves the contract over a real message port, with events', async () => {
    const b = await backend();
    const { port1, port2 } = new MessageChannel();
    servePort(b, {
      onMessage: (listener) => port1.on('message', listener),
      onClose: (listener) => port1.on('close', listener),
      post: (message) => port1.postMessage(message),
    });
    const api = createApi(
      createPortTransport({
        post: (message) => port2.postMessage(message),
        onMessage: (listener) => port2.on('message', (m: ServerMessage) => listener(m)),
      }),
    );
    // A port starts signed out; first-run setup signs it in as the school's administrator.
    const setup = await api.setupSchool({
      schoolName: 'First School',
      username: 'admin',
      displayName: 'Ada Admin',
      password: 'port test password',
    });
    expect(setup).toMatchObject({ ok: true, value: { username: 'admin', role: 'admin' } });
    const changed = new Promise((resolve) => api.on('dataChanged', resolve));
    const [health, saved] = await Promise.all([
      api.health({}),
      api.saveSchoolProfile({ name: 'Port School' }),
    ]);
    expect(health.ok).toBe(true);
    expect(saved).toMatchObject({ ok: true, value: { name: 'Port School' } });
    await expect(changed).resolves.toEqual({ entities: ['schools'] });
    port2.postMessage({ kind: 'garbage' });
    expect(await api.getSchool({})).toMatchObject({ ok: true, value: { name: 'Port School' } });
    port1.close();
  });
});
