// Sign-in: passwords with lock-out, server-side sessions, API tokens, and the principal lookup.
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { dummyPasswordHash, randomToken, sha256, verifyPassword } from '../../platform/auth/secrets.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit, type RequestOrigin } from '../../platform/audit.js';
import type { PrincipalResolver } from '../../platform/http/server.js';
import * as repo from './org.repo.js';
import { canManageUser } from './org.service.js';

export interface SessionIssued {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  principal: Principal;
}

async function principalFor(ctx: AppContext, user: repo.UserRow, extra: Partial<Principal>): Promise<Principal> {
  return {
    kind: user.kind,
    userId: user.id,
    username: user.username,
    fullName: user.full_name,
    assignments: await repo.assignmentsOf(ctx.db, user.id),
    authMethod: 'session',
    ...extra,
  };
}

export async function login(ctx: AppContext, username: string, password: string, origin: RequestOrigin): Promise<SessionIssued> {
  const now = ctx.clock.now();
  const user = await repo.findUserByUsername(ctx.db, username.trim().toLowerCase());
  if (!user || user.kind !== 'official') {
    await verifyPassword(await dummyPasswordHash(), password); // same cost whether or not the user exists
    await writeAudit(ctx.db, { actorLabel: username.slice(0, 100), action: 'auth.login_failed', details: { reason: 'unknown_user' } }, origin);
    throw new AppError(401, 'INVALID_CREDENTIALS');
  }
  if (user.locked_until && user.locked_until > now) {
    await writeAudit(ctx.db, { actorId: user.id, actorLabel: user.username, action: 'auth.login_failed', details: { reason: 'locked' } }, origin);
    throw new AppError(423, 'ACCOUNT_LOCKED', { seconds: Math.ceil((user.locked_until.getTime() - now.getTime()) / 1000) });
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    const { failed, lockedUntil } = await repo.recordFailedLogin(ctx.db, user.id, now, ctx.config.lockoutThreshold, ctx.config.lockoutBaseSeconds);
    await writeAudit(ctx.db, { actorId: user.id, actorLabel: user.username, action: 'auth.login_failed', details: { reason: 'wrong_password', failed } }, origin);
    if (lockedUntil && lockedUntil > now) {
      throw new AppError(423, 'ACCOUNT_LOCKED', { seconds: Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000) });
    }
    throw new AppError(401, 'INVALID_CREDENTIALS');
  }
  if (!user.active) throw new AppError(403, 'ACCOUNT_DISABLED');
  await repo.resetFailedLogins(ctx.db, user.id);
  return startSession(ctx, user, 'password', origin);
}

export async function startSession(ctx: AppContext, user: repo.UserRow, method: string, origin: RequestOrigin): Promise<SessionIssued> {
  const now = ctx.clock.now();
  const token = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = new Date(now.getTime() + ctx.config.sessionTtlMinutes * 60_000);
  await repo.insertSession(ctx.db, { id: sha256(token), userId: user.id, csrfToken, now, expiresAt, ip: origin.ip, userAgent: origin.userAgent, authMethod: method });
  await writeAudit(ctx.db, { actorId: user.id, actorLabel: user.username, action: 'auth.login', details: { method } }, origin);
  return { token, csrfToken, expiresAt, principal: await principalFor(ctx, user, { csrfToken, sessionId: sha256(token) }) };
}

export async function logout(ctx: AppContext, p: Principal, origin: RequestOrigin): Promise<void> {
  if (p.sessionId) await repo.revokeSession(ctx.db, p.sessionId, ctx.clock.now());
  await writeAudit(ctx.db, { actorId: p.userId, actorLabel: p.username, action: 'auth.logout' }, origin);
}

/** Session cookie → principal. Expired (absolute or idle) sessions are refused with SESSION_EXPIRED. */
export async function principalFromSession(ctx: AppContext, token: string): Promise<Principal | null> {
  const id = sha256(token);
  const s = await repo.findSession(ctx.db, id);
  if (!s) return null;
  const now = ctx.clock.now();
  const idleLimit = new Date(s.last_seen_at.getTime() + ctx.config.sessionIdleMinutes * 60_000);
  if (s.expires_at <= now || idleLimit <= now) {
    await repo.revokeSession(ctx.db, id, now);
    throw new AppError(401, 'SESSION_EXPIRED');
  }
  const user = await repo.findUserById(ctx.db, s.user_id);
  if (!user || !user.active) return null;
  // refresh the idle timer at most once a minute to keep reads cheap
  if (now.getTime() - s.last_seen_at.getTime() > 60_000) await repo.touchSession(ctx.db, id, now);
  return principalFor(ctx, user, { sessionId: id, csrfToken: s.csrf_token, authMethod: 'session' });
}

// ---- API tokens ----
export const TOKEN_PREFIX = 'mct_';

export async function createToken(
  ctx: AppContext,
  userId: string,
  opts: { name: string; scopes: string[]; expiresInDays?: number },
  actor: { id?: string; label: string },
  origin: RequestOrigin = {},
) {
  const user = await repo.findUserById(ctx.db, userId);
  if (!user) throw new AppError(404, 'NOT_FOUND');
  const secret = TOKEN_PREFIX + randomToken();
  const expiresAt = opts.expiresInDays ? new Date(ctx.clock.now().getTime() + opts.expiresInDays * 86_400_000) : null;
  const row = await ctx.db.transaction().execute(async (trx) => {
    const r = await repo.insertToken(trx, { userId, name: opts.name, prefix: secret.slice(0, 10), tokenHash: sha256(secret), scopes: opts.scopes, expiresAt });
    await writeAudit(trx, { actorId: actor.id, actorLabel: actor.label, action: 'token.create', targetType: 'api_token', targetId: r.id, details: { userId, scopes: opts.scopes } }, origin);
    return r;
  });
  return { ...row, token: secret };
}

/** Revokes a token of a user the admin manages; the revocation and its audit row commit together. */
export async function revokeToken(ctx: AppContext, p: Principal, id: string, origin: RequestOrigin): Promise<void> {
  const token = await repo.findTokenById(ctx.db, id);
  if (!token || !(await canManageUser(ctx, p, token.user_id))) throw new AppError(404, 'NOT_FOUND');
  await ctx.db.transaction().execute(async (trx) => {
    const r = await repo.revokeToken(trx, id, ctx.clock.now());
    if (!r) throw new AppError(404, 'NOT_FOUND');
    await writeAudit(trx, { actorId: p.userId, actorLabel: p.username, action: 'token.revoke', targetType: 'api_token', targetId: r.id }, origin);
  });
}

export async function principalFromBearer(ctx: AppContext, secret: string): Promise<Principal> {
  const t = await repo.findTokenByHash(ctx.db, sha256(secret));
  const now = ctx.clock.now();
  if (!t || t.revoked_at || (t.expires_at && t.expires_at <= now)) throw new AppError(401, 'TOKEN_INVALID');
  const user = await repo.findUserById(ctx.db, t.user_id);
  if (!user || !user.active) throw new AppError(401, 'TOKEN_INVALID');
  if (!t.last_used_at || now.getTime() - t.last_used_at.getTime() > 60_000) await repo.markTokenUsed(ctx.db, t.id, now);
  return principalFor(ctx, user, { authMethod: 'token', scopes: t.scopes });
}

export function principalResolver(ctx: AppContext): PrincipalResolver {
  return {
    fromSession: (token: string, _req: FastifyRequest) => principalFromSession(ctx, token),
    fromBearer: (token: string, _req: FastifyRequest) => principalFromBearer(ctx, token),
  };
}
