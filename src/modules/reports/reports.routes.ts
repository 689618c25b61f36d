// HTTP: progress report (+ drill-down, + xlsx), officials, QĐ 766 indicators (+ xlsx).
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal, type App } from '../../platform/http/server.js';
import * as svc from './reports.service.js';
import { DrillQuery, OfficialDrillQuery, PeriodQuery, ProgressQuery, RatingsQuery } from './reports.schema.js';
import { DrillOut, IndicatorsOut, OfficialDrillOut, OfficialsOut, RatingsReportOut, ProgressOut, REPORT_PROBLEMS, XLSX_TYPE, XlsxOut } from './reports.out.js';
import { indicatorsFileName, indicatorsWorkbook, progressFileName, progressWorkbook } from './xlsx.js';

const PERIOD_DOC =
  'Period: local days (Asia/Ho_Chi_Minh), `from`–`to` inclusive, at most 366 days (422 REPORT_PERIOD_INVALID when from > to, ' +
  "REPORT_PERIOD_TOO_LONG beyond). `agency`: an agency code, restricting to dossiers whose competent agency is in its subtree (404 outside the caller's scope). " +
  'Readers: leaders, procedure-control officers and administrators (report.read) over their agency subtrees; tokens need reports:read.';

const COUNTED_DOC =
  'Dossiers counted ("nhận giải quyết"): accepted before the end of the period, and accepted in it or still open at its start. ' +
  'resolved: finished before the end (early: on time and finished on an earlier local day than the original appointment); ' +
  'in process: not finished by the end, overdue judged at asOf = min(now, end) with supplement waits subtracted; ' +
  '> 1 supplement request or an apology counts as late (QĐ 766 2.1).';

function sendXlsx(reply: FastifyReply, buf: Buffer, fileName: string) {
  return reply
    .type(XLSX_TYPE)
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'private, no-store')
    .send(buf);
}

export function reportRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/reports/progress', {
    schema: {
      tags: ['reports'],
      summary: 'Tình hình, kết quả giải quyết TTHC / progress of resolution',
      description: `${PERIOD_DOC} ${COUNTED_DOC} groupBy: agency (competent agency) | field | procedure | channel | month (of acceptance; carried-over dossiers in the first month). Rows sorted by received, then label; every column of the rows sums to the totals.`,
      querystring: ProgressQuery,
      response: { 200: ProgressOut, ...REPORT_PROBLEMS },
    },
  }, async (req) => svc.progress(ctx, requirePrincipal(req), req.query));

  app.get('/api/v1/reports/progress/dossiers', {
    schema: {
      tags: ['reports'],
      summary: 'Hồ sơ của một ô báo cáo / drill-down',
      description: `The dossiers behind one cell of the progress report (same query, plus groupBy + key of the row and the measure), as inbox items, oldest acceptance first. ${PERIOD_DOC}`,
      querystring: DrillQuery,
      response: { 200: DrillOut, ...REPORT_PROBLEMS },
    },
  }, async (req) => svc.progressDossiers(ctx, requirePrincipal(req), req.query));

  app.get('/api/v1/reports/progress.xlsx', {
    schema: {
      tags: ['reports'],
      summary: 'Xuất Excel báo cáo tình hình giải quyết / progress report as xlsx',
      description: `Same query and numbers as /reports/progress. ${PERIOD_DOC}`,
      querystring: ProgressQuery,
      response: { 200: XlsxOut, ...REPORT_PROBLEMS },
    },
  }, async (req, reply) => {
    const r = await svc.progress(ctx, requirePrincipal(req), req.query);
    return sendXlsx(reply, await progressWorkbook(r), progressFileName(r));
  });

  app.get('/api/v1/reports/ratings', {
    schema: {
      tags: ['reports'],
      summary: 'Kết quả đánh giá mức độ hài lòng / satisfaction ratings',
      description: `Ratings given in the period for dossiers of the scope's competent agencies, grouped by agency, procedure or official (the officials who handled the dossier), with counts per criterion and level, % satisfied overall and the comments. ${PERIOD_DOC}`,
      querystring: RatingsQuery,
      response: { 200: RatingsReportOut, ...REPORT_PROBLEMS },
    },
  }, async (req) => svc.ratings(ctx, requirePrincipal(req), req.query));

  app.get('/api/v1/reports/officials', {
    schema: {
      tags: ['reports'],
      summary: 'Kết quả xử lý theo cán bộ / officials',
      description:
        `Officials who finished a step in the period at an agency of the scope (hand-overs of the event log, classified against the step's due instant; ` +
        `a step without a due instant counts as on time), or who hold open dossiers there now (holding; holdingOverdue judged now). ${PERIOD_DOC}`,
      querystring: PeriodQuery,
      response: { 200: OfficialsOut, ...REPORT_PROBLEMS },
    },
  }, async (req) => svc.officials(ctx, requirePrincipal(req), req.query));

  app.get('/api/v1/reports/officials/dossiers', {
    schema: {
      tags: ['reports'],
      summary: 'Hồ sơ sau một số liệu của cán bộ / officials drill-down',
      description:
        `What is behind one number of an official's row of /reports/officials (same query, plus userId and the measure), with the same predicates: ` +
        `stepsDone | early | onTime | late → one item per step the official finished in the period (its dossier as an inbox item, plus the step's ` +
        `hand-over instant and classification; a dossier recurs when they finished several of its steps), oldest first; holding | holdingOverdue → ` +
        `the open dossiers they hold now (overdue judged now), earliest appointment first. 404 REPORT_OFFICIAL_NOT_FOUND when the user is unknown or ` +
        `outside the scope (neither their home agency, a role assignment nor a step or held dossier of the period is in it). ${PERIOD_DOC}`,
      querystring: OfficialDrillQuery,
      response: { 200: OfficialDrillOut, ...REPORT_PROBLEMS },
    },
  }, async (req) => svc.officialDossiers(ctx, requirePrincipal(req), req.query));

  app.get('/api/v1/reports/indicators', {
    schema: {
      tags: ['reports'],
      summary: 'Bộ chỉ số QĐ 766 / QĐ 766 indicators',
      description:
        `The six groups of the national portal (CKMB, TDGQ, CLGQ, TTTT, MDSH, MDHL) with what this system's data supports; ratios are percentages (2 decimals, ` +
        `null when the denominator is 0, which scores 0). Indicators needing the national portal, ratings/petitions or VNeID are available=false with a note. ${PERIOD_DOC}`,
      querystring: PeriodQuery,
      response: { 200: IndicatorsOut, ...REPORT_PROBLEMS },
    },
  }, async (req) => svc.indicators(ctx, requirePrincipal(req), req.query));

  app.get('/api/v1/reports/indicators.xlsx', {
    schema: {
      tags: ['reports'],
      summary: 'Xuất Excel bộ chỉ số QĐ 766 / indicators as xlsx',
      description: `Same query and numbers as /reports/indicators. ${PERIOD_DOC}`,
      querystring: PeriodQuery,
      response: { 200: XlsxOut, ...REPORT_PROBLEMS },
    },
  }, async (req, reply) => {
    const r = await svc.indicators(ctx, requirePrincipal(req), req.query);
    return sendXlsx(reply, await indicatorsWorkbook(r), indicatorsFileName(r));
  });
}
