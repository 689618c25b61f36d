// HTTP: login, logout, me, OIDC login, API tokens.
import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal, SESSION_COOKIE, type App } from '../../platform/http/server.js';
import { originOf } from '../../platform/audit.js';

import type { Principal } from '../../platform/auth/principal.js';
import { scopePaths } from './permissions.js';
import * as auth from './auth.service.js';
import { beginOidcLogin, completeOidcLogin } from './oidc.service.js';
import * as svc from './org.service.js';
import { LoginBody, MeOut, TokenCreate, IdParam } from './org.schema.js';
import { platformErrors } from '../../platform/platform.errors.js';

function meOut(p: Principal, extra: { csrfToken?: string; expiresAt?: Date } = {}) {
  return {
    id: p.userId,
    username: p.username,
    fullName: p.fullName,
    kind: p.kind,
    roles: p.assignments.map((a) => ({ role: a.role, agencyId: a.agencyId, agencyCode: a.agencyCode, agencyName: a.agencyName, unitId: a.unitId })),
    csrfToken: extra.csrfToken ?? p.csrfToken,
    expiresAt: extra.expiresAt?.toISOString(),
  };
}

function setSessionCookie(ctx: AppContext, reply: FastifyReply, s: auth.SessionIssued): void {
  reply.setCookie(SESSION_COOKIE, s.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    // Secure whenever the public address is https; a session cookie (no Expires): it ends with the browser,
    // and the server ends the session itself after its idle and absolute lifetimes
    secure: ctx.config.cookieSecure || ctx.config.publicUrl.startsWith('https:'),
  });
}

export function authRoutes(app: App, ctx: AppContext): void {
  app.post('/api/v1/auth/login', {
    schema: { tags: ['auth'], summary: 'Đăng nhập bằng tên và mật khẩu / password login', body: LoginBody, response: { 200: MeOut } },
    config: { anonymous: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
  }, async (req, reply) => {
    const s = await auth.login(ctx, req.body.username, req.body.password, originOf(req));
    setSessionCookie(ctx, reply, s);
    return meOut(s.principal, { csrfToken: s.csrfToken, expiresAt: s.expiresAt });
  });

  app.post('/api/v1/auth/logout', { schema: { tags: ['auth'], summary: 'Đăng xuất / logout' } }, async (req, reply) => {
    const p = requirePrincipal(req);
    await auth.logout(ctx, p, originOf(req));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/api/v1/auth/me', { schema: { tags: ['auth'], summary: 'Người dùng hiện tại / current user', response: { 200: MeOut } } }, async (req) =>
    meOut(requirePrincipal(req)),
  );

  app.get('/api/v1/auth/oidc/login', {
    config: { anonymous: true },
    schema: { tags: ['auth'], summary: 'Đăng nhập một lần (OIDC) / single sign-on', querystring: z.object({ returnTo: z.string().max(500).optional() }) },
  }, async (req, reply) => reply.redirect(await beginOidcLogin(ctx, req.query.returnTo)));

  app.get('/api/v1/auth/oidc/callback', { config: { anonymous: true }, schema: { hide: true } }, async (req, reply) => {
    const url = new URL(req.url, ctx.config.publicUrl);
    const s = await completeOidcLogin(ctx, url, originOf(req));
    setSessionCookie(ctx, reply, s);
    return reply.redirect(s.returnTo);
  });

  // ---- API tokens for integration clients (admins only) ----
  app.post('/api/v1/tokens', {
    schema: { tags: ['auth'], summary: 'Tạo mã truy cập API / create API token', body: TokenCreate },
  }, async (req, reply) => {
    const p = requireAdmin(req.principal);
    await svc.managedUser(ctx, p, req.body.userId); // only for officials the admin manages (404 otherwise)
    const t = await auth.createToken(ctx, req.body.userId, req.body, { id: p.userId, label: p.username }, originOf(req));
    return reply.status(201).send(t);
  });

  app.get('/api/v1/tokens', { schema: { tags: ['auth'], summary: 'Danh sách mã truy cập / list tokens' } }, async (req) => {
    return svc.listManagedTokens(ctx, requireAdmin(req.principal));
  });

  app.delete('/api/v1/tokens/:id', { schema: { tags: ['auth'], summary: 'Thu hồi mã truy cập / revoke token', params: IdParam } }, async (req, reply) => {
    const p = requireAdmin(req.principal);
    await auth.revokeToken(ctx, p, req.params.id, originOf(req));
    return reply.status(204).send();
  });
}

function requireAdmin(p: Principal | null): Principal {
  if (!p) throw platformErrors.UNAUTHENTICATED();
  if (scopePaths(p, 'user.manage').length === 0) throw platformErrors.FORBIDDEN();
  return p;
}
