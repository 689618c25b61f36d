// Sign-in through the national identity provider (VNeID-like OpenID Connect): authorization code flow with
// PKCE, state and nonce (openid-client), `acr_values` asked for and the ID token's `acr` kept as the
// session's assurance level. The account is found by the provider's subject, else by an ID number a
// provider proved before, else created; the identity fields come from the provider.
import * as oidc from 'openid-client';
import { discoverOidc } from '../../platform/auth/oidc-discovery.js';
import type { AppContext } from '../../platform/context.js';
import type { RequestOrigin } from '../../platform/audit.js';
import { safeReturnTo } from '../org/oidc.service.js';
import * as repo from './citizens.repo.js';
import { citizenErrors } from './citizens.errors.js';
import { startCitizenSession, type CitizenSessionIssued } from './citizen-session.js';
import { identityFromClaims, type ProvenIdentity } from './identity-claims.js';
import { linkIdentity } from './link-identity.js';

const LOGIN_TTL_MS = 10 * 60_000;

function settings(ctx: AppContext) {
  const s = ctx.config.citizens.oidc;
  if (!s) throw citizenErrors.CITIZEN_OIDC_NOT_CONFIGURED();
  return s;
}

export const citizenRedirectUri = (ctx: AppContext): string =>
  settings(ctx).redirectUri ?? `${ctx.config.publicUrl}/api/v1/citizen/oidc/callback`;

async function configuration(ctx: AppContext): Promise<oidc.Configuration> {
  const s = settings(ctx);
  try {
    return await discoverOidc(s);
  } catch (err) {
    throw citizenErrors.CITIZEN_OIDC_UNREACHABLE({ reason: (err as Error).message });
  }
}

/** The provider's authorisation URL; the PKCE verifier and the nonce wait under the state for the callback. */
export async function beginCitizenOidc(ctx: AppContext, next?: string): Promise<string> {
  const s = settings(ctx);
  const config = await configuration(ctx);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const now = ctx.clock.now();
  await repo.deleteOidcLoginsBefore(ctx.db, new Date(now.getTime() - LOGIN_TTL_MS));
  await repo.insertOidcLogin(ctx.db, { state, code_verifier: codeVerifier, nonce, return_to: safeReturnTo(next), created_at: now });
  const params: Record<string, string> = {
    redirect_uri: citizenRedirectUri(ctx),
    scope: s.scopes,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  };
  if (s.acrValues) params.acr_values = s.acrValues;
  return oidc.buildAuthorizationUrl(config, params).href;
}

export async function completeCitizenOidc(ctx: AppContext, callbackUrl: URL, origin: RequestOrigin): Promise<CitizenSessionIssued & { next: string }> {
  const s = settings(ctx);
  const config = await configuration(ctx);
  const state = callbackUrl.searchParams.get('state') ?? '';
  const pending = state ? await repo.takeOidcLogin(ctx.db, state) : undefined;
  if (!pending || pending.created_at.getTime() < ctx.clock.now().getTime() - LOGIN_TTL_MS) {
    throw citizenErrors.CITIZEN_OIDC_FAILED({ reason: 'unknown or expired state' });
  }
  const identity = await provenIdentity(ctx, config, callbackUrl, pending, s.idNumberClaim);
  const session = await ctx.db.transaction().execute(async (trx) => {
    const citizen = await linkIdentity(ctx, trx, s.issuer, identity);
    return startCitizenSession(ctx, trx, citizen, { method: 'oidc', assurance: identity.acr }, origin);
  });
  return { ...session, next: pending.return_to ?? '/tai-khoan' };
}

async function provenIdentity(
  ctx: AppContext,
  config: oidc.Configuration,
  callbackUrl: URL,
  pending: { state: string; code_verifier: string; nonce: string },
  idNumberClaim: string,
): Promise<ProvenIdentity> {
  try {
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: pending.code_verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    // some providers put the identity only in the UserInfo answer; the ID token's claims win where both say something
    let info: Record<string, unknown> = {};
    if (tokens.access_token && config.serverMetadata().userinfo_endpoint) {
      info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
    }
    return identityFromClaims({ ...info, ...claims }, idNumberClaim, ctx.clock.now());
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('CITIZEN_')) throw err;
    throw citizenErrors.CITIZEN_OIDC_FAILED({ reason: (err as Error).message });
  }
}
