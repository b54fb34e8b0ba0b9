import { naturalKeys, schoolColumn, type SyncedTable } from './synced-tables';

/**
 * The SQL of one table's merge from its staging table. Parameters: sameRowConflicts ($1 the
 * pushing laptop, $2 the last server sequence it pulled, $3 the school), naturalKey[0] ($1
 * school), naturalKey[1] ($1 laptop, $2 school), naturalKey[2] ($1 school), upsert and insertNew
 * ($1 laptop).
 * The school is given as a constant (not only through row-level security's beacon_school()), so
 * the planner knows how many rows it meets and probes the natural-key index instead of hashing a
 * whole partition. Kept apart from push.ts so each statement can be read
 * whole. Everything runs in the push's one transaction.
 */
export interface MergeSql {
  stage: string;
  /** The columns sent by COPY: all but those the server derives (`derived`). */
  sent: readonly string[];
  copy: string;
  /**
   * Fills the staged rows' derived columns ($1 school) before the full merge, which reads them;
   * null for a table that sends every column. insertNew derives them as it inserts instead.
   */
  derive: string | null;
  /** Records the version that loses when another laptop changed the same row unseen. */
  sameRowConflicts: string | null;
  /** Settles two rows with one natural key (kept: the newer), recording the other. */
  naturalKey: string[];
  upsert: string;
  /**
   * The staged rows as new rows, with no conflict handling: what a first push and a day's new
   * attendance are. Fails (unique violation) when any of them exists already; push.ts then rolls
   * it back and merges with the statements above. Parameters: $1 laptop, and $2 school when the
   * table has derived columns.
   */
  insertNew: string;
}

/**
 * Columns the server makes from the others instead of receiving them, by table: attendance's
 * school is the connection's, its id the natural key `studentId/YYYY-MM-DD` (the laptop's
 * `attendance` view makes the same). Half of a pushed attendance row's bytes (163 to 78), and the
 * server's COPY parses that much less. ($1 is the school.)
 */
const derivedOnServer: Partial<Record<SyncedTable, Record<string, string>>> = {
  attendance: {
    school_id: '$1::text',
    id: `student_id || '/' || to_char(date, 'YYYY-MM-DD')`,
  },
};

const q = (c: string) => `"${c}"`;

