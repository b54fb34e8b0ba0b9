export { openDatabase, migrate, applyPragmas, fileSize } from './open';
export type { Db, OpenedDatabase } from './open';
export { openSqlite, rememberDatabaseKey, isEncryptedFile, type DatabaseKey } from './driver';
export { BeaconError } from './errors';
export { prepared } from './prepared';
export { newId } from './ids';
export { nextVersion, versionTime } from './clock';
export { migrations } from './migrations';
