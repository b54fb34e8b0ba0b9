import { savePdf } from '../print/save-pdf';
import type { HandlerMap } from './types';

export const printHandlers: HandlerMap<'savePdf'> = {
  savePdf: (input, ctx) => savePdf(input, ctx.print, ctx.connection.windowId, ctx.today()),
};
