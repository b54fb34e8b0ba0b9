import type { Knex } from 'knex';
import type { Migration } from '../../../../db/migrations';
import * as m0040 from './0040-central-schema';
import * as m0041 from './0041-central-security';
import * as m0045 from './0045-district-models';
import * as m0046 from './0046-district';
import * as m0047 from './0047-first-push-speed';
import * as m0048 from './0048-district-summaries';
import * as m0049 from './0049-first-summaries';
import * as m0050 from './0050-calendar-merge';
import * as m0051 from './0051-district-training';
import * as m0052 from './0052-school-settings';
import * as m0053 from './0053-audit-log';

/**
 * The central database's migrations, in order, imported statically (bundles cannot scan a
 * folder). Apart from the laptop's list: the server has its own history. Append only.
 */
export const centralMigrations: readonly Migration[] = [
  { name: '0040-central-schema', ...m0040 },
  { name: '0041-central-security', ...m0041 },
  { name: '0045-district-models', ...m0045 },
  { name: '0046-district', ...m0046 },
  { name: '0047-first-push-speed', ...m0047 },
  { name: '0048-district-summaries', ...m0048 },
  { name: '0049-first-summaries', ...m0049 },
  { name: '0050-calendar-merge', ...m0050 },
  { name: '0051-district-training', ...m0051 },
  { name: '0052-school-settings', ...m0052 },
  { name: '0053-audit-log', ...m0053 },
];

/** knex's view of the list above. */
export const centralMigrationSource: Knex.MigrationSource<Migration> = {
  getMigrations: () => Promise.resolve([...centralMigrations]),
  getMigrationName: (m) => m.name,
  getMigration: (m) => Promise.resolve(m),
};
