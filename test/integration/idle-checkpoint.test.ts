import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startBackend } from '../../main/backend/backend';
import { systemConnection } from '../../main/backend/transport/in-process';
import { WAL_AUTOCHECKPOINT_PAGES } from '../../db/open';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

/** The school's name as the database file alone holds it, without its WAL. */
function nameInFileAlone(dbPath: string): string | undefined {
  const copy = join(tempDir(), 'file-alone.sqlite');
  copyFileSync(dbPath, copy);
  const db = new Database(copy, { readonly: true });
  try {
    return (
      (db.prepare('SELECT name FROM schools').pluck().get() as string | undefined) ?? undefined
    );
  } finally {
    db.close();
  }
}

describe('checkpoints off the save path', () => {
  it('leaves a save in the WAL while requests come, and folds it into the file once they pause', async () => {
    const dbPath = join(tempDir(), 'beacon.sqlite');
    const backend = await startBackend({ dbPath });
    afterTest(() => backend.close());
    expect(backend.context.db.pragma('wal_autocheckpoint', { simple: true })).toBe(
      WAL_AUTOCHECKPOINT_PAGES,
    );
    const saved = await backend.dispatch(
      'saveSchoolProfile',
      { name: 'Idle Checkpoint School' },
      systemConnection(),
    );
    expect(saved.ok).toBe(true);
    // Just saved: the commit is in the WAL, not yet in the database file.
    expect(nameInFileAlone(dbPath)).toBeUndefined();
    // Quiet for a while: the backend checkpoints by itself.
    await expect
      .poll(() => nameInFileAlone(dbPath), { timeout: 10_000, interval: 250 })
      .toBe('Idle Checkpoint School');
  });
});
