import type { Knex } from 'knex';
import * as m0001 from './0001-core';
import * as m0002 from './0002-records';
import * as m0003 from './0003-risk';
import * as m0004 from './0004-operations';
import * as m0007 from './0007-features';
import * as m0008 from './0008-import';
import * as m0009 from './0009-compact-storage';
import * as m0010 from './0010-audit-chain';
import * as m0040 from './0040-sync-conflicts';
import * as m0050 from './0050-health';
import * as m0060 from './0060-district';
import * as m0061 from './0061-lean-score-history';

export interface Migration {
  name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/**
 * Every migration, in order, imported statically: bundles and asar archives cannot scan a folder.
 * Append only; never rename, reorder or edit one that has shipped.
 */
export const migrations: readonly Migration[] = [
  { name: '0001-core', ...m0001 },
  { name: '0002-records', ...m0002 },
  { name: '0003-risk', ...m0003 },
  { name: '0004-operations', ...m0004 },
  { name: '0007-features', ...m0007 },
  { name: '0008-import', ...m0008 },
  { name: '0009-compact-storage', ...m0009 },
  { name: '0010-audit-chain', ...m0010 },
  { name: '0040-sync-conflicts', ...m0040 },
  { name: '0050-health', ...m0050 },
  { name: '0060-district', ...m0060 },
  { name: '0061-lean-score-history', ...m0061 },
];

/** knex's view of the list above. */
export const migrationSource: Knex.MigrationSource<Migration> = {
  getMigrations: () => Promise.resolve([...migrations]),
  getMigrationName: (m) => m.name,
  getMigration: (m) => Promise.resolve(m),
};
