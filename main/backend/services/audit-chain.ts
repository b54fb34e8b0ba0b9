import { createHash } from 'node:crypto';
import { newId, prepared, type Db } from '../../../db';

/** An audit entry as stored: every column the chain's hash covers. */
export interface AuditRecord {
  id: string;
  school_id: string;
  at: string;
  user_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: string | null;
  after: string | null;
  changes: string | null;
}

/** An entry's columns, in the hash's order (sync sends the same ones). */
export const auditFields = [
  'id',
  'school_id',
  'at',
  'user_id',
  'action',
  'entity',
  'entity_id',
  'before',
  'after',
  'changes',
] as const;

/**
 * The hash an entry carries: SHA-256 over the previous entry's hash and each of the entry's
 * columns, length-prefixed so that no two different entries hash the same text.
 */
export function entryHash(previous: string, r: AuditRecord): string {
  const h = createHash('sha256').update(previous);
  for (const f of auditFields) {
    const v = r[f];
    h.update(v === null ? '-1:' : `${Buffer.byteLength(v)}:`).update(v ?? '');
  }
  return h.digest('hex');
}

const GENESIS = 'beacon-audit-chain-v1';

/**
 * What the first hashed entry links to: the entries written before the chain existed (migration
 * 0010), digested in order, so editing one of those breaks the chain too.
 */
function legacyDigest(db: Db): string {
  const h = createHash('sha256').update(GENESIS);
  const rows = db
    .prepare(`SELECT ${auditFields.join(', ')} FROM audit_log WHERE hash IS NULL ORDER BY rowid`)
    .iterate() as IterableIterator<AuditRecord>;
  for (const r of rows) h.update(entryHash('', r));
  return h.digest('hex');
}

const lastHashByDb = new WeakMap<Db, { rowid: number; hash: string }>();

/** The hash the next entry links to: the last entry's, or the digest of the unchained ones. */
function previousHash(db: Db): string {
  const last = prepared(
    db,
    'SELECT rowid, hash FROM audit_log ORDER BY rowid DESC LIMIT 1',
  ).get() as { rowid: number; hash: string | null } | undefined;
  if (!last) return createHash('sha256').update(GENESIS).digest('hex');
  if (last.hash !== null) return last.hash;
  // Only the first append after the upgrade gets here; later ones find a hash above.
  const cached = lastHashByDb.get(db);
  if (cached?.rowid === last.rowid) return cached.hash;
  const digest = legacyDigest(db);
  lastHashByDb.set(db, { rowid: last.rowid, hash: digest });
  return digest;
}

/**
 * Appends one audit entry, linked to the one before by its hash, in the caller's transaction.
 * The only writer of audit_log: the change log and the audit events both go through here.
 */
export function appendAudit(
  db: Db,
  entry: Omit<AuditRecord, 'id' | 'at'> & { at?: string | null },
): void {
  const record: AuditRecord = { ...entry, id: newId(), at: entry.at ?? new Date().toISOString() };
  const hash = entryHash(previousHash(db), record);
  prepared(
    db,
    `INSERT INTO audit_log (${auditFields.join(', ')}, hash) VALUES (${auditFields.map(() => '?').join(', ')}, ?)`,
  ).run(...auditFields.map((f) => record[f]), hash);
}

export interface ChainCheck {
  ok: boolean;
  /** Entries read, and how many of them were written before the chain (not hashed). */
  entries: number;
  unchained: number;
  /** The first entry that does not match, and why. */
  broken: { id: string; at: string; reason: string } | null;
}

/**
 * Walks the whole audit log in order and recomputes every hash: an entry edited, deleted,
 * inserted or reordered by any SQLite tool breaks the chain at that point (the last entries can
 * only be vouched for by a copy kept elsewhere, such as a backup). Reads only.
 */
export function verifyAuditChain(db: Db): ChainCheck {
  const rows = db
    .prepare(`SELECT ${auditFields.join(', ')}, hash FROM audit_log ORDER BY rowid`)
    .iterate() as IterableIterator<AuditRecord & { hash: string | null }>;
  let entries = 0;
  let unchained = 0;
  let previous: string | null = null;
  const legacy = createHash('sha256').update(GENESIS);
  const fail = (r: AuditRecord, reason: string): ChainCheck => ({
    ok: false,
    entries,
    unchained,
    broken: { id: r.id, at: r.at, reason },
  });
  for (const r of rows) {
    entries++;
    if (r.hash === null) {
      if (previous !== null) return fail(r, 'an entry without a hash after the chain began');
      unchained++;
      legacy.update(entryHash('', r));
      continue;
    }
    const expected = entryHash(previous ?? legacy.copy().digest('hex'), r);
    if (expected !== r.hash) {
      return fail(r, 'its hash does not match its contents and the entry before it');
    }
    previous = r.hash;
  }
  return { ok: true, entries, unchained, broken: null };
}
