import { z } from 'zod';
import { label, noInput, uuid } from '../schemas';
import { request, roles, type Role } from '../spec';

/** Who is signed in on this connection, as the renderer shows them in the header. */
export interface CurrentUser {
  /** Null for the local system actor (the command line). */
  id: string | null;
  username: string;
  displayName: string;
  role: Role;
  kind: 'user' | 'system';
}

/** Whether the app must run first-run setup (no account exists yet), and what it knows so far. */
export interface SetupStatus {
  needsSetup: boolean;
  /** The school's name when a profile exists already, to fill in the setup form. */
  schoolName: string | null;
}

/** An account as an administrator manages it. Never carries the password or its hash. */
export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  /** ISO timestamp until which sign-in is refused after repeated failures; null when not locked. */
  lockedUntil: string | null;
  failedLogins: number;
  createdAt: string;
  updatedAt: string;
}

export const minPasswordLength = 10;
export const maxPasswordLength = 200;

/** Usernames are case-insensitive: stored and compared in lower case. */
export const username = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'must be at least 3 characters long')
  .max(64, 'must be at most 64 characters long')
  .regex(
    /^[a-z0-9][a-z0-9._-]*$/,
    'may use only letters, digits, dots, hyphens and underscores, and must start with a letter or digit',
  );

/** A new password: taken exactly as typed (no trimming), long enough to resist guessing. */
export const newPassword = z
  .string()
  .min(minPasswordLength, `must be at least ${minPasswordLength} characters long`)
  .max(maxPasswordLength, `must be at most ${maxPasswordLength} characters long`)
  .refine((s) => s.trim().length > 0, 'must contain something other than spaces');

/** A password being checked: any length, since the rules may have changed since it was set. */
const givenPassword = z
  .string()
  .min(1, 'must not be empty')
  .max(maxPasswordLength, `must be at most ${maxPasswordLength} characters long`);

const role = z.enum(roles, 'must be admin, head_teacher or teacher');
const displayName = label(120);

export const setupSchoolInput = z
  .object({ schoolName: label(120), username, displayName, password: newPassword })
  .strict();

export const signInInput = z
  .object({
    // Not checked against the username rules: a malformed name simply fails like any other.
    username: z.string().trim().toLowerCase().min(1, 'must not be empty').max(200),
    password: givenPassword,
  })
  .strict();

export const createUserInput = z
  .object({ username, displayName, role, password: newPassword })
  .strict();

export const updateUserInput = z
  .object({
    id: uuid,
    displayName: displayName.optional(),
    role: role.optional(),
    disabled: z.boolean().optional(),
  })
  .strict()
  .refine(
    (u) => u.displayName !== undefined || u.role !== undefined || u.disabled !== undefined,
    'name at least one of displayName, role or disabled to change',
  );

export const changePasswordInput = z
  .object({ currentPassword: givenPassword, newPassword })
  .strict();

export const resetPasswordInput = z.object({ id: uuid, newPassword }).strict();

export const userIdInput = z.object({ id: uuid }).strict();

/** Accounts, sign-in and first-run setup. */
/** How long sessions last, and how far ahead of today records may be dated (admins set these). */
export interface Safeguards {
  /** A session without a request for this long ends. */
  idleMinutes: number;
  /** A session ends this long after sign-in, however busy. */
  absoluteHours: number;
  /** Records (register, incidents, entry dates, marks files) may be dated this many days ahead. */
  futureMarginDays: number;
}

export const safeguardsInput = z
  .object({
    idleMinutes: z.number().int().min(5).max(1440),
    absoluteHours: z.number().int().min(1).max(168),
    futureMarginDays: z.number().int().min(0).max(366),
  })
  .strict();

export const authRequests = {
  getSafeguards: request<Safeguards>()(noInput, ['admin']),
  saveSafeguards: request<Safeguards>()(safeguardsInput, ['admin']),
  /** First run only: allowed while the database has no account at all. Signs the caller in. */
  setupSchool: request<CurrentUser>()(setupSchoolInput, 'public'),
  setupStatus: request<SetupStatus>()(noInput, 'public'),
  signIn: request<CurrentUser>()(signInInput, 'public'),
  /** Always succeeds, signed in or not. */
  signOut: request<null>()(noInput, 'public'),
  /** Null when this connection is signed out. */
  currentUser: request<CurrentUser | null>()(noInput, 'public'),
  listUsers: request<User[]>()(noInput, ['admin']),
  createUser: request<User>()(createUserInput, ['admin']),
  updateUser: request<User>()(updateUserInput, ['admin']),
  /** The caller's own password; needs the current one. */
  changePassword: request<null>()(changePasswordInput, 'user'),
  /** An administrator sets a new password for someone else; also lifts a lockout. */
  resetPassword: request<User>()(resetPasswordInput, ['admin']),
  unlockUser: request<User>()(userIdInput, ['admin']),
};
