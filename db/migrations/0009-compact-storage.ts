import type { Knex } from 'knex';

/**
 * Storage at a tenth of the size (issue 8 §1). Attendance is the bulk of a school's rows, so it
 * is kept by its natural key (student, day) in a WITHOUT ROWID table of small integers: the
 * student, class and recorder by local integer keys (`local_keys`, beside the UUIDs that sync
 * and the contract use), the day as days since 1970-01-01, the status as its index in
 * `attendanceStatuses`. A view named `attendance` gives every reader the old columns (less the
 * per-row id and created/updated stamps, which the version clock now carries).
 *
 * The outbox keeps one entry per changed row, the latest: a record edited twenty times is sent
 * once. Its rows name the table and the row's key only; sync reads the row itself when it
 * pushes. Audit entries gain `changes`, the rows one operation (a register save, an import)
 * changed, each with only the columns that changed; entries already written stay as they are.
 *
 * Everything runs in the migration's one transaction: a crash leaves the old file as it was.
 */
const statements = [
  `CREATE TABLE local_keys (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE
  )`,
  `INSERT INTO local_keys (id)
    SELECT id FROM (
      SELECT id FROM students UNION SELECT id FROM classes UNION SELECT id FROM users
    ) ORDER BY id`,
  `CREATE TABLE attendance_days (
    student_key INTEGER NOT NULL REFERENCES local_keys (key),
    day INTEGER NOT NULL CHECK (day BETWEEN 0 AND 54000),
    status INTEGER NOT NULL CHECK (status BETWEEN 0 AND 3),
    class_key INTEGER REFERENCES local_keys (key),
    minutes_late INTEGER CHECK (minutes_late IS NULL OR minutes_late >= 0),
    note TEXT,
    recorded_by_key INTEGER REFERENCES local_keys (key),
    version INTEGER NOT NULL CHECK (version >= 0),
    deleted_at TEXT,
    PRIMARY KEY (student_key, day)
  ) WITHOUT ROWID`,
  `INSERT INTO attendance_days (student_key, day, status, class_key, minutes_late, note,
      recorded_by_key, version, deleted_at)
    SELECT sk.key, CAST(julianday(a.date) - 2440587.5 AS INTEGER),
      CASE a.status WHEN 'present' THEN 0 WHEN 'absent' THEN 1 WHEN 'late' THEN 2 ELSE 3 END,
      ck.key, a.minutes_late, a.note, rk.key, a.version, a.deleted_at
    FROM attendance a
    JOIN local_keys sk ON sk.id = a.student_id
    LEFT JOIN local_keys ck ON ck.id = a.class_id
    LEFT JOIN local_keys rk ON rk.id = a.recorded_by`,
  // Pending changes, coalesced to one per row; attendance rows by their new key.
  `CREATE TABLE sync_outbox_new (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    table_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
    payload TEXT CHECK (payload IS NULL OR json_valid(payload))
  )`,
  `INSERT INTO sync_outbox_new (seq, table_name, row_id, op, payload)
    SELECT o.seq, o.table_name,
      CASE WHEN o.table_name = 'attendance'
        THEN (SELECT sk.key || ':' || CAST(julianday(a.date) - 2440587.5 AS INTEGER)
              FROM attendance a JOIN local_keys sk ON sk.id = a.student_id WHERE a.id = o.row_id)
        ELSE o.row_id END,
      o.op, o.payload
    FROM sync_outbox o
    WHERE o.seq = (SELECT max(seq) FROM sync_outbox l
                   WHERE l.table_name = o.table_name AND l.row_id = o.row_id)`,
  `DROP TABLE sync_outbox`,
  `ALTER TABLE sync_outbox_new RENAME TO sync_outbox`,
  `CREATE UNIQUE INDEX sync_outbox_by_row ON sync_outbox (table_name, row_id)`,
  `DROP TABLE attendance`,
  `CREATE VIEW attendance AS
    SELECT s.school_id, s.id AS student_id, c.id AS class_id,
      date(a.day * 86400, 'unixepoch') AS date,
      CASE a.status WHEN 0 THEN 'present' WHEN 1 THEN 'absent' WHEN 2 THEN 'late' ELSE 'excused'
        END AS status,
      a.minutes_late, a.note, r.id AS recorded_by, a.version, a.deleted_at,
      a.student_key, a.day
    FROM attendance_days a
    JOIN local_keys sk ON sk.key = a.student_key
    JOIN students s ON s.id = sk.id
    LEFT JOIN local_keys c ON c.key = a.class_key
    LEFT JOIN local_keys r ON r.key = a.recorded_by_key`,
  // Writes through the view for tools and tests that insert rows by hand; the app writes
  // attendance_days through services/attendance-rows.ts. A student of another school, an
  // unknown status or an impossible date is refused as before.
  `CREATE TRIGGER attendance_insert INSTEAD OF INSERT ON attendance
    BEGIN
      SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: no such student in this school')
        WHERE NOT EXISTS (SELECT 1 FROM students WHERE id = NEW.student_id
                          AND school_id = NEW.school_id);
      SELECT RAISE(ABORT, 'CHECK constraint failed: attendance date must be a real YYYY-MM-DD date')
        WHERE NEW.date IS NOT date(NEW.date);
      INSERT OR IGNORE INTO local_keys (id) VALUES (NEW.student_id);
      INSERT OR IGNORE INTO local_keys (id) SELECT NEW.class_id WHERE NEW.class_id IS NOT NULL;
      INSERT OR IGNORE INTO local_keys (id)
        SELECT NEW.recorded_by WHERE NEW.recorded_by IS NOT NULL;
      INSERT INTO attendance_days (student_key, day, status, class_key, minutes_late, note,
          recorded_by_key, version, deleted_at)
        VALUES ((SELECT key FROM local_keys WHERE id = NEW.student_id),
          CAST(julianday(NEW.date) - 2440587.5 AS INTEGER),
          CASE NEW.status WHEN 'present' THEN 0 WHEN 'absent' THEN 1 WHEN 'late' THEN 2
            WHEN 'excused' THEN 3 END,
          (SELECT key FROM local_keys WHERE id = NEW.class_id), NEW.minutes_late, NEW.note,
          (SELECT key FROM local_keys WHERE id = NEW.recorded_by), coalesce(NEW.version, 0),
          NEW.deleted_at);
    END`,
  `ALTER TABLE audit_log ADD COLUMN changes TEXT CHECK (changes IS NULL OR json_valid(changes))`,
  // marks_features (0007) starts with the same two columns and serves every by-student read.
  `DROP INDEX marks_by_student`,
];

export async function up(knex: Knex): Promise<void> {
  for (const sql of statements) await knex.raw(sql);
}

export async function down(): Promise<void> {
  throw new Error('Beacon migrations are forward-only: restore a backup to go back.');
}
