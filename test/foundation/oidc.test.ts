// Single sign-on against a real OpenID Connect provider (oidc-provider on 127.0.0.1, dev interactions,
// PKCE required): the browser's whole round trip, walked with a cookie-jar fetch.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
// @ts-expect-error oidc-provider 9 ships no type declarations
import Provider from 'oidc-provider';
import { startTestApp, type TestApp } from '../helpers.js';

const CLIENT_ID = 'motcua-test';
const CLIENT_SECRET = 'motcua-test-secret-0123456789abcdef';

let t: TestApp;
let idp: Server;
let issuer: string;

/** A minimal browser: one cookie jar for 127.0.0.1 (cookies ignore ports), manual redirects. */
class Browser {
  jar = new Map<string, string>();
  async fetch(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<{ url: string; res: Response; text: string }> {
    const headers: Record<string, string> = {};
    if (this.jar.size) headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await fetch(url, { method: init.method ?? 'GET', headers, body, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c) || /max-age=0\b/i.test(c)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return { url, res, text: await res.text() };
  }

  /** Follows redirects until a page that is not a redirect, or until `stopAt` matches the next URL. */
  async follow(url: string, init: { method?: string; form?: Record<string, string> } = {}, stopAt?: (u: string) => boolean) {
    let r = await this.fetch(url, init);
    for (let hops = 0; hops < 20 && r.res.status >= 300 && r.res.status < 400; hops++) {
      const next = new URL(r.res.headers.get('location')!, r.url).href;
      if (stopAt?.(next)) return { ...r, next };
      r = await this.fetch(next);
    }
    return { ...r, next: undefined as string | undefined };
  }
}

function formOf(html: string, pageUrl: string): { action: string; fields: Record<string, string> } {
  const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new Error(`no form in page:\n${html.slice(0, 500)}`);
  const fields: Record<string, string> = {};
  for (const m of form[2].matchAll(/<input[^>]*>/gi)) {
    const name = /name="([^"]+)"/.exec(m[0])?.[1];
    const value = /value="([^"]*)"/.exec(m[0])?.[1] ?? '';
    if (name) fields[name] = value;
  }
  return { action: new URL(form[1].replace(/&amp;/g, '&'), pageUrl).href, fields };
}

/** Login page → consent page → back to motcua's callback. Returns the callback URL (not yet visited). */
async function signInAtProvider(b: Browser, startUrl: string, login: string): Promise<string> {
  const stopAtApp = (u: string) => u.startsWith(t.url);
  const loginPage = await b.follow(startUrl, {}, stopAtApp);
  expect(loginPage.res.status).toBe(200);
  expect(loginPage.text).toMatch(/name="login"/);
  const lf = formOf(loginPage.text, loginPage.url);
  const consentPage = await b.follow(lf.action, { method: 'POST', form: { ...lf.fields, login, password: 'any' } }, stopAtApp);
  if (consentPage.next) return consentPage.next; // consent already given earlier in this browser
  expect(consentPage.text).toMatch(/value="consent"/);
  const cf = formOf(consentPage.text, consentPage.url);
  const back = await b.follow(cf.action, { method: 'POST', form: cf.fields }, stopAtApp);
  expect(back.next, 'the provider sends the browser back to motcua').toBeDefined();
  return back.next!;
}

