// HTTP of online submission: the public e-form of a procedure, the citizen's drafts (autosave with versions),
// one upload per component, submission, "my dossiers" with their forms, supplements, withdrawal and
// results, and the admins' e-form extension. Routes are thin: the citizen from the session, one use case.
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal, type App } from '../../platform/http/server.js';
import { originOf } from '../../platform/audit.js';
import { PUBLIC_LOOKUP_LIMIT } from '../../platform/http/rate-limit.js';
import { idempotencyKeyOf } from '../../platform/http/idempotency.js';
import { contentDisposition, firstFile, uploadFaults, type UploadSource } from '../documents/documents.service.js';
import { requireCitizen } from '../citizens/citizen-session.js';
import { documentErrors } from '../documents/documents.errors.js';
import * as svc from './submissions.service.js';
import * as s from './submissions.schema.js';
import { ProblemOut as ProblemSchema } from '../../platform/http/problem.schema.js';

const TAGS = ['citizen'];

async function citizenOf(ctx: AppContext, req: FastifyRequest): Promise<svc.Citizen> {
  const c = await requireCitizen(ctx, req);
  return { citizenId: c.citizenId, name: c.name, phone: c.phone, email: c.email, assurance: c.assurance };
}

/** The single file part of a multipart request (the stream is read by the documents module). */
function filePartOf(req: FastifyRequest): () => Promise<UploadSource> {
  return async () => {
    if (!req.isMultipart()) throw documentErrors.MULTIPART_REQUIRED();
    const data = await firstFile(req);
    if (!data) throw documentErrors.FILE_REQUIRED({}, { errors: [{ path: 'body.file', code: 'FILE_REQUIRED' }] });
    return { stream: data.file, filename: data.filename, declaredType: data.mimetype };
  };
}

function sendFile(reply: FastifyReply, r: { file: { name: string; media_type: string; size: number | string; sha256: string }; stream: NodeJS.ReadableStream }) {
  return reply
    .type(r.file.media_type)
    .header('content-length', String(r.file.size))
    .header('content-disposition', contentDisposition(r.file.name))
    .header('x-content-type-options', 'nosniff')
    .header('digest', `sha-256=${Buffer.from(r.file.sha256, 'hex').toString('base64')}`)
    .header('cache-control', 'private, no-store')
    .send(r.stream);
}

const ifMatch = (req: FastifyRequest) => (typeof req.headers['if-match'] === 'string' ? req.headers['if-match'] : undefined);
const versionOf = (body: { version?: number }, req: FastifyRequest) => body.version ?? (ifMatch(req) ? Number(/\d+/.exec(ifMatch(req)!)?.[0]) : undefined);

