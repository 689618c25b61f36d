// Citizen sessions: a cookie of their own (never the officials' one), stored hashed, with an absolute and an
// idle lifetime, and a CSRF token echoed in the X-CSRF-Token header on writes (double submit), as for the
// officials. Other modules' routes under /api/v1/citizen/ call requireCitizen / optionalCitizen: the
// platform resolves no official there (src/platform/http/server.ts, CITIZEN_API_PREFIX).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { randomToken, safeEqual, sha256 } from '../../platform/auth/secrets.js';
import { writeAudit, type RequestOrigin } from '../../platform/audit.js';
import { CSRF_HEADER, sameSite } from '../../platform/http/server.js';
import { platformErrors } from '../../platform/platform.errors.js';
import * as repo from './citizens.repo.js';
import { citizenErrors } from './citizens.errors.js';

export const CITIZEN_SESSION_COOKIE = 'motcua_citizen';

export interface CitizenPrincipal {
  citizenId: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  /** 'otp' for a one-time code; the identity provider's acr when signed in through it. */
  assurance: 'otp' | string;
  sessionId: string;
  /** How the session began. */
  method: 'otp' | 'oidc';
  csrfToken: string;
  expiresAt: Date;
}

export interface CitizenSessionIssued {
  token: string;
  principal: CitizenPrincipal;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// one look-up per request, whoever asks (the route, then a use case it calls)
const resolved = new WeakMap<FastifyRequest, Promise<CitizenPrincipal | null>>();

/** The signed-in citizen, or 401 CITIZEN_UNAUTHENTICATED / CITIZEN_SESSION_EXPIRED. Writes also need the CSRF token. */
export async function requireCitizen(ctx: AppContext, req: FastifyRequest): Promise<CitizenPrincipal> {
  const token = req.cookies?.[CITIZEN_SESSION_COOKIE];
  if (!token) throw citizenErrors.CITIZEN_UNAUTHENTICATED();
  const p = await resolveOnce(ctx, req, token, true);
  if (!p) throw citizenErrors.CITIZEN_UNAUTHENTICATED();
  return p;
}

/** The signed-in citizen or null (no, unknown or expired session). A write with a live session still needs the CSRF token. */
export async function optionalCitizen(ctx: AppContext, req: FastifyRequest): Promise<CitizenPrincipal | null> {
  const token = req.cookies?.[CITIZEN_SESSION_COOKIE];
  if (!token) return null;
  return resolveOnce(ctx, req, token, false);
}

function resolveOnce(ctx: AppContext, req: FastifyRequest, token: string, strict: boolean): Promise<CitizenPrincipal | null> {
  let p = resolved.get(req);
  if (!p) {
    p = principalFromToken(ctx, token);
    resolved.set(req, p);
  }
  return p.then(
    (principal) => {
      if (principal && !SAFE_METHODS.has(req.method)) checkCsrf(ctx, req, principal);
      return principal;
    },
    (err) => {
      if (!strict && (err as { code?: string }).code === 'CITIZEN_SESSION_EXPIRED') return null;
      throw err;
    },
  );
}

function checkCsrf(ctx: AppContext, req: FastifyRequest, p: CitizenPrincipal): void {
  if (!sameSite(req, new URL(ctx.config.publicUrl).origin)) throw platformErrors.ORIGIN_REFUSED();
  const sent = req.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || !safeEqual(sent, p.csrfToken)) throw platformErrors.CSRF_FAILED();
}

/** Cookie token → principal; an expired session (absolute or idle) is ended and answers CITIZEN_SESSION_EXPIRED. */
async function principalFromToken(ctx: AppContext, token: string): Promise<CitizenPrincipal | null> {
  const id = sha256(token);
  const s = await repo.findSession(ctx.db, id);
  if (!s) return null;
  const now = ctx.clock.now();
  const idleEnd = s.last_seen_at.getTime() + ctx.config.citizens.sessionIdleMinutes * 60_000;
  if (s.expires_at.getTime() <= now.getTime() || idleEnd <= now.getTime()) {
    await repo.revokeSession(ctx.db, id, now);
    throw citizenErrors.CITIZEN_SESSION_EXPIRED();
  }
  const c = await repo.findCitizenById(ctx.db, s.citizen_id);
  if (!c) return null;
  // the idle timer moves at most once a minute, so reads stay cheap
  if (now.getTime() - s.last_seen_at.getTime() > 60_000) await repo.touchSession(ctx.db, id, now);
  return principalOf(c, s);
}

function principalOf(c: repo.CitizenRow, s: repo.CitizenSessionRow): CitizenPrincipal {
  return {
    citizenId: c.id,
    name: c.full_name,
    phone: c.phone,
    email: c.email,
    assurance: s.assurance,
    sessionId: s.id,
    method: s.auth_method as 'otp' | 'oidc',
    csrfToken: s.csrf_token,
    expiresAt: s.expires_at,
  };
}

/** A new session for a citizen who has just proven who they are (inside the sign-in's transaction). */
export async function startCitizenSession(
  ctx: AppContext,
  db: AppContext['db'],
  citizen: repo.CitizenRow,
  how: { method: 'otp' | 'oidc'; assurance: string },
  origin: RequestOrigin,
): Promise<CitizenSessionIssued> {
  const now = ctx.clock.now();
  const token = randomToken();
  const row = {
    id: sha256(token),
    citizen_id: citizen.id,
    csrf_token: randomToken(24),
    assurance: how.assurance,
    auth_method: how.method,
    created_at: now,
    last_seen_at: now,
    expires_at: new Date(now.getTime() + ctx.config.citizens.sessionTtlMinutes * 60_000),
    revoked_at: null,
    ip: origin.ip ?? null,
    user_agent: origin.userAgent ?? null,
  };
  await repo.insertSession(db, row);
  await repo.updateCitizen(db, citizen.id, { last_sign_in_at: now });
  await writeAudit(db, { actorLabel: citizenLabel(citizen.id), action: 'citizen.sign_in', targetType: 'citizen', targetId: citizen.id, details: { method: how.method, assurance: how.assurance } }, origin);
  return { token, principal: principalOf(citizen, row) };
}

export async function endCitizenSession(ctx: AppContext, p: CitizenPrincipal, origin: RequestOrigin): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await repo.revokeSession(trx, p.sessionId, ctx.clock.now());
    await writeAudit(trx, { actorLabel: citizenLabel(p.citizenId), action: 'citizen.sign_out', targetType: 'citizen', targetId: p.citizenId }, origin);
  });
}

/** Audit rows name citizens by label: audit_log.actor_id holds officials' ids only. */
export const citizenLabel = (citizenId: string): string => `citizen:${citizenId}`;

export function setCitizenCookie(ctx: AppContext, reply: FastifyReply, token: string): void {
  reply.setCookie(CITIZEN_SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    // a browser-session cookie: the server ends the session itself after its idle and absolute lifetimes
    secure: ctx.config.cookieSecure || ctx.config.publicUrl.startsWith('https:'),
  });
}

export function clearCitizenCookie(reply: FastifyReply): void {
  reply.clearCookie(CITIZEN_SESSION_COOKIE, { path: '/' });
}