beforeAll(async () => {
  // The provider needs motcua's redirect URI and motcua needs the issuer: reserve the provider's port first.
  idp = createServer();
  await new Promise<void>((r) => idp.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  t = await startTestApp({
    env: {
      MOTCUA_OIDC_ISSUER: issuer,
      MOTCUA_OIDC_CLIENT_ID: CLIENT_ID,
      MOTCUA_OIDC_CLIENT_SECRET: CLIENT_SECRET,
      MOTCUA_OIDC_ALLOW_HTTP: '1',
    },
  });
  // the provider warns about its development-only defaults (memory adapter, dev keys, dev interactions)
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${t.url}/api/v1/auth/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    // demo officials are linked to subjects 'sso-<username>'; any other login is an unknown subject
    findAccount: (_ctx: unknown, id: string) => ({ accountId: id, claims: () => ({ sub: id, name: `SSO ${id}` }) }),
    cookies: { keys: ['test-cookie-key-0123456789'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  } as any);
  warn.mockRestore();
  provider.proxy = false;
  idp.on('request', provider.callback());
});

afterAll(async () => {
  await t?.close();
  await new Promise<void>((r) => (idp ? idp.close(() => r()) : r()));
});

describe('OIDC single sign-on', () => {
  it('walks login → provider login + consent → callback → session; /me shows the linked official', async () => {
    const b = new Browser();
    const start = await b.fetch(`${t.url}/api/v1/auth/oidc/login?returnTo=${encodeURIComponent('/api/v1/auth/me')}`);
    expect(start.res.status).toBe(302);
    const authorize = new URL(start.res.headers.get('location')!);
    expect(authorize.origin).toBe(issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toBeTruthy();
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${t.url}/api/v1/auth/oidc/callback`);
    expect(authorize.searchParams.get('state')).toBeTruthy();

    const callback = await signInAtProvider(b, authorize.href, 'sso-demo.chuyenvien');
    expect(callback).toContain('/api/v1/auth/oidc/callback?');
    expect(new URL(callback).searchParams.get('code')).toBeTruthy();

    const cb = await b.fetch(callback);
    expect(cb.res.status).toBe(302);
    expect(cb.res.headers.get('location')).toBe('/api/v1/auth/me');
    const cookie = cb.res.headers.getSetCookie().find((c) => c.startsWith('motcua_session='));
    expect(cookie).toMatch(/HttpOnly/i);

    const me = await b.fetch(`${t.url}/api/v1/auth/me`);
    expect(me.res.status).toBe(200);
    const body = JSON.parse(me.text);
    expect(body.username).toBe('demo.chuyenvien');
    expect(body.roles.map((r: any) => [r.role, r.agencyCode])).toEqual([['handler', '000.00.02.H56']]);
    expect(body.csrfToken).toBeTruthy();

    const { rows } = await t.ctx.database.pool.query(
      `SELECT s.auth_method FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'demo.chuyenvien'`,
    );
    expect(rows.map((r) => r.auth_method)).toContain('oidc');
    const audit = await t.ctx.database.pool.query(`SELECT details FROM audit_log WHERE action = 'auth.login' AND actor_label = 'demo.chuyenvien'`);
    expect(audit.rows.some((r) => r.details.method === 'oidc')).toBe(true);

    // the state is single-use: replaying the callback fails
    const replay = await b.fetch(callback);
    expect(replay.res.status).toBe(400);
    expect(JSON.parse(replay.text).code).toBe('OIDC_FAILED');
  });

  it('refuses a provider subject that is not linked to any official: 403 OIDC_UNKNOWN_USER, audited', async () => {
    const b = new Browser();
    const start = await b.fetch(`${t.url}/api/v1/auth/oidc/login`);
    const callback = await signInAtProvider(b, new URL(start.res.headers.get('location')!).href, 'sso-nobody.here');
    const cb = await b.fetch(callback);
    expect(cb.res.status).toBe(403);
    expect(cb.res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(JSON.parse(cb.text).code).toBe('OIDC_UNKNOWN_USER');
    expect(cb.res.headers.getSetCookie().some((c) => c.startsWith('motcua_session='))).toBe(false);
    const { rows } = await t.ctx.database.pool.query(`SELECT action, details FROM audit_log WHERE actor_label = 'oidc:sso-nobody.here'`);
    expect(rows).toEqual([{ action: 'auth.login_failed', details: { reason: 'unlinked_oidc_subject' } }]);
  });

  it('refuses a disabled official even when the subject is linked', async () => {
    await t.ctx.database.pool.query(`UPDATE users SET active = false WHERE username = 'demo.vanthu'`);
    const b = new Browser();
    const start = await b.fetch(`${t.url}/api/v1/auth/oidc/login`);
    const callback = await signInAtProvider(b, new URL(start.res.headers.get('location')!).href, 'sso-demo.vanthu');
    const cb = await b.fetch(callback);
    expect(cb.res.status).toBe(403);
    expect(JSON.parse(cb.text).code).toBe('OIDC_UNKNOWN_USER');
  });

  it('refuses a tampered or unknown state with 400 OIDC_FAILED', async () => {
    const b = new Browser();
    const start = await b.fetch(`${t.url}/api/v1/auth/oidc/login`);
    const callback = new URL(await signInAtProvider(b, new URL(start.res.headers.get('location')!).href, 'sso-demo.lanhdao'));
    callback.searchParams.set('state', callback.searchParams.get('state')!.slice(0, -2) + 'xx');
    const tampered = await b.fetch(callback.href);
    expect(tampered.res.status).toBe(400);
    expect(tampered.res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(JSON.parse(tampered.text).code).toBe('OIDC_FAILED');

    for (const q of ['', '?state=unknown&code=abc', '?code=abc', '?error=access_denied&state=x']) {
      const r = await t.client().get(`/api/v1/auth/oidc/callback${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.code).toBe('OIDC_FAILED');
    }
  });

  it('refuses a real state with a forged code', async () => {
    const b = new Browser();
    const start = await b.fetch(`${t.url}/api/v1/auth/oidc/login`);
    const state = new URL(start.res.headers.get('location')!).searchParams.get('state')!;
    const r = await t.client().get(`/api/v1/auth/oidc/callback?code=forged-code&state=${state}&iss=${encodeURIComponent(issuer)}`);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('OIDC_FAILED');
  });

  it('does not redirect off-site after login (returnTo must be a local path)', async () => {
    const b = new Browser();
    const start = await b.fetch(`${t.url}/api/v1/auth/oidc/login?returnTo=${encodeURIComponent('//evil.example/x')}`);
    const callback = await signInAtProvider(b, new URL(start.res.headers.get('location')!).href, 'sso-demo.tiepnhan');
    const cb = await b.fetch(callback);
    expect(cb.res.status).toBe(302);
    expect(cb.res.headers.get('location')).toBe('/');
  });
});

describe('OIDC not configured', () => {
  it('answers 404 OIDC_NOT_CONFIGURED on login and callback', async () => {
    const plain = await startTestApp();
    try {
      for (const path of ['/api/v1/auth/oidc/login', '/api/v1/auth/oidc/callback?code=x&state=y']) {
        const r = await plain.client().get(path);
        expect(r.status, path).toBe(404);
        expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
        expect(r.body.code).toBe('OIDC_NOT_CONFIGURED');
      }
    } finally {
      await plain.close();
    }
  });
});
