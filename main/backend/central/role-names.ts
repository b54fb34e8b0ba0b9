import { createHash } from 'node:crypto';

/**
 * PostgreSQL roles belong to the whole server, not to one database, so Beacon's role names carry
 * a short tag of the database they serve: two districts (or two test databases) on one server never
 * share a role.
 */
export function roleTag(database: string): string {
  return `bcn_${createHash('sha256').update(database).digest('hex').slice(0, 8)}`;
}

/** The group roles of one central database: every school's login role is a member of `school`. */
export function groupRoles(database: string): { school: string; district: string } {
  const tag = roleTag(database);
  return { school: `${tag}_school`, district: `${tag}_district` };
}

/** A school's login role: the tag, then its code reduced to what a bare identifier allows. */
export function schoolRole(database: string, code: string): string {
  const safe = code.toLowerCase().replace(/[^a-z0-9]+/g, '_');
  return `${roleTag(database)}_s_${safe}`.slice(0, 63);
}

/** A district admin's login role: the tag, then the admin's name reduced as a school code is. */
export function adminRole(database: string, name: string): string {
  const safe = name.toLowerCase().replace(/[^a-z0-9]+/g, '_');
  return `${roleTag(database)}_a_${safe}`.slice(0, 63);
}
