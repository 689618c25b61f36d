// HTTP: internal process definitions (admin edit API).
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal, type App } from '../../platform/http/server.js';
import { originOf } from '../../platform/audit.js';
import * as svc from './workflow.service.js';
import { ProcedureParam, ProcessOut, ProcessQuery, ProcessSave } from './workflow.schema.js';

export function workflowRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/procedures/:procedureCode/process', {
    schema: {
      tags: ['workflow'],
      summary: 'Quy trình nội bộ đang áp dụng / internal process in force',
      params: ProcedureParam,
      querystring: ProcessQuery,
      response: { 200: ProcessOut },
    },
  }, async (req) => svc.getProcess(ctx, requirePrincipal(req), req.params.procedureCode, req.query.agencyCode));

  app.get('/api/v1/procedures/:procedureCode/process/versions', {
    schema: {
      tags: ['workflow'],
      summary: 'Các phiên bản quy trình / process versions',
      params: ProcedureParam,
      response: { 200: z.object({ items: z.array(ProcessOut), total: z.number() }) },
    },
  }, async (req) => svc.listProcessVersions(ctx, requirePrincipal(req), req.params.procedureCode));

  app.put('/api/v1/procedures/:procedureCode/process', {
    schema: {
      tags: ['workflow'],
      summary: 'Lưu phiên bản quy trình mới / save a new process version',
      description: 'Validated by validateProcess: budgets ≤ legal limit, every step reachable, every path ends. Invalid → 422 with per-field `errors`.',
      params: ProcedureParam,
      body: ProcessSave,
      response: { 201: ProcessOut },
    },
  }, async (req, reply) =>
    reply.status(201).send(await svc.saveProcess(ctx, requirePrincipal(req), req.params.procedureCode, req.body, originOf(req))),
  );
}
