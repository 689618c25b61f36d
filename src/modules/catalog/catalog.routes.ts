// HTTP: public procedure search and detail, list of fields; admin: visibility, local fees, performing agencies,
// procedures with parse issues.
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal, type App } from '../../platform/http/server.js';
import { originOf } from '../../platform/audit.js';
import { idempotencyKeyOf } from '../../platform/http/idempotency.js';
import * as svc from './catalog.service.js';
import * as limits from './catalog.time-limits.js';
import {
  AgencyLinkBody,
  AgencyLinkParams,
  FeeOverrideBody,
  FeeOverrideDeleteQuery,
  FeeOverridesOut,
  AgenciesOut,
  FieldsOut,
  LevelsOut,
  InferredUnitOut,
  InferredUnitQuery,
  WithoutLimitOut,
  IssueListOut,
  IssueListQuery,
  PerformersOut,
  ProcedureCodeParam,
  ProcedureOut,
  SearchOut,
  SearchQuery,
  TimeLimitBody,
  TimeLimitSetOut,
  VisibilityOut,
} from './catalog.schema.js';

const adminOrigin = (req: FastifyRequest): svc.AdminOrigin => ({
  ...originOf(req),
  idempotencyKey: idempotencyKeyOf(req),
  method: req.method,
  path: req.url.split('?')[0],
});

export function catalogRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/procedures', {
    config: { anonymous: true },
    schema: {
      tags: ['catalog'],
      summary: 'Tra cứu thủ tục hành chính / search procedures',
      description: 'By name (with or without diacritics) or code; filters: level, field, agency (agency code), channel. Hidden procedures are not listed.',
      querystring: SearchQuery,
      response: { 200: SearchOut },
    },
  }, async (req) => svc.searchProcedures(ctx, req.principal, req.query));

  app.get('/api/v1/procedures/fields', {
    config: { anonymous: true },
    schema: { tags: ['catalog'], summary: 'Lĩnh vực / fields with procedure counts', response: { 200: FieldsOut } },
  }, async () => svc.listFields(ctx));

  app.get('/api/v1/procedures/levels', {
    config: { anonymous: true },
    schema: { tags: ['catalog'], summary: 'Cấp thực hiện / levels with procedure counts', response: { 200: LevelsOut } },
  }, async () => svc.listLevels(ctx));

  app.get('/api/v1/procedures/agencies', {
    config: { anonymous: true },
    schema: {
      tags: ['catalog'],
      summary: 'Cơ quan thực hiện / agencies with procedure counts',
      description: 'Counted as the search\'s agency filter selects procedures (links, and the level an agency kind performs by default).',
      response: { 200: AgenciesOut },
    },
  }, async () => svc.listAgencies(ctx));

  app.get('/api/v1/procedures/:code', {
    config: { anonymous: true },
    schema: { tags: ['catalog'], summary: 'Chi tiết thủ tục / procedure (current version)', params: ProcedureCodeParam, response: { 200: ProcedureOut } },
  }, async (req) => svc.getProcedure(ctx, req.principal, req.params.code));

  // ---- admin (procedure.manage) ----

  app.get('/api/v1/admin/procedures/issues', {
    schema: { tags: ['catalog'], summary: 'Thủ tục có lỗi khi nhập / procedures with parse issues', querystring: IssueListQuery, response: { 200: IssueListOut } },
  }, async (req) => svc.listProceduresWithIssues(ctx, requirePrincipal(req), req.query));

  app.post('/api/v1/admin/procedures/:code/publish', {
    schema: { tags: ['catalog'], summary: 'Công khai thủ tục / publish', params: ProcedureCodeParam, response: { 200: VisibilityOut } },
  }, async (req) => svc.setVisibility(ctx, requirePrincipal(req), req.params.code, true, adminOrigin(req)));

  app.post('/api/v1/admin/procedures/:code/hide', {
    schema: { tags: ['catalog'], summary: 'Ẩn thủ tục / hide from the public catalogue', params: ProcedureCodeParam, response: { 200: VisibilityOut } },
  }, async (req) => svc.setVisibility(ctx, requirePrincipal(req), req.params.code, false, adminOrigin(req)));

  app.get('/api/v1/admin/procedures/:code/fee-overrides', {
    schema: { tags: ['catalog'], params: ProcedureCodeParam, response: { 200: FeeOverridesOut } },
  }, async (req) => svc.listFeeOverrides(ctx, requirePrincipal(req), req.params.code));

  app.put('/api/v1/admin/procedures/:code/fee-overrides', {
    schema: { tags: ['catalog'], summary: 'Đặt mức phí địa phương / set a local fee', params: ProcedureCodeParam, body: FeeOverrideBody, response: { 200: FeeOverridesOut } },
  }, async (req) => svc.setFeeOverride(ctx, requirePrincipal(req), req.params.code, req.body, adminOrigin(req)));

  app.delete('/api/v1/admin/procedures/:code/fee-overrides', {
    schema: { tags: ['catalog'], summary: 'Bỏ mức phí địa phương / remove a local fee', params: ProcedureCodeParam, querystring: FeeOverrideDeleteQuery, response: { 200: FeeOverridesOut } },
  }, async (req) => svc.removeFeeOverride(ctx, requirePrincipal(req), req.params.code, req.query, adminOrigin(req)));

  app.get('/api/v1/admin/procedures/:code/agencies', {
    schema: { tags: ['catalog'], summary: 'Cơ quan thực hiện / agencies performing the procedure', params: ProcedureCodeParam, response: { 200: PerformersOut } },
  }, async (req) => svc.listPerformers(ctx, requirePrincipal(req), req.params.code));

  app.post('/api/v1/admin/procedures/:code/agencies', {
    schema: { tags: ['catalog'], summary: 'Gán cơ quan thực hiện / link an agency', params: ProcedureCodeParam, body: AgencyLinkBody, response: { 200: PerformersOut } },
  }, async (req) => svc.linkAgency(ctx, requirePrincipal(req), req.params.code, req.body.agencyCode, adminOrigin(req)));

  app.delete('/api/v1/admin/procedures/:code/agencies/:agencyCode', {
    schema: { tags: ['catalog'], summary: 'Bỏ cơ quan thực hiện / unlink an agency', params: AgencyLinkParams, response: { 200: PerformersOut } },
  }, async (req) => svc.unlinkAgency(ctx, requirePrincipal(req), req.params.code, req.params.agencyCode, adminOrigin(req)));

  app.get('/api/v1/admin/procedures/inferred-units', {
    schema: { tags: ['catalog'], summary: 'Thời hạn đơn vị suy ra / time limits read as working days from a bare number', querystring: InferredUnitQuery, response: { 200: InferredUnitOut } },
  }, async (req) => limits.listInferredUnits(ctx, requirePrincipal(req), req.query));

  app.get('/api/v1/admin/procedures/without-limit', {
    schema: { tags: ['catalog'], summary: 'Thủ tục chưa có thời hạn và lý do / procedures without a time limit and why', response: { 200: WithoutLimitOut } },
  }, async (req) => limits.listWithoutLimit(ctx, requirePrincipal(req)));

  app.put('/api/v1/admin/procedures/:code/time-limit', {
    schema: { tags: ['catalog'], summary: 'Đặt thời hạn giải quyết / set the time limit (with its legal basis)', params: ProcedureCodeParam, body: TimeLimitBody, response: { 200: TimeLimitSetOut } },
  }, async (req) => limits.setTimeLimit(ctx, requirePrincipal(req), req.params.code, req.body, originOf(req)));
}
