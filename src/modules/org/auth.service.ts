// Sign-in: passwords with lock-out, server-side sessions, API tokens, and the principal lookup.
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { dummyPasswordHash, randomToken, sha256, verifyPassword } from '../../platform/auth/secrets.js';

import { writeAudit, type RequestOrigin } from '../../platform/audit.js';
import type { PrincipalResolver } from '../../platform/http/server.js';
import * as repo from './org.repo.js';
import { blockedUntil, nextFailures, throttleKeys } from './login-throttle.js';
import { canManageUser } from './org.service.js';
import { orgErrors } from './org.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

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

/**
 * Password sign-in. Known and unknown names get the same answers: 401 for a wrong name or password, and
 * 429 LOGIN_THROTTLED (password not even checked) while this name from this address, or this address over
 * all names, is blocked after repeated failures. A stranger's failures never block the official's own address.
 */
export async function login(ctx: AppContext, username: string, password: string, origin: RequestOrigin): Promise<SessionIssued> {
  const now = ctx.clock.now();
  const name = username.trim().toLowerCase();
  const keys = throttleKeys(name, origin.ip, ctx.config.lockoutThreshold);
  const counters = await repo.findThrottles(ctx.db, keys.map((k) => k.key));
  const user = await repo.findUserByUsername(ctx.db, name);
  const who = user && user.kind === 'official' ? { actorId: user.id, actorLabel: user.username } : UNKNOWN_ACTOR;
  const until = Math.max(0, ...counters.map((c) => c.blocked_until?.getTime() ?? 0));
  if (until > now.getTime()) {
    await writeAudit(ctx.db, { ...who, action: 'auth.login_failed', details: { reason: 'throttled' } }, origin);
    throw orgErrors.LOGIN_THROTTLED({ seconds: Math.ceil((until - now.getTime()) / 1000) });
  }
  const ok = user && user.kind === 'official'
    ? await verifyPassword(user.password_hash, password)
    : (await verifyPassword(await dummyPasswordHash(), password), false); // same cost whether or not the user exists
  if (!ok || !user) {
    for (const k of keys) {
      const failures = nextFailures(counters.find((c) => c.key === k.key), now);
      await repo.saveThrottle(ctx.db, { key: k.key, failures, last_failure_at: now, blocked_until: blockedUntil(failures, k.threshold, ctx.config.lockoutBaseSeconds, now) });
    }
    await writeAudit(ctx.db, { ...who, action: 'auth.login_failed', details: { reason: user && user.kind === 'official' ? 'wrong_password' : 'unknown_user' } }, origin);
    throw orgErrors.INVALID_CREDENTIALS();
  }
  if (!user.active) throw orgErrors.ACCOUNT_DISABLED();
  await repo.clearThrottle(ctx.db, keys[0]!.key); // this name from this address; the address counter decays on its own
  return startSession(ctx, user, 'password', origin);
}

/**
 * Audit label for a name that matches no account. What was typed may be a password (typed in the wrong
 * field), and even a hash of it could be tested against guesses: the row keeps only that the name was unknown.
 */
const UNKNOWN_ACTOR = { actorLabel: '(unknown)' };

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
  const s = await repo.findSessionPrincipal(ctx.db, id);
  if (!s) return null;
  const now = ctx.clock.now();
  const idleLimit = new Date(s.last_seen_at.getTime() + ctx.config.sessionIdleMinutes * 60_000);
  if (s.expires_at <= now || idleLimit <= now) {
    await repo.revokeSession(ctx.db, id, now);
    throw orgErrors.SESSION_EXPIRED();
  }
  if (!s.active) return null;
  // refresh the idle timer at most once a minute to keep reads cheap
  if (now.getTime() - s.last_seen_at.getTime() > 60_000) await repo.touchSession(ctx.db, id, now);
  return {
    kind: s.kind, userId: s.user_id, username: s.username, fullName: s.full_name, assignments: s.assignments,
    sessionId: id, csrfToken: s.csrf_token, authMethod: 'session',
  };
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
  if (!user) throw platformErrors.NOT_FOUND();
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
  if (!token || !(await canManageUser(ctx, p, token.user_id))) throw platformErrors.NOT_FOUND();
  await ctx.db.transaction().execute(async (trx) => {
    const r = await repo.revokeToken(trx, id, ctx.clock.now());
    if (!r) throw platformErrors.NOT_FOUND();
    await writeAudit(trx, { actorId: p.userId, actorLabel: p.username, action: 'token.revoke', targetType: 'api_token', targetId: r.id }, origin);
  });
}

export async function principalFromBearer(ctx: AppContext, secret: string): Promise<Principal> {
  const t = await repo.findTokenByHash(ctx.db, sha256(secret));
  const now = ctx.clock.now();
  if (!t || t.revoked_at || (t.expires_at && t.expires_at <= now)) throw platformErrors.TOKEN_INVALID();
  const user = await repo.findUserById(ctx.db, t.user_id);
  if (!user || !user.active) throw platformErrors.TOKEN_INVALID();
  if (!t.last_used_at || now.getTime() - t.last_used_at.getTime() > 60_000) await repo.markTokenUsed(ctx.db, t.id, now);
  return principalFor(ctx, user, { authMethod: 'token', scopes: t.scopes });
}

export function principalResolver(ctx: AppContext): PrincipalResolver {
  return {
    fromSession: (token: string, _req: FastifyRequest) => principalFromSession(ctx, token),
    fromBearer: (token: string, _req: FastifyRequest) => principalFromBearer(ctx, token),
  };
}
