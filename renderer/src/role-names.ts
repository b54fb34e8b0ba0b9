import type { Role } from '../../contract';

/** How each role reads in the interface. */
export const roleNames: Record<Role, string> = {
  admin: 'Administrator',
  head_teacher: 'Head teacher',
  teacher: 'Teacher',
};
