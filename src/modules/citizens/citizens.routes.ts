// HTTP of citizen accounts: session (who am I), sign-out, one-time code sign-in, the identity provider,
// profile and representations. Routes are thin: each calls one use case.
import type { AppContext } from '../../platform/context.js';
import type { App } from '../../platform/http/server.js';
import { originOf } from '../../platform/audit.js';
import { clearCitizenCookie, endCitizenSession, optionalCitizen, requireCitizen } from './citizen-session.js';
import { citizenSessionView } from './citizen-session-view.js';
import { CitizenSessionOut, CodeSentOut } from './citizens.out.js';
import { CodeStartBody, CodeVerifyBody } from './citizens.schema.js';
import { startSignIn } from './start-sign-in.js';
import { verifySignIn } from './verify-sign-in.js';
import { setCitizenCookie } from './citizen-session.js';
import { beginCitizenOidc, completeCitizenOidc } from './citizen-oidc.js';
import { AppError } from '../../platform/errors.js';
import { z } from 'zod';
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { contentDisposition, firstFile, uploadFaults } from '../documents/documents.service.js';
import { ContactStartBody, ContactVerifyBody, ProfileIn, RepresentationIn, RepresentationParams } from './citizens.schema.js';
import { ProfileOut, RepresentationList, RepresentationOut } from './citizens.out.js';
import { getProfile, updateProfile } from './update-profile.js';
import { startContactChange, verifyContactChange } from './change-contact.js';
import { addRepresentation, listRepresentations, openRepresentationDocument, representationErrors, revokeRepresentation, throwIfInvalid } from './representations.js';
import { invalid } from '../../platform/errors.js';

const TAGS = ['citizen'];

