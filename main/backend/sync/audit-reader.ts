import type { Db } from '../../../db';
import { auditFields, type AuditRecord } from '../services/audit-chain';
import { changesWithIds } from '../services/audit-changes';
import { auditLocalKeys, laptopOnlyEntities } from './synced-tables';

/**
 * The one place sync reads the laptop's audit log (services/audit-chain.ts writes it), and the
 * boundary where an entry is made fit to leave the laptop: local keys become UUIDs and what must
 * stay here is removed.
 */

/**
 * An audit entry as it travels: the columns the chain's hash covers, which are the central
 * audit_log's but `origin` (the server's); before, after and changes as JSON text (JSONB there).
 */
export type CentralAuditEntry = { [K in keyof AuditRecord]: AuditRecord[K] };

/** The columns sent, in COPY order. */
export const centralAuditColumns = auditFields;

/** Where the audit push stopped: the last entry the server committed, by rowid and id. */
export interface AuditCursor {
  rowid: number;
  id: string;
}

export interface AuditBatch {
  entries: CentralAuditEntry[];
  /** The last entry read (of any school); the cursor moves here once the batch commits. */
  through: AuditCursor;
}

/** A copy of a parsed value without any key that never leaves the laptop, at any depth. */
function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!auditLocalKeys.has(k)) out[k] = strip(v);
  return out;
}

/**
 * JSON text parsed and stripped only when it names a local-only key (most entries do not); the
 * log's JSON is written by JSON.stringify, which never escapes a plain key's letters.
 */
function strippedJson(text: string | null): string | null {
  if (text === null) return null;
  for (const key of auditLocalKeys)
    if (text.includes(`"${key}"`)) return JSON.stringify(strip(JSON.parse(text)));
  return text;
}

type LocalEntry = CentralAuditEntry & { rowid: number };

/**
 * One entry as it may leave the laptop: the changed rows' local keys as UUIDs, no local-only key
 * anywhere (a user's password hash, failed sign-in count, lock time), and no contents at all for
 * an entity that is the laptop's own (settings, sessions). The laptop's entry is not touched: its
 * hash chain covers it as written.
 */
export function auditForCentral(db: Db, e: CentralAuditEntry): CentralAuditEntry {
  if (laptopOnlyEntities.has(e.entity)) return { ...e, before: null, after: null, changes: null };
  return {
    ...e,
    before: strippedJson(e.before),
    after: strippedJson(e.after),
    changes:
      e.changes === null ? null : strippedJson(JSON.stringify(changesWithIds(db, e.changes))),
  };
}

/**
 * Where to read from: the entry after the cursor. The cursor keeps the entry's id beside its
 * rowid, because a VACUUM may renumber the rowids of a table without an integer key; the log is
 * append-only with no gaps, so that leaves them as they were, but if they ever moved the id finds
 * the entry again, and failing that the whole log is sent again (the server keeps each entry once).
 */
export function auditStart(db: Db, cursor: AuditCursor | null): number {
  if (!cursor) return 0;
  const at = db.prepare('SELECT id FROM audit_log WHERE rowid = ?').pluck().get(cursor.rowid);
  if (at === cursor.id) return cursor.rowid;
  const moved = db.prepare('SELECT rowid FROM audit_log WHERE id = ?').pluck().get(cursor.id);
  return typeof moved === 'number' ? moved : 0;
}

/** About this much JSON per batch: an import's entry can list thousands of changed rows. */
const BATCH_BYTES = 4_000_000;

/**
 * Up to `limit` audit entries after rowid `after`, in the log's own order, as they may travel;
 * entries of another school than `schoolId` are passed over. Null when nothing waits.
 */
export function readAuditBatch(
  db: Db,
  schoolId: string,
  after: number,
  limit: number,
): AuditBatch | null {
  const rows = db
    .prepare(
      `SELECT rowid, ${centralAuditColumns.join(', ')} FROM audit_log
        WHERE rowid > ? ORDER BY rowid LIMIT ?`,
    )
    .all(after, limit) as LocalEntry[];
  const entries: CentralAuditEntry[] = [];
  let through: AuditCursor | null = null;
  let bytes = 0;
  for (const { rowid, ...entry } of rows) {
    through = { rowid, id: entry.id };
    if (entry.school_id === schoolId) {
      const sent = auditForCentral(db, entry);
      entries.push(sent);
      bytes += (sent.before?.length ?? 0) + (sent.after?.length ?? 0) + (sent.changes?.length ?? 0);
    }
    if (bytes >= BATCH_BYTES) break;
  }
  return through ? { entries, through } : null;
}