export function submissionRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/public/procedures/:code/form', {
    schema: {
      tags: ['public'],
      summary: 'Biểu mẫu điện tử của thủ tục / the e-form of a procedure',
      description: 'JSON Schema (draft-07, self-contained) generated from the catalogue (applicant, representative, case, components of the case) plus the admin extension, screen hints, and the desks that receive it online. `online` is false when the catalogue offers no online channel (ND 42/2022): submit in person.',
      params: s.ProcedureCodeParam,
      response: { 200: s.PublicFormOut },
    },
    config: { anonymous: true, rateLimit: PUBLIC_LOOKUP_LIMIT },
  }, async (req) => svc.publicForm(ctx, req.params.code));

  app.get('/api/v1/citizen/drafts', {
    schema: { tags: TAGS, summary: 'Bản nháp của tôi / my drafts', response: { 200: s.DraftListOut } },
  }, async (req) => svc.listDrafts(ctx, await citizenOf(ctx, req)));

  app.post('/api/v1/citizen/drafts', {
    schema: {
      tags: TAGS,
      summary: 'Bắt đầu nộp hồ sơ trực tuyến / start an online submission',
      description: 'Send an Idempotency-Key: a retry answers the same draft; the key with another procedure is 422 IDEMPOTENCY_KEY_REUSED.',
      headers: s.OptionalIdempotencyHeaders,
      body: s.CreateDraftBody,
      response: { 201: s.DraftOut, 409: ProblemSchema, 422: ProblemSchema },
    },
  }, async (req, reply) => {
    const r = await svc.createDraft(ctx, await citizenOf(ctx, req), req.body.procedureCode, idempotencyKeyOf(req));
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).send(r.draft);
  });

  app.get('/api/v1/citizen/drafts/:id', {
    schema: { tags: TAGS, summary: 'Một bản nháp / one draft', params: s.DraftParam, response: { 200: s.DraftOut } },
  }, async (req, reply) => {
    const d = await svc.getDraft(ctx, await citizenOf(ctx, req), req.params.id);
    return reply.header('etag', `"${d.version}"`).send(d);
  });

  app.put('/api/v1/citizen/drafts/:id', {
    schema: {
      tags: TAGS,
      summary: 'Lưu bản nháp / save a draft',
      description: 'Compare-and-set on `version` (or If-Match): a stale version is 409 DRAFT_VERSION_CONFLICT with the server copy in `draft`; nothing is overwritten.',
      params: s.DraftParam,
      headers: s.IfMatchHeaders,
      body: s.SaveDraftBody,
      response: { 200: s.DraftOut, 409: ProblemSchema },
    },
  }, async (req, reply) => {
    const d = await svc.saveDraft(ctx, await citizenOf(ctx, req), req.params.id, versionOf(req.body, req), req.body.form);
    return reply.header('etag', `"${d.version}"`).send(d);
  });

  app.post('/api/v1/citizen/drafts/:id/submit', {
    schema: {
      tags: TAGS,
      summary: 'Nộp hồ sơ / submit the draft',
      description: 'Validated with the e-form schema (422 with field errors on form.*), registered as an online dossier (channel 2, status 1) at the chosen desk. One dossier per draft: a retry answers the same dossier (200). An Idempotency-Key is kept too: the same key on another draft is 422 IDEMPOTENCY_KEY_REUSED.',
      params: s.DraftParam,
      headers: s.OptionalIdempotencyHeaders,
      response: { 200: s.SubmitOut, 201: s.SubmitOut, 409: ProblemSchema, 422: ProblemSchema },
    },
  }, async (req, reply) => {
    const r = await svc.submitDraft(ctx, await citizenOf(ctx, req), req.params.id, idempotencyKeyOf(req));
    if (r.status === 200) reply.header('idempotent-replayed', 'true');
    return reply.status(r.status).send(r.body);
  });

  app.get('/api/v1/citizen/dossiers', {
    schema: { tags: TAGS, summary: 'Hồ sơ của tôi / my dossiers', response: { 200: s.CitizenDossierList } },
  }, async (req) => svc.myDossiers(ctx, await citizenOf(ctx, req)));

  app.get('/api/v1/citizen/dossiers/:ref', {
    schema: { tags: TAGS, summary: 'Một hồ sơ của tôi / one of my dossiers', params: s.CitizenDossierParam, response: { 200: s.CitizenDossierOut } },
  }, async (req) => svc.myDossier(ctx, await citizenOf(ctx, req), req.params.ref));

  app.post('/api/v1/citizen/dossiers/:ref/actions/:action', {
    schema: {
      tags: TAGS,
      summary: 'Gửi bổ sung, rút hồ sơ / send a supplement, withdraw',
      description: 'receive_supplement (fileIds of uploads), resubmit, request_withdrawal (reason), cancel_withdrawal. Needs the dossier version (body or If-Match) and an Idempotency-Key.',
      params: s.CitizenActionParam,
      headers: s.IdempotencyHeaders,
      body: s.CitizenActionBody,
      response: { 200: s.CitizenDossierSummary, 409: ProblemSchema, 422: ProblemSchema },
    },
  }, async (req, reply) => {
    const r = await svc.myAction(ctx, await citizenOf(ctx, req), req.params.ref, req.params.action, req.body, { ifMatch: ifMatch(req), idempotencyKey: req.headers['idempotency-key'] });
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return reply.send(r.body);
  });

  app.get('/api/v1/citizen/dossiers/:ref/forms/:form.pdf', {
    schema: { tags: TAGS, summary: 'Giấy tiếp nhận (01), yêu cầu bổ sung (02), từ chối (03) / forms 01–03', params: s.CitizenFormParam },
  }, async (req, reply) => {
    const r = await svc.myForm(ctx, await citizenOf(ctx, req), req.params.ref, req.params.form);
    return reply.type('application/pdf').header('content-disposition', contentDisposition(r.fileName, true)).header('cache-control', 'no-store').send(r.pdf);
  });

  app.get('/api/v1/citizen/dossiers/:ref/results/:fileId', {
    schema: { tags: TAGS, summary: 'Tải kết quả điện tử / download the electronic result', params: s.CitizenFileParam },
  }, async (req, reply) => sendFile(reply, await svc.myResultFile(ctx, await citizenOf(ctx, req), req.params.ref, req.params.fileId)));

  app.put('/api/v1/procedures/:code/form-extension', {
    schema: {
      tags: ['catalog'],
      summary: 'Trường riêng của biểu mẫu điện tử / the procedure’s own e-form fields',
      description: 'JSON Schema properties (safe keywords only: no $ref, formats date/email, ≤ 40 fields, 3 levels); a new version each time; baseVersion must be the latest (409 otherwise).',
      params: s.ProcedureCodeParam,
      body: s.FormExtensionBody,
      response: { 200: s.FormExtensionOut, 409: ProblemSchema, 422: ProblemSchema },
    },
  }, async (req) => svc.saveFormExtension(ctx, requirePrincipal(req), req.params.code, req.body, originOf(req)));

  app.register(async (scope: App) => {
    await scope.register(multipart, { limits: { fileSize: ctx.config.maxFileBytes + 1, files: 1, fields: 5, fieldSize: 200, parts: 6 } });

    scope.post('/api/v1/citizen/drafts/:id/components/:componentId/file', {
      schema: {
        tags: TAGS,
        summary: 'Tải giấy tờ của một thành phần / upload one component',
        description: 'multipart/form-data with one part `file`. Type by content (PDF, JPEG, PNG, DOC/DOCX, XLS/XLSX) → 415, size → 413, unsafe content → 422, each with the error on form.components.<id>; nothing is kept. Returns the file and the draft (new version).',
        params: s.DraftComponentParam,
        consumes: ['multipart/form-data'],
        response: { 201: s.DraftUploadOut },
      },
    }, async (req, reply) => {
      const c = await citizenOf(ctx, req);
      const out = await uploadFaults(() => svc.uploadDraftFile(ctx, c, req.params.id, req.params.componentId, filePartOf(req), originOf(req)));
      return reply.status(201).send(out);
    });

    scope.post('/api/v1/citizen/dossiers/:ref/files', {
      schema: {
        tags: TAGS,
        summary: 'Tải giấy tờ bổ sung / upload a supplement paper',
        description: 'multipart/form-data with one part `file`; send the returned id in receive_supplement fileIds.',
        params: s.CitizenDossierParam,
        consumes: ['multipart/form-data'],
        response: { 201: s.StagedFileOut },
      },
    }, async (req, reply) => {
      const c = await citizenOf(ctx, req);
      const out = await uploadFaults(() => svc.uploadSupplementFile(ctx, c, req.params.ref, filePartOf(req), originOf(req)));
      return reply.status(201).send(out);
    });
  });
}

