// Single sign-on through an OpenID Connect provider: authorization code + PKCE (openid-client).
// The provider's `sub` must be linked to an official (users.oidc_subject); nobody is created on the fly.
import * as oidc from 'openid-client';
import { discoverOidc } from '../../platform/auth/oidc-discovery.js';
import type { AppContext } from '../../platform/context.js';
import { defineErrors } from '../../platform/errors.js';
import { writeAudit, type RequestOrigin } from '../../platform/audit.js';
import * as repo from './org.repo.js';
import { startSession, type SessionIssued } from './auth.service.js';
import { orgErrors } from './org.errors.js';

// OIDC_FAILED (400: the sign-in answer itself is wrong) stays in the platform messages; a provider that cannot
// be reached is not the caller's fault and has its own code and status.
const oidcErrors = defineErrors({
  OIDC_PROVIDER_UNREACHABLE: {
    status: 502,
    vi: 'Không kết nối được máy chủ đăng nhập một lần: {reason}. Vui lòng thử lại sau hoặc đăng nhập bằng mật khẩu.',
    en: 'The single sign-on server cannot be reached: {reason}. Retry later or sign in with your password.',
  },
});

const LOGIN_TTL_MS = 10 * 60_000;

function settings(ctx: AppContext) {
  if (!ctx.config.oidc) throw orgErrors.OIDC_NOT_CONFIGURED();
  return ctx.config.oidc;
}

export const redirectUri = (ctx: AppContext): string => `${ctx.config.publicUrl}/api/v1/auth/oidc/callback`;

async function configuration(ctx: AppContext): Promise<oidc.Configuration> {
  const s = settings(ctx);
  try {
    return await discoverOidc(s);
  } catch (err) {
    throw oidcErrors.OIDC_PROVIDER_UNREACHABLE({ reason: (err as Error).message });
  }
}

export async function beginOidcLogin(ctx: AppContext, returnTo?: string): Promise<string> {
  const config = await configuration(ctx);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  await repo.deleteOidcLoginsBefore(ctx.db, new Date(ctx.clock.now().getTime() - LOGIN_TTL_MS));
  await repo.insertOidcLogin(ctx.db, { state, code_verifier: codeVerifier, nonce, return_to: safeReturnTo(returnTo), created_at: ctx.clock.now() });
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(ctx),
    scope: 'openid profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return url.href;
}

export async function completeOidcLogin(ctx: AppContext, callbackUrl: URL, origin: RequestOrigin): Promise<SessionIssued & { returnTo: string }> {
  const config = await configuration(ctx);
  const state = callbackUrl.searchParams.get('state') ?? '';
  const pending = await repo.takeOidcLogin(ctx.db, state);
  if (!pending || pending.created_at.getTime() < ctx.clock.now().getTime() - LOGIN_TTL_MS) {
    throw orgErrors.OIDC_FAILED({ reason: 'unknown or expired state' });
  }
  let sub: string;
  try {
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: pending.code_verifier,
      expectedState: state,
      expectedNonce: pending.nonce,
    });
    sub = tokens.claims()?.sub ?? '';
  } catch (err) {
    throw orgErrors.OIDC_FAILED({ reason: (err as Error).message });
  }
  const user = await repo.findUserByOidcSubject(ctx.db, sub);
  if (!user || !user.active) {
    await writeAudit(ctx.db, { actorLabel: `oidc:${sub}`, action: 'auth.login_failed', details: { reason: 'unlinked_oidc_subject' } }, origin);
    throw orgErrors.OIDC_UNKNOWN_USER();
  }
  const session = await startSession(ctx, user, 'oidc', origin);
  return { ...session, returnTo: pending.return_to ?? '/' };
}

/** Only same-site relative paths, so the login cannot be turned into an open redirect. */
export function safeReturnTo(p?: string): string | null {
  if (!p || !p.startsWith('/') || p.startsWith('//')) return null;
  // browsers read '\' as '/', and strip tabs/newlines: '/\evil.example' would leave the site
  if (/[\\\s\u0000-\u001f\u007f]/.test(p)) return null;
  const base = new URL('http://motcua.invalid');
  return new URL(p, base).origin === base.origin ? p : null;
}
