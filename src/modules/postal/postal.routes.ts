// HTTP of the postal service: a dossier's postal orders with their tracking.
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal, type App } from '../../platform/http/server.js';
import { problems } from '../../platform/http/problem.schema.js';
import * as svc from './postal.service.js';
import { DossierPostalOut, PostalRefParam } from './postal.schema.js';

export function postalRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/dossiers/:ref/postal', {
    schema: { tags: ['postal'], summary: 'Bưu gửi của hồ sơ và hành trình / a dossier\'s postal orders and tracking', params: PostalRefParam, response: { 200: DossierPostalOut, ...problems(400, 401, 403, 404) } },
  }, async (req) => svc.dossierPostalOrders(ctx, requirePrincipal(req), req.params.ref));
}
