export { openDatabase, migrate, applyPragmas, fileSize, checkIntegrity } from './open';
export type { Db, OpenedDatabase } from './open';
export { openSqlite, rememberDatabaseKey, isEncryptedFile, type DatabaseKey } from './driver';
export { BeaconError } from './errors';
export { prepared } from './prepared';
export { newId } from './ids';
export { nextVersion, reserveVersions, versionTime } from './clock';
export { migrations } from './migrations';
export { writeTransaction } from './write-transaction';
export { translateSqliteError, busyMessage } from './sqlite-errors';
export { noteChanged, changedMark, changedSince, clearChanged, watchChanged } from './changed';
export {
  tables,
  tableNames,
  describeTable,
  storedTables,
  attendanceDayColumns,
  insertColumns,
  insertSql,
  type AttendanceDayTuple,
  type ColumnOf,
  type RowOf,
  type DescribedTable,
  type Defaulted,
  type SyncedTable,
  type TableDescription,
} from './tables';