export function mergeSql(table: SyncedTable, columns: readonly string[]): MergeSql {
  const stage = `stage_${table}`;
  const key = schoolColumn(table);
  const list = columns.map(q).join(', ');
  const json = (alias: string) =>
    `jsonb_build_object(${columns.map((c) => `'${c}', ${alias}.${q(c)}`).join(', ')})::text`;
  const now = `to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const conflictInsert = `INSERT INTO sync_conflicts (school_id, id, table_name, row_id, kept_version,
      kept_origin, lost_version, lost_origin, lost_row, detected_at, created_at, updated_at, version,
      server_seq, origin)`;
  const conflictTail = `ON CONFLICT (school_id, table_name, row_id, lost_version) DO NOTHING`;
  const conflictId = (rowId: string, lost: string) =>
    `md5('${table}:' || ${rowId} || ':' || ${lost}::text)`;
  const sameRowConflicts =
    table === 'sync_conflicts'
      ? null
      : `${conflictInsert}
    SELECT t.${key}, ${conflictId('t.id', 'least(t.version, s.version)')}, '${table}', t.id,
      greatest(t.version, s.version), CASE WHEN s.version > t.version THEN $1::text ELSE t.origin END,
      least(t.version, s.version), CASE WHEN s.version > t.version THEN t.origin ELSE $1::text END,
      CASE WHEN s.version > t.version THEN ${json('t')} ELSE ${json('s')} END,
      ${now}, ${now}, ${now}, greatest(t.version, s.version) + 1, nextval('server_seq'), ''
    FROM ${stage} s JOIN ${table} t ON t.${key} = $3::text AND t.id = s.id
    WHERE s.${key} = $3::text AND t.origin <> $1::text AND t.server_seq > $2::bigint AND t.version <> s.version
    ${conflictTail}`;
  const nk = naturalKeys[table];
  const naturalKey = nk
    ? [
        `CREATE TEMP TABLE clash_${table} ON COMMIT DROP AS
          SELECT s.id AS sid, t.id AS tid, t.origin AS torigin,
            (s.version > t.version OR (s.version = t.version AND s.id > t.id)) AS incoming_wins,
            s.version AS sversion, t.version AS tversion, ${json('s')} AS srow, ${json('t')} AS trow
          FROM ${stage} s JOIN ${table} t ON t.school_id = $1::text
            AND ${nk.map((c) => `t.${q(c)} = s.${q(c)}`).join(' AND ')} AND t.id <> s.id
          WHERE s.school_id = $1::text`,
        `${conflictInsert}
          SELECT $2::text, ${conflictId('CASE WHEN incoming_wins THEN sid ELSE tid END', 'least(sversion, tversion)')},
            '${table}', CASE WHEN incoming_wins THEN sid ELSE tid END,
            greatest(sversion, tversion), CASE WHEN incoming_wins THEN $1::text ELSE torigin END,
            least(sversion, tversion), CASE WHEN incoming_wins THEN torigin ELSE $1::text END,
            CASE WHEN incoming_wins THEN trow ELSE srow END,
            ${now}, ${now}, ${now}, greatest(sversion, tversion) + 1, nextval('server_seq'), ''
          FROM clash_${table} ${conflictTail}`,
        `DELETE FROM ${table} t USING clash_${table} c
          WHERE c.incoming_wins AND t.school_id = $1 AND t.id = c.tid`,
        `DELETE FROM ${stage} s USING clash_${table} c WHERE NOT c.incoming_wins AND s.id = c.sid`,
      ]
    : [];
  const target = table === 'schools' ? '(id)' : '(school_id, id)';
  const updates = columns
    .filter((c) => c !== 'id' && c !== 'school_id')
    .map((c) => `${q(c)} = EXCLUDED.${q(c)}`)
    .join(', ');
  // In key order: each row then lands beside the one before in the key index, instead of on a
  // random page of it (a first push's 100,000 attendance rows: half the server's insert time).
  // Attendance arrives in key order already (outbox-reader.ts), and is inserted in the order it
  // was staged: sorting 100,000 staged rows again spilled to disk, 15% of the insert's CPU.
  const order = table === 'attendance' ? '' : ' ORDER BY id';
  const insert = `INSERT INTO ${table} (${list}, server_seq, origin)
      SELECT ${list}, (SELECT nextval('server_seq')), $1::text FROM ${stage}${order}`;
  const derived = Object.entries(derivedOnServer[table] ?? {}).filter(([c]) => columns.includes(c));
  const sent = columns.filter((c) => !derived.some(([d]) => d === c));
  // The same insert with the derived columns made from the sent ones ($2 the school).
  const made = new Map(derived.map(([c, expr]) => [c, expr.replace('$1', '$2')]));
  const insertNew = derived.length
    ? `INSERT INTO ${table} (${list}, server_seq, origin)
      SELECT ${columns.map((c) => made.get(c) ?? q(c)).join(', ')}, (SELECT nextval('server_seq')),
        $1::text FROM ${stage}${order}`
    : insert;
  return {
    stage: `CREATE TEMP TABLE ${stage} ON COMMIT DROP AS SELECT ${list} FROM ${table} WITH NO DATA`,
    sent,
    copy: `COPY ${stage} (${sent.map(q).join(', ')}) FROM STDIN`,
    derive: derived.length
      ? `UPDATE ${stage} SET ${derived.map(([c, expr]) => `${q(c)} = ${expr}`).join(', ')}`
      : null,
    sameRowConflicts,
    naturalKey,
    // One sequence number for the whole batch of a table (a pull pages by sequence, then id):
    // taking one per row cost more than the rows' own index updates.
    upsert: `${insert}
      ON CONFLICT ${target} DO UPDATE SET ${updates},
        server_seq = EXCLUDED.server_seq, origin = EXCLUDED.origin
      WHERE ${table}.version < EXCLUDED.version`,
    insertNew,
  };
}
