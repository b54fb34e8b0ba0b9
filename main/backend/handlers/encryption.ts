import { runningJobCount } from '../jobs/running-jobs';
import { databaseEncryption, encryptDatabase } from '../secrets/database-key';
import type { HandlerMap } from './types';

export const encryptionHandlers: HandlerMap<'databaseEncryption' | 'encryptDatabase'> = {
  databaseEncryption: (_input, ctx) => databaseEncryption(ctx.dbPath, ctx.secrets),
  encryptDatabase: (_input, ctx) =>
    encryptDatabase(ctx.db, ctx.dbPath, ctx.secrets, runningJobCount(ctx.db)),
};
