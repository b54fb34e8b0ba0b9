import type { HandlerMap } from './types';

export const updateHandlers: HandlerMap<
  'getUpdateSettings' | 'saveUpdateSettings' | 'updateStatus' | 'checkForUpdates' | 'installUpdate'
> = {
  getUpdateSettings: (_input, ctx) => ctx.updates.settings(),
  saveUpdateSettings: (input, ctx) => ctx.updates.saveSettings(input),
  updateStatus: (_input, ctx) => ctx.updates.status(),
  checkForUpdates: (_input, ctx) => ctx.updates.check(),
  installUpdate: async (_input, ctx) => {
    await ctx.updates.install();
    return { restarting: true };
  },
};
