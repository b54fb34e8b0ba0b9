import { districtReport } from '../central/report';
import { districtReportCsv } from '../central/report-csv';
import {
  connectDistrict,
  disconnectDistrict,
  districtStatus,
  districtTarget,
} from '../sync/district-connection';
import { requireSchoolId } from '../auth/scope';
import { actorOf } from './records-context';
import { listProbableTransfers, recordTransfer } from '../services/transfers';
import type { HandlerMap } from './types';

export const districtHandlers: HandlerMap<
  | 'districtStatus'
  | 'connectDistrict'
  | 'disconnectDistrict'
  | 'districtReport'
  | 'listProbableTransfers'
  | 'recordTransfer'
> = {
  districtStatus: (_input, ctx) => districtStatus(ctx.db, requireSchoolId(ctx)),
  connectDistrict: (input, ctx) =>
    connectDistrict(ctx.db, ctx.secrets, requireSchoolId(ctx), input.fileText, input.enrolmentCode),
  disconnectDistrict: (_input, ctx) =>
    disconnectDistrict(ctx.db, ctx.secrets, requireSchoolId(ctx)),
  districtReport: async (input, ctx) => {
    const target = await districtTarget(ctx.db, ctx.secrets, requireSchoolId(ctx));
    const report = await districtReport(target, input.asOf ? { asOf: input.asOf } : {});
    return { report, csv: districtReportCsv(report) };
  },
  listProbableTransfers: (_input, ctx) => listProbableTransfers(ctx.db, requireSchoolId(ctx)),
  // What it changed reaches windows from the change log's journal (the dispatcher's dataChanged).
  recordTransfer: (input, ctx) => recordTransfer(ctx.db, actorOf(ctx), input.studentId),
};
