import type { Knex } from 'knex';

/**
 * The audit log as a hash chain (issue 9 §6): each new entry holds the SHA-256 of its contents
 * and of the entry before it (main/backend/services/audit-chain.ts), so an entry edited, deleted
 * or slipped in with any SQLite tool is found by `beacon audit verify`. Entries written before
 * this migration keep a null hash; the first chained entry links to their digest.
 *
 * INSERT OR REPLACE deletes the row it replaces without firing the no-delete trigger (SQLite
 * fires delete triggers for REPLACE only with recursive triggers on), so a replacement is
 * refused before it happens.
 */
const statements = [
  `ALTER TABLE audit_log ADD COLUMN hash TEXT CHECK (hash IS NULL OR length(hash) = 64)`,
  `CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
    WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id OR rowid = NEW.rowid)
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
];

export async function up(knex: Knex): Promise<void> {
  for (const sql of statements) await knex.raw(sql);
}

export async function down(): Promise<void> {
  throw new Error('Beacon migrations are forward-only: restore a backup to go back.');
}
