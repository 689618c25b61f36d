// HTTP of the postal service: a dossier's postal orders with their tracking; the post office's tracking
// callback (server to server, signed with the shared secret: the layout in platform/ports/postal-payloads.ts).
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal, type App } from '../../platform/http/server.js';
import { problems } from '../../platform/http/problem.schema.js';
import { TrackingCallback, TrackingCallbackAnswer } from '../../platform/ports/postal.js';
import * as svc from './postal.service.js';
import { DossierPostalOut, PickupBody, PickupOut, PickupsOut, PickupsQuery, PostalRefParam } from './postal.schema.js';

export function postalRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/dossiers/:ref/postal', {
    schema: { tags: ['postal'], summary: 'Bưu gửi của hồ sơ và hành trình / a dossier\'s postal orders and tracking', params: PostalRefParam, response: { 200: DossierPostalOut, ...problems(400, 401, 403, 404) } },
  }, async (req) => svc.dossierPostalOrders(ctx, requirePrincipal(req), req.params.ref));

  app.post('/api/v1/postal/pickups', {
    schema: {
      tags: ['postal'], summary: 'Đặt bưu điện nhận hồ sơ tại nhà / book a collection at home (channel 3)',
      description: 'The desk\'s reception checks run now; an INBOUND_DOSSIER order with the postal worker\'s checklist (the case\'s components) is booked through the outbox. When the post office reports the papers picked up, the dossier is registered (status 1, channel 3) in the desk\'s queue for reception.',
      body: PickupBody, response: { 201: PickupOut, ...problems(400, 401, 403, 404, 409, 422) },
    },
  }, async (req, reply) => reply.status(201).send(await svc.bookPickup(ctx, requirePrincipal(req), req.body)));

  app.get('/api/v1/postal/pickups', {
    schema: { tags: ['postal'], summary: 'Các lượt thu gom hồ sơ tại nhà của bộ phận / the desk\'s collections at home', querystring: PickupsQuery, response: { 200: PickupsOut, ...problems(400, 401, 403, 404) } },
  }, async (req) => svc.listPickups(ctx, requirePrincipal(req), req.query.desk));

  void app.register(async (scope: App) => trackingCallbackRoute(scope, ctx));
}

/** The callback in a scope of its own: its JSON parser keeps the raw body, which the signature covers. */
function trackingCallbackRoute(scope: App, ctx: AppContext): void {
  const raw = new WeakMap<FastifyRequest, { body?: string; at: Date; started: number }>();
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    raw.get(req)!.body = String(body);
    try { done(null, JSON.parse(String(body))); } catch (e) { done(e as Error, undefined); }
  });
  scope.addHook('onRequest', async (req) => { raw.set(req, { at: ctx.clock.now(), started: performance.now() }); });
  scope.addHook('onSend', async (req, reply, payload) => {
    const r = raw.get(req);
    if (r) svc.logTrackingCallback(ctx, { at: r.at, rawBody: r.body, status: reply.statusCode, answer: typeof payload === 'string' ? payload : '', durationMs: performance.now() - r.started });
    return payload;
  });
  scope.post(svc.TRACKING_CALLBACK_PATH, {
    schema: {
      tags: ['postal'], summary: 'Bưu điện báo thay đổi hành trình / the post office reports tracking changes',
      description: 'Server to server. Signed by the post office: X-VNPost-Timestamp (Unix seconds) and X-VNPost-Signature = hex HMAC-SHA256 over "<timestamp>.<raw body>" with the shared secret (MOTCUA_VNPOST_CALLBACK_SECRET), at most 15 minutes from the server clock. Each change is recorded once, as the scheduled tracking query records it; a repeated or older change changes nothing. Every callback is kept in the exchange log.',
      body: TrackingCallback, response: { 200: TrackingCallbackAnswer, ...problems(400, 401, 403, 404, 413, 415, 422) },
    },
    config: { anonymous: true },
  }, async (req) => svc.receiveTrackingCallback(ctx, { headers: req.headers, rawBody: raw.get(req)?.body ?? '', callback: req.body }));
}
