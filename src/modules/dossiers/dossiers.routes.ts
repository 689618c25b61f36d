// HTTP: reception, inbox/search, dossier detail, events, control slip, actions, allowed actions, public look-up.
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal, type App } from '../../platform/http/server.js';
import { PUBLIC_LOOKUP_LIMIT } from '../../platform/http/rate-limit.js';
import { idempotencyKeyOf } from '../../platform/http/idempotency.js';
import { originOf } from '../../platform/audit.js';
import * as svc from './dossiers.service.js';
import { ActionBody, ActionParam, AssigneesQuery, InboxQuery, PublicQuery, ReceiveBody, RefParam } from './dossiers.schema.js';
import { OfficialOut } from '../org/org.schema.js';
import {
  ActionOut, AllowedOut, ControlSlipOut, DossierOut, EventsOut, InboxOut, ProblemOut, PublicDossierOut, READ_PROBLEMS,
  ReceptionOut, WRITE_PROBLEMS,
} from './dossiers.out.js';

const IdemHeaders = z.object({
  'idempotency-key': z.string().min(1).max(200).optional(),
  'if-match': z.string().max(40).optional(),
}).passthrough();

export function dossierRoutes(app: App, ctx: AppContext): void {
  app.post('/api/v1/dossiers', {
    schema: {
      tags: ['dossiers'],
      summary: 'Tiếp nhận hồ sơ / receive a dossier',
      description:
        'outcome: accept → code + receipt (form 01); incomplete → guidance (form 02, no code); refuse → refusal (form 03); ' +
        'register → online submission, status 1 (default for channel 2). Send an Idempotency-Key.',
      body: ReceiveBody,
      headers: IdemHeaders,
      response: { 201: ReceptionOut, ...WRITE_PROBLEMS },
    },
  }, async (req, reply) => {
    const r = await svc.receiveDossier(ctx, requirePrincipal(req), req.body, { idempotencyKey: idempotencyKeyOf(req), origin: originOf(req) });
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(r.status as 201).send(r.body);
  });

  app.get('/api/v1/dossiers', {
    schema: {
      tags: ['dossiers'],
      summary: 'Hộp hồ sơ và tìm kiếm / inbox and search',
      description:
        'q: code, applicant name (with or without diacritics), ID number or phone. status: national status 1–10. pool: the step-role pools of my roles; mine: assigned to me. ' +
        'overdue / dueSoon: the appointment; stepOverdue / stepDueSoon: the current step; consultationOverdue / consultationDueSoon: an open consultation ' +
        '(flags set by the deadline sweep, which writes system events). ' +
        'field: lĩnh vực (exact text); channel: 1 in person, 2 online, 3 postal. ' +
        'receivedFrom / receivedTo: local dates YYYY-MM-DD (Asia/Ho_Chi_Minh), inclusive, on the reception instant ' +
        '(accepted_at; submitted_at for a dossier never accepted); finishedFrom / finishedTo: the same on finished_at. ' +
        'A from date after its to date → 422 DATE_RANGE_REVERSED. ' +
        'sort: updated_desc (default, last change first) | due_asc (dossiers in process by appointment, most overdue first; then finished ones; then those without an appointment) | received_desc (newest reception first). ' +
        'All filters combine (AND) and always stay within the caller\'s read scope.',
      querystring: InboxQuery,
      response: { 200: InboxOut, ...READ_PROBLEMS },
    },
  }, async (req) => svc.listDossiers(ctx, requirePrincipal(req), req.query));

  app.get('/api/v1/dossiers/:code', {
    schema: { tags: ['dossiers'], summary: 'Chi tiết hồ sơ / dossier', description: 'ETag: the version.', params: RefParam, response: { 200: DossierOut, ...READ_PROBLEMS } },
  }, async (req, reply) => {
    const d = await svc.getDossier(ctx, requirePrincipal(req), req.params.code);
    reply.header('etag', `"${d.version}"`);
    return d;
  });

  app.get('/api/v1/dossiers/:code/events', {
    schema: { tags: ['dossiers'], summary: 'Nhật ký xử lý / event log', params: RefParam, response: { 200: EventsOut, ...READ_PROBLEMS } },
  }, async (req) => svc.getEvents(ctx, requirePrincipal(req), req.params.code));

  app.get('/api/v1/dossiers/:code/assignees', {
    schema: {
      tags: ['dossiers'],
      summary: 'Cán bộ có thể nhận hồ sơ / who can take the dossier',
      description: "forward: the officials holding the next step's role where it runs; assign: the current step's. Readable by whoever sees the dossier.",
      params: RefParam,
      querystring: AssigneesQuery,
      response: { 200: z.object({ items: z.array(OfficialOut) }), ...READ_PROBLEMS },
    },
  }, async (req) => svc.listAssignees(ctx, requirePrincipal(req), req.params.code, req.query.action));

  app.get('/api/v1/dossiers/:code/control-slip', {
    schema: { tags: ['dossiers'], summary: 'Phiếu kiểm soát (mẫu 06) / control slip data', params: RefParam, response: { 200: ControlSlipOut, ...READ_PROBLEMS } },
  }, async (req) => svc.getControlSlip(ctx, requirePrincipal(req), req.params.code));

  app.get('/api/v1/dossiers/:code/allowed-actions', {
    schema: { tags: ['dossiers'], summary: 'Thao tác được phép / allowed actions', params: RefParam, response: { 200: AllowedOut, ...READ_PROBLEMS } },
  }, async (req) => svc.allowedActionsFor(ctx, requirePrincipal(req), req.params.code));

  app.post('/api/v1/dossiers/:code/actions/:action', {
    schema: {
      tags: ['dossiers'],
      summary: 'Thực hiện thao tác / perform an action',
      description: 'Carries the dossier version (body.version or If-Match). Stale or illegal → 409 with `allowed`. Send an Idempotency-Key.',
      params: ActionParam,
      body: ActionBody,
      headers: IdemHeaders,
      response: { 200: ActionOut, ...WRITE_PROBLEMS },
    },
  }, async (req, reply) => {
    const r = await svc.performAction(ctx, requirePrincipal(req), req.params.code, req.params.action, req.body, {
      ifMatch: typeof req.headers['if-match'] === 'string' ? req.headers['if-match'] : undefined,
      idempotencyKey: idempotencyKeyOf(req),
      origin: originOf(req),
    });
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(r.status as 200).send(r.body as z.infer<typeof ActionOut>);
  });

  app.get('/api/v1/public/dossiers/:code', {
    schema: {
      tags: ['public'],
      summary: 'Tra cứu hồ sơ (công dân) / citizen look-up',
      description: 'The secret is printed on the receipt. Wrong code and wrong secret give the same 404. Rate-limited.',
      params: RefParam,
      querystring: PublicQuery,
      response: { 200: PublicDossierOut, 400: ProblemOut, 404: ProblemOut, 429: ProblemOut },
    },
    config: { anonymous: true, rateLimit: PUBLIC_LOOKUP_LIMIT },
  }, async (req) => svc.publicLookup(ctx, req.params.code, req.query.secret));
}
