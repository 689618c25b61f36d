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

  app.post('/api/v1/citizen/sign-out', {
    schema: { tags: TAGS, summary: 'Đăng xuất tài khoản công dân / citizen sign-out' },
  }, async (req, reply) => {
    const p = await requireCitizen(ctx, req);
    await endCitizenSession(ctx, p, originOf(req));
    clearCitizenCookie(reply);
    return reply.status(204).send();
  });
}
