// HTTP of the national-portal sync: the administrators' dashboard (counts, items, resend), a dossier's sync
// history, the questions pulled from the portal.
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal, type App } from '../../platform/http/server.js';
import { problems } from '../../platform/http/problem.schema.js';
import * as svc from './portal-sync.service.js';
import { DossierRefParam, DossierSyncOut, ExchangesOut, ExchangesQuery, PortalInboundOut, PortalQuestionsOut, SyncDashboardOut, SyncItemIdParam, SyncItemOut, SyncQuery } from './portal-sync.schema.js';

export function portalSyncRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/admin/portal-sync', {
    schema: { tags: ['portal-sync'], summary: 'Đồng bộ Cổng DVCQG: tình hình và bản ghi / national-portal sync dashboard', querystring: SyncQuery, response: { 200: SyncDashboardOut, ...problems(400, 401, 403, 404) } },
  }, async (req) => svc.syncDashboard(ctx, requirePrincipal(req), req.query));

  app.post('/api/v1/admin/portal-sync/items/:id/resend', {
    schema: { tags: ['portal-sync'], summary: 'Gửi lại bản ghi bị Cổng từ chối / resend a rejected record', params: SyncItemIdParam, response: { 200: SyncItemOut, ...problems(400, 401, 403, 404, 409) } },
  }, async (req) => svc.resendItem(ctx, requirePrincipal(req), req.params.id));

  app.get('/api/v1/admin/portal-sync/questions', {
    schema: { tags: ['portal-sync'], summary: 'Câu hỏi gửi từ Cổng DVCQG / questions pulled from the national portal', response: { 200: PortalQuestionsOut, ...problems(400, 401, 403, 404) } },
  }, async (req) => svc.listPortalQuestions(ctx, requirePrincipal(req)));

  app.get('/api/v1/admin/portal-sync/inbound', {
    schema: { tags: ['portal-sync'], summary: 'Hồ sơ nộp trên Cổng DVCQG chuyển về / dossiers handed over by the national portal', response: { 200: PortalInboundOut, ...problems(400, 401, 403, 404) } },
  }, async (req) => svc.listInboundDossiers(ctx, requirePrincipal(req)));

  app.get('/api/v1/admin/integrations/exchanges', {
    schema: { tags: ['portal-sync'], summary: 'Nhật ký trao đổi với Cổng DVCQG/LGSP và bưu chính (đã che dữ liệu cá nhân) / integration exchange log', querystring: ExchangesQuery, response: { 200: ExchangesOut, ...problems(400, 401, 403, 404) } },
  }, async (req) => svc.listIntegrationExchanges(ctx, requirePrincipal(req), req.query));

  app.get('/api/v1/dossiers/:ref/portal-sync', {
    schema: { tags: ['portal-sync'], summary: 'Lịch sử đồng bộ của hồ sơ với Cổng DVCQG / a dossier\'s national-portal sync', params: DossierRefParam, response: { 200: DossierSyncOut, ...problems(400, 401, 403, 404) } },
  }, async (req) => svc.dossierSyncHistory(ctx, requirePrincipal(req), req.params.ref));
}
