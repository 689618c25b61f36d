// HTTP of the ratings: the citizen's rating by the receipt's secret (public), by their account (citizen area),
// at the counter kiosk (device token), and the desk's kiosk pairing and hand-over. Officials cannot rate: a
// rating request that comes with an official's session or token is refused.
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal, type App } from '../../platform/http/server.js';
import { problems } from '../../platform/http/problem.schema.js';
import { PUBLIC_LOOKUP_LIMIT } from '../../platform/http/rate-limit.js';
import { requireCitizen } from '../citizens/citizen-session.js';
import * as svc from './ratings.service.js';
import * as s from './ratings.schema.js';
import { ratingErrors } from './ratings.errors.js';

const PUBLIC = problems(400, 403, 404, 409, 422, 429);
const DESK = problems(400, 401, 403, 404, 409);
const TAGS = ['ratings'];

/** The public rating routes answer citizens only: an official's session or token is refused. */
function notAnOfficial(req: FastifyRequest) {
  if (req.principal) throw ratingErrors.RATING_OFFICIALS_CANNOT_RATE();
}

export function ratingRoutes(app: App, ctx: AppContext): void {
  // ---- the citizen with the receipt's secret (tracking page, the link of the rating invitation)
  app.get('/api/v1/public/ratings', {
    schema: { tags: TAGS, summary: 'Phiếu đánh giá của hồ sơ / the rating form of a dossier', querystring: s.PublicRatingQuery, response: { 200: s.RatingFormOut, ...PUBLIC } },
    config: { anonymous: true, rateLimit: PUBLIC_LOOKUP_LIMIT },
  }, async (req) => svc.formBySecret(ctx, req.query.code, req.query.secret));

  app.post('/api/v1/public/ratings', {
    schema: {
      tags: TAGS, summary: 'Đánh giá mức độ hài lòng / rate a returned dossier',
      description: 'One rating per dossier; the same rater may change it within MOTCUA_RATING_EDIT_DAYS of the first rating. Proof: the lookup secret of the receipt.',
      body: s.PublicRatingBody, response: { 200: s.RatingFormOut, ...PUBLIC },
    },
    config: { anonymous: true, rateLimit: PUBLIC_LOOKUP_LIMIT },
  }, async (req) => {
    notAnOfficial(req);
    return svc.rateBySecret(ctx, req.body);
  });

  // ---- the signed-in citizen's own dossier
  app.get('/api/v1/citizen/dossiers/:ref/rating', {
    schema: { tags: ['citizen'], summary: 'Phiếu đánh giá hồ sơ của tôi / the rating form of my dossier', params: s.RefParam, response: { 200: s.RatingFormOut, ...problems(401, 404) } },
  }, async (req) => svc.formOfCitizen(ctx, (await requireCitizen(ctx, req)).citizenId, req.params.ref));

  app.put('/api/v1/citizen/dossiers/:ref/rating', {
    schema: { tags: ['citizen'], summary: 'Đánh giá hồ sơ của tôi / rate my dossier', params: s.RefParam, body: s.RatingBodyIn, response: { 200: s.RatingFormOut, ...problems(400, 401, 403, 404, 409, 422) } },
  }, async (req) => svc.rateAsCitizen(ctx, (await requireCitizen(ctx, req)).citizenId, req.params.ref, req.body));

  // ---- the counter kiosk (device token in X-Kiosk-Token)
  app.get('/api/v1/public/kiosk/rating', {
    schema: { tags: TAGS, summary: 'Hồ sơ đang chờ đánh giá tại quầy / the dossier handed to this kiosk', headers: s.KioskHeaders, response: { 200: s.KioskCurrentOut, ...PUBLIC, ...problems(401) } },
    config: { anonymous: true, rateLimit: { max: 120, timeWindow: 60_000, groupId: 'kiosk' } },
  }, async (req) => svc.kioskCurrent(ctx, req.headers['x-kiosk-token']));

  app.post('/api/v1/public/kiosk/rating', {
    schema: { tags: TAGS, summary: 'Đánh giá tại quầy / rate at the counter', headers: s.KioskHeaders, body: s.KioskRatingBody, response: { 200: s.RatingFormOut, ...PUBLIC, ...problems(401) } },
    config: { anonymous: true, rateLimit: { max: 120, timeWindow: 60_000, groupId: 'kiosk' } },
  }, async (req) => {
    notAnOfficial(req);
    return svc.kioskRate(ctx, req.headers['x-kiosk-token'], req.body);
  });

  // ---- the administrators: the rating criteria (domain-vn §8)
  const ADMIN = problems(400, 401, 403, 404, 409, 422);
  app.get('/api/v1/admin/rating-criteria', {
    schema: { tags: TAGS, summary: 'Tiêu chí đánh giá / the rating criteria (disabled ones included)', response: { 200: s.CriteriaOut, ...ADMIN } },
  }, async (req) => svc.listCriteria(ctx, requirePrincipal(req)));
  app.post('/api/v1/admin/rating-criteria', {
    schema: { tags: TAGS, summary: 'Thêm tiêu chí / add a criterion (asked last)', body: s.CriterionCreateBody, response: { 201: s.CriteriaOut, ...ADMIN } },
  }, async (req, reply) => reply.code(201).send(await svc.addCriterion(ctx, requirePrincipal(req), req.body)));
  app.put('/api/v1/admin/rating-criteria/order', {
    schema: { tags: TAGS, summary: 'Sắp xếp tiêu chí / reorder the criteria (every key once)', body: s.CriteriaOrderBody, response: { 200: s.CriteriaOut, ...ADMIN } },
  }, async (req) => svc.reorderCriteria(ctx, requirePrincipal(req), req.body.keys));
  app.put('/api/v1/admin/rating-criteria/:key', {
    schema: {
      tags: TAGS, summary: 'Sửa, tắt, bật tiêu chí / edit, disable or enable a criterion', params: s.CriterionKeyParam, body: s.CriterionUpdateBody, response: { 200: s.CriteriaOut, ...ADMIN },
      description: 'Criteria are never deleted (ratings keep their answers under the key); "overall" stays active and required (QĐ 766 5.4).',
    },
  }, async (req) => svc.updateCriterion(ctx, requirePrincipal(req), req.params.key, req.body));

  // ---- the desk: pair a kiosk, hand it the dossier just returned
  app.post('/api/v1/ratings/kiosks', {
    schema: { tags: TAGS, summary: 'Ghép nối máy đánh giá tại quầy / pair a counter kiosk', body: s.PairKioskBody, response: { 201: s.PairedKioskOut, ...DESK } },
  }, async (req, reply) => reply.code(201).send(await svc.pairKiosk(ctx, requirePrincipal(req), req.body.label)));

  app.get('/api/v1/ratings/kiosks', {
    schema: { tags: TAGS, summary: 'Máy đánh giá tại quầy của tôi / my counter kiosks', response: { 200: s.KioskListOut, ...DESK } },
  }, async (req) => svc.myKiosks(ctx, requirePrincipal(req)));

  app.delete('/api/v1/ratings/kiosks/:id', {
    schema: { tags: TAGS, summary: 'Thu hồi máy đánh giá / revoke a kiosk', params: s.IdParam, response: { 200: s.KioskListOut, ...DESK } },
  }, async (req) => {
    await svc.revokeKiosk(ctx, requirePrincipal(req), req.params.id);
    return svc.myKiosks(ctx, requirePrincipal(req));
  });

  app.post('/api/v1/ratings/kiosk-handover', {
    schema: { tags: TAGS, summary: 'Mời đánh giá tại quầy / hand the returned dossier to my kiosk', body: s.HandBody, response: { 200: s.HandOut, ...DESK } },
  }, async (req) => svc.handToKiosk(ctx, requirePrincipal(req), req.body.dossier));
}
