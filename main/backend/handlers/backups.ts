import type { HandlerMap } from './types';

export const backupHandlers: HandlerMap<
  'listBackups' | 'backupNow' | 'restoreBackup' | 'getBackupSettings' | 'saveBackupSettings'
> = {
  listBackups: (_input, ctx) => ctx.backups.list(),
  backupNow: (input, ctx) => ctx.backups.backup('manual', input.folder),
  restoreBackup: async (input, ctx) => {
    const result = await ctx.backups.restore(input.path);
    ctx.emit('dataChanged', { entities: ['*'] });
    return result;
  },
  getBackupSettings: (_input, ctx) => ctx.backups.settings(),
  saveBackupSettings: (input, ctx) => ctx.backups.saveSettings(input),
};
