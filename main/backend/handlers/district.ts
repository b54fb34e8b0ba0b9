import { parseCentralUrl } from '../central/central-url';
import { districtReport } from '../central/report';
import { requireSchoolId } from '../auth/scope';
import { actorOf } from './records-context';
import { listProbableTransfers, recordTransfer } from '../services/transfers';
import type { HandlerMap } from './types';

export const districtHandlers: HandlerMap<
  'districtReport' | 'listProbableTransfers' | 'recordTransfer'
> = {
  districtReport: (input) => {
    const target = parseCentralUrl(input.url);
    return districtReport(
      input.password ? { ...target, password: input.password } : target,
      input.asOf ? { asOf: input.asOf } : {},
    );
  },
  listProbableTransfers: (_input, ctx) => listProbableTransfers(ctx.db, requireSchoolId(ctx)),
  // What it changed reaches windows from the change log's journal (the dispatcher's dataChanged).
  recordTransfer: (input, ctx) => recordTransfer(ctx.db, actorOf(ctx), input.studentId),
};
