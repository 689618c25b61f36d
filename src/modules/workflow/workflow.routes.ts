// HTTP: internal process definitions (admin edit API).
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal, type App } from '../../platform/http/server.js';
import { originOf } from '../../platform/audit.js';
import * as svc from './workflow.service.js';
import { ProcedureParam, ProcessOut, ProcessQuery, ProcessSave, StatusMappingOut } from './workflow.schema.js';
import { statusMapping } from './status-mapping.js';
import { ProblemOut } from '../../platform/http/problem.schema.js';

const PROBLEMS = { 400: ProblemOut, 401: ProblemOut, 403: ProblemOut, 404: ProblemOut };

export function workflowRoutes(app: App, ctx: AppContext): void {
  // Public reference data (no personal data): the internal state → national status mapping (DVCQG
  // TrangThaiHoSo 1–10) with Vietnamese/English labels, so clients never hard-code it.
  app.get('/api/v1/workflow/statuses', {
    config: { anonymous: true },
    schema: {
      tags: ['workflow'],
      summary: 'Trạng thái hồ sơ và trạng thái quốc gia / internal states and the national status mapping',
      description:
        '`states`: every internal state with its national status (1 newly registered … 10 result returned) and whether it is terminal; ' +
        '`nationalStatuses`: the ten national statuses with labels (vi/en) and the internal states mapped onto each; ' +
        '`actions`: every action with its labels (`system`: deadline flags written by the sweep). ' +
        'Dossier responses carry both `state` (internal) and `nationalStatus`.',
      response: { 200: StatusMappingOut },
    },
  }, async () => statusMapping());

  app.get('/api/v1/procedures/:procedureCode/process', {
    schema: {
      tags: ['workflow'],
      summary: 'Quy trình nội bộ đang áp dụng / internal process in force',
      params: ProcedureParam,
      querystring: ProcessQuery,
      response: { 200: ProcessOut, ...PROBLEMS },
    },
  }, async (req) => svc.getProcess(ctx, requirePrincipal(req), req.params.procedureCode, req.query.agencyCode));

  app.get('/api/v1/procedures/:procedureCode/process/versions', {
    schema: {
      tags: ['workflow'],
      summary: 'Các phiên bản quy trình / process versions',
      params: ProcedureParam,
      response: { 200: z.object({ items: z.array(ProcessOut), total: z.number() }), ...PROBLEMS },
    },
  }, async (req) => svc.listProcessVersions(ctx, requirePrincipal(req), req.params.procedureCode));

  app.put('/api/v1/procedures/:procedureCode/process', {
    schema: {
      tags: ['workflow'],
      summary: 'Lưu phiên bản quy trình mới / save a new process version',
      description: 'Validated by validateProcess: budgets ≤ legal limit, every step reachable, every path ends. Invalid → 422 with per-field `errors`.',
      params: ProcedureParam,
      body: ProcessSave,
      response: { 201: ProcessOut, ...PROBLEMS, 409: ProblemOut, 422: ProblemOut },
    },
  }, async (req, reply) =>
    reply.status(201).send(await svc.saveProcess(ctx, requirePrincipal(req), req.params.procedureCode, req.body, originOf(req))),
  );
}
