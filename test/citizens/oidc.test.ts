// Citizen sign-in through a national-identity kind of provider: a real oidc-provider on 127.0.0.1 with PKCE
// required and its own interaction endpoint that signs the person in at an assurance level (acr). The whole
// browser round trip with a cookie-jar fetch; a wrong or replayed state, a wrong nonce and a wrong PKCE
// verifier are refused; the acr becomes the session's assurance; the identity fields are the provider's.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
// @ts-expect-error oidc-provider 9 ships no type declarations
import Provider from 'oidc-provider';
import { startTestApp, type TestApp } from '../helpers.js';

const CLIENT_ID = 'motcua-citizen';
const CLIENT_SECRET = 'motcua-citizen-secret-0123456789abcdef';
const LOA2 = 'urn:vn:vneid:loa:2';

let t: TestApp;
let idp: Server;
let issuer: string;
let provider: any;
/** Who the next sign-in at the provider is, and at what level. */
const person = { accountId: 'vneid-0001', acr: LOA2 };
const PEOPLE: Record<string, Record<string, string>> = {
  'vneid-0001': { name: 'Nguyễn Văn An', birthdate: '1990-05-01', id_number: '038090012345' },
  'vneid-0002': { name: 'Trần Thị Bình', birthdate: '1985-02-28', id_number: '001185009876' },
  // a new subject for the first person (the provider re-issued it): found by the proven ID number
  'vneid-0001-new': { name: 'Nguyễn Văn An', birthdate: '1990-05-01', id_number: '038090012345' },
};

class Browser {
  jar = new Map<string, string>();
  async fetch(url: string): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.jar.size) headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { headers, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const value = pair!.slice(eq + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.jar.delete(pair!.slice(0, eq));
      else this.jar.set(pair!.slice(0, eq), value);
    }
    return res;
  }

  /** From the provider's authorisation URL to motcua's callback URL (not visited). */
  async throughProvider(authorizeUrl: string): Promise<string> {
    let url = authorizeUrl;
    for (let hops = 0; hops < 20; hops++) {
      if (url.startsWith(t.url)) return url;
      const res = await this.fetch(url);
      await res.text();
      expect([302, 303], `redirect at ${url}`).toContain(res.status);
      url = new URL(res.headers.get('location')!, url).href;
    }
    throw new Error('the provider never sent the browser back');
  }
}

/** The provider's login + consent: the person signs in at `person.acr` and consents to the scopes asked for. */
async function interaction(req: IncomingMessage, res: ServerResponse) {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'login') {
    await provider.interactionFinished(req, res, { login: { accountId: person.accountId, acr: person.acr } }, { mergeWithLastSubmission: false });
    return;
  }
  const grant = new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
  grant.addOIDCScope(details.params.scope);
  if (details.prompt.details.missingOIDCClaims) grant.addOIDCClaims(details.prompt.details.missingOIDCClaims);
  await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
}

