import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { busyMessage } from '../../db';
import { spawnChild } from '../support/spawn-child';
import { addClass, addStudents, ok, recordsSchool } from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

const PROCESSES = 10;
const SAVES = 40;

describe('several processes on one database', () => {
  it(`${PROCESSES} processes saving registers at once: every save succeeds or says BUSY, never INTERNAL`, async () => {
    const s = await recordsSchool(tempDir());
    const students = await addStudents(s.api, ['Ana Lima', 'Beto Dias', 'Caio Reis']);
    const classId = await addClass(s.api, '7A', students);
    const path = s.backend.context.dbPath;
    await s.backend.close();

    const children = Array.from({ length: PROCESSES }, () =>
      spawnChild('register-saver-child', [path, classId, String(SAVES), ...students]),
    );
    afterTest(() => children.forEach((c) => c.process.kill('SIGKILL')));
    await Promise.all(children.map((c) => c.waitFor('ready')));
    for (const c of children) c.process.stdin.end('go\n');
    const exits = await Promise.all(children.map((c) => c.exited));
    for (const e of exits) expect(e.stderr).toBe('');

    const totals: Record<string, number> = {};
    const messages = new Set<string>();
    for (const c of children) {
      const report = JSON.parse(c.lines.at(-1) ?? '{}') as {
        codes: Record<string, number>;
        messages: string[];
      };
      for (const [code, n] of Object.entries(report.codes)) totals[code] = (totals[code] ?? 0) + n;
      report.messages.forEach((m) => messages.add(m));
    }
    expect(Object.values(totals).reduce((a, b) => a + b, 0)).toBe(PROCESSES * SAVES);
    expect(totals.INTERNAL ?? 0).toBe(0);
    expect(Object.keys(totals).filter((c) => c !== 'OK' && c !== 'BUSY')).toEqual([]);
    for (const m of messages) expect(m).toBe(busyMessage);
    // With IMMEDIATE transactions and a 5 s busy timeout, short saves wait for each other.
    expect(totals.OK).toBe(PROCESSES * SAVES);
  }, 120_000);

  it('a write lock held past the busy timeout answers BUSY with its message', async () => {
    const s = await recordsSchool(tempDir());
    afterTest(() => s.backend.close());
    const students = await addStudents(s.api, ['Ana Lima']);
    const classId = await addClass(s.api, '7A', students);
    s.db.pragma('busy_timeout = 50');
    const other = new Database(s.backend.context.dbPath);
    afterTest(() => other.close());
    other.prepare('BEGIN IMMEDIATE').run();
    const saved = await s.api.saveRegister({
      classId,
      date: '2025-10-14',
      entries: [{ studentId: students[0] ?? '', status: 'present' }],
    });
    other.prepare('ROLLBACK').run();
    expect(saved).toEqual({ ok: false, code: 'BUSY', message: busyMessage, details: undefined });
    ok(
      await s.api.saveRegister({
        classId,
        date: '2025-10-14',
        entries: [{ studentId: students[0] ?? '', status: 'present' }],
      }),
    );
  });
});
