// OpenID Connect discovery, cached per (issuer, client) — shared by the officials' single sign-on and the
// citizens' identity provider. A failed discovery is forgotten, so the next sign-in tries again.
import * as oidc from 'openid-client';

export interface OidcClientSettings {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** Test and intranet providers over plain http. */
  allowHttp?: boolean;
}

const discovered = new Map<string, Promise<oidc.Configuration>>();

export function discoverOidc(s: OidcClientSettings): Promise<oidc.Configuration> {
  const key = `${s.issuer}|${s.clientId}`;
  let p = discovered.get(key);
  if (!p) {
    p = oidc.discovery(new URL(s.issuer), s.clientId, s.clientSecret, s.clientSecret ? undefined : oidc.None(), {
      execute: s.allowHttp ? [oidc.allowInsecureRequests] : [],
    });
    p.catch(() => discovered.delete(key));
    discovered.set(key, p);
  }
  return p;
}