beforeAll(async () => {
  idp = createServer();
  await new Promise<void>((r) => idp.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  t = await startTestApp({
    env: {
      MOTCUA_CITIZEN_OIDC_ISSUER: issuer,
      MOTCUA_CITIZEN_OIDC_CLIENT_ID: CLIENT_ID,
      MOTCUA_CITIZEN_OIDC_CLIENT_SECRET: CLIENT_SECRET,
      MOTCUA_CITIZEN_OIDC_ALLOW_HTTP: '1',
      MOTCUA_CITIZEN_OIDC_SCOPES: 'openid profile',
      MOTCUA_CITIZEN_OIDC_ACR_VALUES: LOA2,
    },
  });
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  provider = new Provider(issuer, {
    clients: [{
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uris: [`${t.url}/api/v1/citizen/oidc/callback`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    }],
    pkce: { required: () => true },
    acrValues: [LOA2, 'urn:vn:vneid:loa:1'],
    claims: { openid: ['sub'], profile: ['name', 'birthdate', 'id_number'] },
    conformIdTokenClaims: false, // the identity travels in the ID token, as national identity providers do
    interactions: { url: (_ctx: unknown, i: { uid: string }) => `/interaction/${i.uid}` },
    findAccount: (_ctx: unknown, id: string) => ({ accountId: id, claims: () => ({ sub: id, ...PEOPLE[id] }) }),
    cookies: { keys: ['test-cookie-key-0123456789'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  } as any);
  warn.mockRestore();
  const callback = provider.callback();
  idp.on('request', (req, res) => (req.url!.startsWith('/interaction/') ? interaction(req, res).catch((e) => { res.statusCode = 500; res.end(String(e)); }) : callback(req, res)));
});

afterAll(async () => {
  await t?.close();
  await new Promise<void>((r) => (idp ? idp.close(() => r()) : r()));
});

async function startAt(b: Browser, next = '/tai-khoan'): Promise<URL> {
  const start = await b.fetch(`${t.url}/api/v1/citizen/oidc/start?next=${encodeURIComponent(next)}`);
  expect(start.status).toBe(302);
  return new URL(start.headers.get('location')!);
}

const citizenRow = (id: string) => t.ctx.db.selectFrom('citizens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('citizen sign-in through the identity provider', () => {
  let firstId: string;

  it('walks start → provider (PKCE, state, nonce, acr_values) → callback → citizen session at the provider\'s acr', async () => {
    const b = new Browser();
    const authorize = await startAt(b);
    expect(authorize.origin).toBe(issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(authorize.searchParams.get('acr_values')).toBe(LOA2);
    expect(authorize.searchParams.get('scope')).toBe('openid profile');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${t.url}/api/v1/citizen/oidc/callback`);

    const callback = await b.throughProvider(authorize.href);
    const cb = await b.fetch(callback);
    expect(cb.status).toBe(302);
    expect(cb.headers.get('location')).toBe('/tai-khoan');
    expect(b.jar.has('motcua_citizen')).toBe(true);
    const me = await (await b.fetch(`${t.url}/api/v1/citizen/session`)).json();
    expect(me).toMatchObject({ signedIn: true, citizen: { name: 'Nguyễn Văn An', assurance: LOA2, method: 'oidc' } });
    firstId = me.citizen.id;
    const row = await citizenRow(firstId);
    expect(row).toMatchObject({ full_name: 'Nguyễn Văn An', id_number: '038090012345', birth_date: '1990-05-01', oidc_issuer: issuer, oidc_subject: 'vneid-0001' });
    expect(row.identity_verified_at).not.toBeNull();
  });

  it('finds the same account by subject, then by the proven ID number under a new subject', async () => {
    person.acr = 'urn:vn:vneid:loa:1';
    const b = new Browser();
    await b.fetch(await b.throughProvider((await startAt(b, '/tra-cuu')).href)).then((r) => expect(r.headers.get('location')).toBe('/tra-cuu'));
    const me = await (await b.fetch(`${t.url}/api/v1/citizen/session`)).json();
    expect(me.citizen).toMatchObject({ id: firstId, assurance: 'urn:vn:vneid:loa:1' });

    person.accountId = 'vneid-0001-new';
    person.acr = LOA2;
    const b2 = new Browser();
    await b2.fetch(await b2.throughProvider((await startAt(b2)).href));
    const me2 = await (await b2.fetch(`${t.url}/api/v1/citizen/session`)).json();
    expect(me2.citizen.id).toBe(firstId);
    expect((await citizenRow(firstId)).oidc_subject).toBe('vneid-0001-new');

    person.accountId = 'vneid-0002';
    const b3 = new Browser();
    await b3.fetch(await b3.throughProvider((await startAt(b3)).href));
    const me3 = await (await b3.fetch(`${t.url}/api/v1/citizen/session`)).json();
    expect(me3.citizen.id).not.toBe(firstId);
    expect(me3.citizen.name).toBe('Trần Thị Bình');
  });

  it('refuses a wrong state and a replayed callback, and opens no session', async () => {
    const b = new Browser();
    const callback = new URL(await b.throughProvider((await startAt(b)).href));
    const forged = new URL(callback);
    forged.searchParams.set('state', 'not-the-state');
    const r = await b.fetch(forged.href);
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe('/dang-nhap?error=CITIZEN_OIDC_FAILED');
    expect(b.jar.has('motcua_citizen')).toBe(false);

    expect((await b.fetch(callback.href)).headers.get('location')).toBe('/tai-khoan');
    b.jar.delete('motcua_citizen');
    const replay = await b.fetch(callback.href);
    expect(replay.headers.get('location')).toBe('/dang-nhap?error=CITIZEN_OIDC_FAILED');
    expect(b.jar.has('motcua_citizen')).toBe(false);
  });

  it('refuses an ID token whose nonce is not the one sent, and a code redeemed with another PKCE verifier', async () => {
    for (const column of ['nonce', 'code_verifier'] as const) {
      const b = new Browser();
      const authorize = await startAt(b);
      const state = authorize.searchParams.get('state')!;
      const callback = await b.throughProvider(authorize.href);
      await t.ctx.db.updateTable('citizen_oidc_logins').set({ [column]: column === 'nonce' ? 'another-nonce' : 'x'.repeat(43) }).where('state', '=', state).execute();
      const r = await b.fetch(callback);
      expect(r.headers.get('location'), column).toBe('/dang-nhap?error=CITIZEN_OIDC_FAILED');
      expect(b.jar.has('motcua_citizen')).toBe(false);
    }
  });

  it('says in the session answer that the identity provider is offered, and under which name', async () => {
    const s = await t.client().get('/api/v1/citizen/session');
    expect(s.body).toMatchObject({ signedIn: false, signInOptions: { identityProvider: { label: 'VNeID' } } });
  });
});
