import type { Role, User } from '../../../contract';
import { BeaconError, insertSql, newId, type Db, writeTransaction } from '../../../db';
import { hashPassword, verifyPassword } from './password';
import { assertPasswordRules } from './password-rules';
import { recordChange } from '../services/changes';

/** A users row as stored. Its password_hash never leaves this layer. */
export interface UserRow {
  id: string;
  school_id: string;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  failed_logins: number;
  locked_until: string | null;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  deleted_at: string | null;
}

/** The row as the audit log may show it: everything but the password hash. */
export function auditedUser(row: UserRow): Omit<UserRow, 'password_hash'> {
  const { password_hash, ...rest } = row;
  return rest;
}

/** The account as an administrator sees it; a lock that has run out shows as none. */
export function toUser(row: UserRow, now: Date): User {
  const locked = row.locked_until !== null && row.locked_until > now.toISOString();
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    disabled: row.disabled_at !== null,
    lockedUntil: locked ? row.locked_until : null,
    failedLogins: locked || row.locked_until === null ? row.failed_logins : 0,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A live account of the school by id, or undefined. */
export function findUser(db: Db, schoolId: string, id: string): UserRow | undefined {
  return db
    .prepare('SELECT * FROM users WHERE school_id = ? AND id = ? AND deleted_at IS NULL')
    .get(schoolId, id) as UserRow | undefined;
}

/** A live account of the school by (lower-case) username, or undefined. */
export function findUserByUsername(db: Db, schoolId: string, username: string) {
  return db
    .prepare('SELECT * FROM users WHERE school_id = ? AND username = ? AND deleted_at IS NULL')
    .get(schoolId, username) as UserRow | undefined;
}

function requireUser(db: Db, schoolId: string, id: string): UserRow {
  const row = findUser(db, schoolId, id);
  if (!row) throw new BeaconError('NOT_FOUND', `There is no account with id ${id}.`);
  return row;
}

const rowById = (db: Db, id: string) =>
  db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow;

/** Every account of the school, administrators first, then by name. */
export function listUsers(db: Db, schoolId: string, now: Date): User[] {
  const rows = db
    .prepare(
      `SELECT * FROM users WHERE school_id = ? AND deleted_at IS NULL
       ORDER BY CASE role WHEN 'admin' THEN 0 WHEN 'head_teacher' THEN 1 ELSE 2 END,
                display_name COLLATE NOCASE, username`,
    )
    .all(schoolId) as UserRow[];
  return rows.map((r) => toUser(r, now));
}

export interface NewUser {
  id?: string;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
}

/** Refuses a username already taken in the school (even by a disabled account), naming who. */
function assertUsernameFree(db: Db, schoolId: string, username: string): void {
  const taken = db
    .prepare('SELECT display_name FROM users WHERE school_id = ? AND username = ?')
    .pluck()
    .get(schoolId, username) as string | undefined;
  if (taken !== undefined) {
    throw new BeaconError('CONFLICT', `The username ${username} is already used by ${taken}.`, [
      { path: ['username'], message: `is already used by ${taken}` },
    ]);
  }
}

/** A new account: not locked, no failed sign-ins, not disabled. */
const insertUserSql = insertSql(
  'users',
  ['id', 'school_id', 'username', 'display_name', 'role', 'password_hash'],
  [
    'failed_logins',
    'locked_until',
    'disabled_at',
    'created_at',
    'updated_at',
    'version',
    'deleted_at',
  ],
);

/** Inserts an account, audited and queued for sync, in the caller's transaction. */
export function insertUser(db: Db, schoolId: string, user: NewUser, actor: string | null) {
  assertUsernameFree(db, schoolId, user.username);
  const id = user.id ?? newId();
  db.prepare(insertUserSql).run(
    id,
    schoolId,
    user.username,
    user.displayName,
    user.role,
    user.passwordHash,
  );
  recordChange(db, {
    schoolId,
    table: 'users',
    rowId: id,
    userId: actor,
    before: null,
    after: auditedUser(rowById(db, id)),
  });
  return rowById(db, id);
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

/** Creates an account with a password that follows the rules. */
export async function createUser(
  db: Db,
  schoolId: string,
  input: CreateUserInput,
  actor: string | null,
  now: Date,
): Promise<User> {
  assertUsernameFree(db, schoolId, input.username);
  assertPasswordRules(input.password, input.username, 'password');
  const passwordHash = await hashPassword(input.password);
  const row = writeTransaction(db, () =>
    insertUser(db, schoolId, { ...input, passwordHash }, actor),
  );
  return toUser(row, now);
}

/**
 * Applies a change to one account and audits it, all in one transaction. `extra` marks what the
 * audit entry should show that the row cannot (a password change, whose hash it never shows).
 */
function writeUser(
  db: Db,
  before: UserRow,
  set: Record<string, string | number | null>,
  actor: string | null,
  extra: Record<string, unknown> = {},
): UserRow {
  const columns = Object.keys(set);
  return writeTransaction(db, () => {
    db.prepare(
      `UPDATE users SET ${columns.map((c) => `${c} = @${c}`).join(', ')},
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = @id`,
    ).run({ ...set, id: before.id });
    recordChange(db, {
      schoolId: before.school_id,
      table: 'users',
      rowId: before.id,
      userId: actor,
      before: auditedUser(before),
      after: { ...auditedUser(rowById(db, before.id)), ...extra },
    });
    return rowById(db, before.id);
  });
}

/** Refuses a change that would leave the school without an active administrator. */
function assertAnotherAdmin(db: Db, target: UserRow): void {
  const others = db
    .prepare(
      `SELECT count(*) FROM users WHERE school_id = ? AND id <> ? AND role = 'admin'
         AND disabled_at IS NULL AND deleted_at IS NULL`,
    )
    .pluck()
    .get(target.school_id, target.id) as number;
  if (others === 0) {
    throw new BeaconError(
      'CONFLICT',
      `${target.display_name} is the only active administrator: make someone else an administrator first.`,
    );
  }
}

export interface UpdateUserInput {
  id: string;
  displayName?: string | undefined;
  role?: Role | undefined;
  disabled?: boolean | undefined;
}

/**
 * Changes an account's name, role, or whether it may sign in. The school always keeps at least
 * one active administrator. A disabled account is refused at its next sign-in.
 */
export function updateUser(
  db: Db,
  schoolId: string,
  input: UpdateUserInput,
  actor: string | null,
  now: Date,
): User {
  return writeTransaction(db, () => {
    const before = requireUser(db, schoolId, input.id);
    const set: Record<string, string | null> = {};
    if (input.displayName !== undefined) set.display_name = input.displayName;
    if (input.role !== undefined) set.role = input.role;
    if (input.disabled !== undefined) {
      set.disabled_at = input.disabled ? (before.disabled_at ?? now.toISOString()) : null;
    }
    const losesAdmin =
      before.role === 'admin' &&
      before.disabled_at === null &&
      ((input.role !== undefined && input.role !== 'admin') || input.disabled === true);
    if (losesAdmin) assertAnotherAdmin(db, before);
    return toUser(writeUser(db, before, set, actor), now);
  });
}

/**
 * Changes the caller's own password after checking the current one. A wrong current password
 * is refused and changes nothing.
 */
export async function changeOwnPassword(
  db: Db,
  schoolId: string,
  userId: string,
  currentPassword: string,
  nextPassword: string,
): Promise<void> {
  const user = requireUser(db, schoolId, userId);
  if (!(await verifyPassword(currentPassword, user.password_hash))) {
    throw new BeaconError('INVALID_INPUT', 'The current password is not right.', [
      { path: ['currentPassword'], message: 'is not your current password' },
    ]);
  }
  if (currentPassword === nextPassword) {
    throw new BeaconError('INVALID_INPUT', 'The new password must differ from the current one.', [
      { path: ['newPassword'], message: 'must differ from the current password' },
    ]);
  }
  assertPasswordRules(nextPassword, user.username, 'newPassword');
  const passwordHash = await hashPassword(nextPassword);
  writeTransaction(db, () => {
    // Re-read: the row may have changed while the hash was being computed.
    const before = requireUser(db, schoolId, userId);
    writeUser(db, before, { password_hash: passwordHash }, userId, { password_changed: true });
  });
}

/** An administrator sets someone's password; this also lifts any lockout. */
export async function resetPassword(
  db: Db,
  schoolId: string,
  id: string,
  nextPassword: string,
  actor: string | null,
  now: Date,
): Promise<User> {
  const user = requireUser(db, schoolId, id);
  assertPasswordRules(nextPassword, user.username, 'newPassword');
  const passwordHash = await hashPassword(nextPassword);
  return writeTransaction(db, () => {
    const before = requireUser(db, schoolId, id);
    const set = { password_hash: passwordHash, failed_logins: 0, locked_until: null };
    return toUser(writeUser(db, before, set, actor, { password_changed: true }), now);
  });
}

/** Lifts a lockout now and clears the count of failed sign-ins. */
export function unlockUser(
  db: Db,
  schoolId: string,
  id: string,
  actor: string | null,
  now: Date,
): User {
  return writeTransaction(db, () => {
    const before = requireUser(db, schoolId, id);
    return toUser(writeUser(db, before, { failed_logins: 0, locked_until: null }, actor), now);
  });
}
