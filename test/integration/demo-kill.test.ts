import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { spawnChild } from '../support/spawn-child';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

describe('beacon demo killed part-way', () => {
  it('leaves an empty database that demo loads into when run again', async () => {
    const path = join(tempDir(), 'demo.sqlite');
    const args = ['demo', '--db', path, '--students', '150', '--years', '2'];
    const killWhileWriting = async () => {
      const child = spawnChild('beacon-cli', args);
      afterTest(() => child.process.kill('SIGKILL'));
      // Killed while the days are being written (its progress says so), well before the end.
      await new Promise<void>((resolve, reject) => {
        child.process.stdout.on('data', () => {
          if (child.lines.some((l) => /written \d+%/.test(l))) resolve();
        });
        void child.exited.then((e) => reject(new Error(`demo ended first: ${e.stderr}`)));
      });
      child.process.kill('SIGKILL');
      await child.exited;
    };
    await killWhileWriting();
    const db = new Database(path, { readonly: true });
    const count = (table: string) =>
      db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    expect({ students: count('students'), attendance: count('attendance') }).toEqual({
      students: 0,
      attendance: 0,
    });
    db.close();
    // Run again, it is not refused: it gets as far as writing days again.
    await killWhileWriting();
  }, 180_000);
});
