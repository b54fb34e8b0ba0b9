import type { StudentTableQuery } from '../../../contract';
import {
  riskTiers,
  studentIndicators,
  studentSortColumns,
} from '../../../contract/domains/views-students';
import { studentStatuses } from '../../../contract/domains/records-students';

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
  value !== null && (list as readonly string[]).includes(value) ? (value as T) : undefined;

/**
 * The Students screen's filters and sort, read from the address (`#/students?tier=high&…`) so a
 * filtered list can be linked to from Home and survives a reload. Unknown values are dropped
 * rather than sent: the backend would refuse them.
 */
export function queryFromParams(params: URLSearchParams): StudentTableQuery {
  const grade = params.get('grade');
  const gradeLevel = grade !== null && /^\d{1,2}$/.test(grade) ? Number(grade) : undefined;
  return {
    search: params.get('q')?.trim() || undefined,
    classId: params.get('class') || undefined,
    gradeLevel: gradeLevel !== undefined && gradeLevel <= 13 ? gradeLevel : undefined,
    tier: oneOf(riskTiers, params.get('tier')),
    indicator: oneOf(studentIndicators, params.get('indicator')),
    status: oneOf(studentStatuses, params.get('status')),
    includeArchived: params.get('archived') === '1' || undefined,
    sort: oneOf(studentSortColumns, params.get('sort')),
    descending: params.get('desc') === '1' || undefined,
  };
}