export function citizenRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/citizen/session', {
    schema: { tags: TAGS, summary: 'Tài khoản công dân đang đăng nhập / the signed-in citizen', response: { 200: CitizenSessionOut } },
  }, async (req) => citizenSessionView(ctx, await optionalCitizen(ctx, req)));

  app.post('/api/v1/citizen/sign-in/code', {
    schema: { tags: TAGS, summary: 'Gửi mã đăng nhập qua SMS hoặc thư điện tử / send a sign-in code', body: CodeStartBody, response: { 200: CodeSentOut } },
    config: { rateLimit: { max: ctx.config.citizens.codesPerClientPerHour, timeWindow: 3_600_000, groupId: 'citizen-code-start' } },
  }, async (req) => startSignIn(ctx, req.body.address, originOf(req)));

  app.post('/api/v1/citizen/sign-in/code/verify', {
    schema: { tags: TAGS, summary: 'Đăng nhập bằng mã xác thực / sign in with the code', body: CodeVerifyBody, response: { 200: CitizenSessionOut } },
    // guessing across many challenges from one address: the tries per code are counted in the database
    config: { rateLimit: { max: 60, timeWindow: 60_000, groupId: 'citizen-code-verify' } },
  }, async (req, reply) => {
    const s = await verifySignIn(ctx, req.body.challengeId, req.body.code, originOf(req));
    setCitizenCookie(ctx, reply, s.token);
    return citizenSessionView(ctx, s.principal);
  });

  app.get('/api/v1/citizen/oidc/start', {
    schema: {
      tags: TAGS,
      summary: 'Đăng nhập bằng tài khoản định danh điện tử / sign in with the national identity account',
      querystring: z.object({ next: z.string().max(500).optional() }),
      response: { 302: z.null().describe('to the identity provider') },
    },
  }, async (req, reply) => reply.redirect(await beginCitizenOidc(ctx, req.query.next)));

  // the browser arrives here from the provider: failures go back to the sign-in page with their code
  app.get('/api/v1/citizen/oidc/callback', { schema: { hide: true } }, async (req, reply) => {
    try {
      const s = await completeCitizenOidc(ctx, new URL(req.url, ctx.config.publicUrl), originOf(req));
      setCitizenCookie(ctx, reply, s.token);
      return reply.redirect(s.next);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      req.log.warn({ code: err.code, params: err.params }, 'citizen identity-provider sign-in refused');
      return reply.redirect(`/dang-nhap?error=${encodeURIComponent(err.code)}`);
    }
  });

  app.get('/api/v1/citizen/profile', {
    schema: { tags: TAGS, summary: 'Thông tin tài khoản công dân / the citizen profile', response: { 200: ProfileOut } },
  }, async (req) => getProfile(ctx, await requireCitizen(ctx, req)));

  app.put('/api/v1/citizen/profile', {
    schema: { tags: TAGS, summary: 'Cập nhật thông tin tài khoản / update the profile', body: ProfileIn, response: { 200: ProfileOut } },
  }, async (req) => updateProfile(ctx, await requireCitizen(ctx, req), req.body, originOf(req)));

  app.post('/api/v1/citizen/profile/contact', {
    schema: { tags: TAGS, summary: 'Gửi mã xác minh số điện thoại / thư điện tử mới / send a code to a new phone or e-mail', body: ContactStartBody, response: { 200: CodeSentOut } },
    config: { rateLimit: { max: ctx.config.citizens.codesPerClientPerHour, timeWindow: 3_600_000, groupId: 'citizen-code-start' } },
  }, async (req) => startContactChange(ctx, await requireCitizen(ctx, req), req.body.address, originOf(req)));

  app.post('/api/v1/citizen/profile/contact/verify', {
    schema: { tags: TAGS, summary: 'Xác minh số điện thoại / thư điện tử mới / prove the new phone or e-mail', body: ContactVerifyBody, response: { 200: ProfileOut } },
    config: { rateLimit: { max: 60, timeWindow: 60_000, groupId: 'citizen-code-verify' } },
  }, async (req) => verifyContactChange(ctx, await requireCitizen(ctx, req), req.body.challengeId, req.body.code, originOf(req)));

  app.get('/api/v1/citizen/representations', {
    schema: { tags: TAGS, summary: 'Ủy quyền / đại diện của tôi / my representations', response: { 200: RepresentationList } },
  }, async (req) => ({ items: await listRepresentations(ctx, await requireCitizen(ctx, req)) }));

  app.delete('/api/v1/citizen/representations/:id', {
    schema: { tags: TAGS, summary: 'Thu hồi ủy quyền / đại diện / revoke a representation', params: RepresentationParams },
  }, async (req, reply) => {
    await revokeRepresentation(ctx, await requireCitizen(ctx, req), req.params.id, originOf(req));
    return reply.status(204).send();
  });

  app.get('/api/v1/citizen/representations/:id/document', {
    schema: { tags: TAGS, summary: 'Tải giấy ủy quyền / download the authorisation document', params: RepresentationParams },
  }, async (req, reply) => {
    const r = await openRepresentationDocument(ctx, await requireCitizen(ctx, req), req.params.id);
    return reply
      .type(r.file.media_type)
      .header('content-length', String(r.file.size))
      .header('content-disposition', contentDisposition(r.file.name))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(r.stream);
  });

  app.register(async (scope: App) => {
    await scope.register(multipart, { limits: { fileSize: ctx.config.maxFileBytes + 1, files: 1, fields: 20, fieldSize: 1000, parts: 25 } });
    scope.post('/api/v1/citizen/representations', {
      schema: {
        tags: TAGS,
        summary: 'Thêm ủy quyền / đại diện / add a representation',
        description:
          'multipart/form-data: the text fields of RepresentationIn first (partyKind, basis, partyName, partyIdNumber | partyTaxCode, ' +
          'partyAddressLine, partyUnitCode, partyPhone, partyEmail, validUntil), then one file part `document` (the authorisation, ' +
          'PDF or image; typed by content and screened: 415 / 422 when refused, and nothing is kept).',
        consumes: ['multipart/form-data'],
        response: { 201: RepresentationOut },
      },
    }, async (req, reply) => {
      const p = await requireCitizen(ctx, req);
      const out = await uploadFaults(async () => {
        const { fields, document } = await representationParts(req);
        const errors = await representationErrors(ctx, fields);
        if (errors.length) document.stream.resume(); // drained: nothing of a refused form is stored
        throwIfInvalid(errors);
        return addRepresentation(ctx, p, fields, document, originOf(req));
      });
      return reply.status(201).send(out);
    });
  });

  app.post('/api/v1/citizen/sign-out', {
    schema: { tags: TAGS, summary: 'Đăng xuất tài khoản công dân / citizen sign-out' },
  }, async (req, reply) => {
    const p = await requireCitizen(ctx, req);
    await endCitizenSession(ctx, p, originOf(req));
    clearCitizenCookie(reply);
    return reply.status(204).send();
  });
}

/** The text fields (sent before the file) checked by RepresentationIn, and the `document` part. */
async function representationParts(req: FastifyRequest) {
  const data = req.isMultipart() ? await firstFile(req) : undefined;
  if (!data || data.fieldname !== 'document') {
    data?.file.resume();
    throw invalid([{ path: 'body.document', code: 'FILE_REQUIRED', messageVi: 'Cần tải lên giấy ủy quyền / văn bản đại diện', messageEn: 'Upload the authorisation document' }], 'REPRESENTATION_INVALID');
  }
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(data.fields)) {
    const one = Array.isArray(v) ? v[0] : v;
    if (one && one.type === 'field' && typeof one.value === 'string') raw[k] = one.value;
  }
  const parsed = RepresentationIn.safeParse(raw);
  if (!parsed.success) {
    data.file.resume();
    throw invalid(parsed.error.issues.map((i) => ({ path: `body.${i.path.join('.')}`, code: 'INVALID_VALUE', message: i.message })), 'REPRESENTATION_INVALID');
  }
  return { fields: parsed.data, document: { stream: data.file, filename: data.filename, declaredType: data.mimetype } };
}
