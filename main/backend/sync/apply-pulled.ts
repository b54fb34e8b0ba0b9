import { prepared, tables, type Db } from '../../../db';
import { applyPulledAttendance } from '../services/attendance-rows';
import { recordPulled, withPull, type PulledChanges } from '../services/changes';
import type { Row } from './outbox-reader';
import type { Pulled } from './pull';
import { localDefaults, naturalKeys, syncedTables } from './synced-tables';

/**
 * Writes pulled rows into the laptop's tables, parents first, as the server has them (the server
 * already kept the newer of any two versions, and this laptop's own changes were pushed before),
 * through the change log's pulled mode (`withPull`): each row noted for `dataChanged` and the
 * feature refresh, one audit entry per table, and no outbox entry, so they do not travel back.
 * Removes a local row that lost its natural key to the pulled one. Answers what the change log
 * recorded (the tables written, the students whose features the rows touch). Runs in the
 * caller's transaction.
 */
export function applyPulled(db: Db, schoolId: string, pulled: Pulled): PulledChanges {
  db.pragma('defer_foreign_keys = ON');
  return withPull(db, schoolId, pulled.upTo, () => {
    for (const table of syncedTables) {
      const rows = pulled.rows.get(table);
      const first = rows?.[0];
      if (!rows || !first) continue;
      if (table === 'attendance') {
        // Stored compactly by its natural key (services/attendance-rows.ts), not by id.
        for (const row of rows) applyPulledAttendance(db, row);
        continue;
      }
      // The columns the pull read (the travelling ones), named by the table's description, not
      // by the keys the server's rows arrived with.
      const columns = (tables[table].columns as readonly string[]).filter((c) => c in first);
      const defaults = localDefaults[table] ?? {};
      const extra = Object.keys(defaults).filter((c) => !columns.includes(c));
      const all = [...columns, ...extra];
      const upsert = prepared(
        db,
        `INSERT INTO ${table} (${all.map((c) => `"${c}"`).join(', ')})
         VALUES (${all.map(() => '?').join(', ')})
         ON CONFLICT (id) DO UPDATE SET ${columns
           .filter((c) => c !== 'id')
           .map((c) => `"${c}" = excluded."${c}"`)
           .join(', ')}`,
      );
      const nk = naturalKeys[table];
      const clear = nk
        ? prepared(
            db,
            `DELETE FROM ${table} WHERE school_id = ? AND ${nk.map((c) => `"${c}" = ?`).join(' AND ')} AND id <> ?`,
          )
        : null;
      for (const row of rows) {
        if (clear && nk) clear.run(schoolId, ...nk.map((c) => row[c]), row.id);
        upsert.run(...columns.map((c) => row[c]), ...extra.map((c) => defaults[c]));
        const student =
          table === 'students'
            ? String(row.id)
            : typeof (row as Row).student_id === 'string'
              ? String(row.student_id)
              : null;
        recordPulled(db, table, student);
      }
    }
  });
}
