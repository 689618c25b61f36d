// Issue 12 item 9: security headers (CSP on the web app, framing only by this site, Referrer-Policy), the
// session cookie (a session cookie, Secure behind https), Origin checked on cookie-authenticated writes,
// and authentication decided before body validation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type HttpClient, type TestApp } from '../helpers.js';

let t: TestApp;
let official: HttpClient;
beforeAll(async () => {
  t = await startTestApp();
  official = await t.login('demo.tiepnhan');
});
afterAll(async () => t?.close());

describe('security headers', () => {
  it('the web app has a CSP without inline scripts, may be framed by this site only, and leaks no referrer', async () => {
    const r = await t.client().get('/ho-so');
    expect(r.status).toBe(200);
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests'); // plain http here
    expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(r.headers.get('referrer-policy')).toBe('same-origin');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('strict-transport-security')).toBeNull();
  });

  it('API answers carry the same framing and referrer headers', async () => {
    const r = await official.get('/api/v1/auth/me');
    expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(r.headers.get('referrer-policy')).toBe('same-origin');
    const docs = await t.client().get('/docs/');
    expect(docs.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

describe('session cookie', () => {
  const sessionCookie = (r: { headers: Headers }) => r.headers.getSetCookie().find((c) => c.startsWith('motcua_session='))!;

  it('is a session cookie: HttpOnly, SameSite=Lax, no Expires or Max-Age; not Secure on plain http', async () => {
    const r = await t.client().post('/api/v1/auth/login', { username: 'demo.vanthu', password: 'motcua-demo' });
    const c = sessionCookie(r);
    expect(c).toMatch(/HttpOnly/i);
    expect(c).toMatch(/SameSite=Lax/i);
    expect(c).not.toMatch(/Expires=|Max-Age=/i);
    expect(c).not.toMatch(/;\s*Secure/i);
  });

  it('is Secure whenever the public URL is https, and HSTS is sent', async () => {
    const https = await startTestApp({ env: { MOTCUA_PUBLIC_URL: 'https://motcua.thanhhoa.gov.vn' } });
    try {
      const r = await https.client().post('/api/v1/auth/login', { username: 'demo.vanthu', password: 'motcua-demo' });
      expect(sessionCookie(r)).toMatch(/;\s*Secure/i);
      expect(r.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      const page = await https.client().get('/');
      expect(page.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    } finally {
      await https.close();
    }
  });
});

describe('Origin on cookie-authenticated writes', () => {
  it('refuses a write from another site with 403 ORIGIN_REFUSED, and changes nothing', async () => {
    const c = await t.login('demo.vanthu');
    const foreign: Array<Record<string, string>> = [{ origin: 'https://evil.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }];
    for (const h of foreign) {
      const r = await c.post('/api/v1/auth/logout', undefined, h);
      expect(r.status, JSON.stringify(h)).toBe(403);
      expect(r.body.code).toBe('ORIGIN_REFUSED');
    }
    expect((await c.get('/api/v1/auth/me')).status).toBe(200); // still signed in
    expect((await c.post('/api/v1/auth/logout', undefined, { origin: t.url, 'sec-fetch-site': 'same-origin' })).status).toBe(204);
  });

  it('a bearer token carries no ambient credentials: Origin does not matter', async () => {
    const admin = await t.login('demo.admin');
    const { rows } = await t.ctx.database.pool.query(`SELECT id FROM users WHERE username = 'demo.lienthong'`);
    const tok = await admin.post('/api/v1/tokens', { userId: rows[0].id, name: 'origin', scopes: ['*'] });
    const c = t.client();
    c.headers.authorization = `Bearer ${tok.body.token}`;
    const r = await c.post('/api/v1/dossiers', {}, { origin: 'https://lgsp.example' });
    expect(r.status).toBe(400); // reached validation
  });
});

describe('authentication before validation', () => {
  it('signed out, protected routes answer 401 whatever the body, query or content type', async () => {
    const anon = t.client();
    const calls: Array<[string, Promise<{ status: number; body: any }>]> = [
      ['invalid JSON', anon.request('POST', '/api/v1/dossiers', '{"x": ', { 'content-type': 'application/json' })],
      ['empty object', anon.post('/api/v1/users', {})],
      ['bad query', anon.get('/api/v1/dossiers?page=abc&pageSize=-1')],
      ['bad param', anon.patch('/api/v1/users/not-a-uuid', {})],
      ['wrong content type', anon.request('POST', '/api/v1/tokens', '<x/>', { 'content-type': 'application/xml' })],
      ['multipart', anon.request('POST', '/api/v1/files', 'garbage', { 'content-type': 'multipart/form-data' })],
    ];
    for (const [label, call] of calls) {
      const r = await call;
      expect(r.status, label).toBe(401);
      expect(r.body.code, label).toBe('UNAUTHENTICATED');
    }
  });

  it('the public routes still answer signed-out callers (and validate their input)', async () => {
    const anon = t.client();
    expect((await anon.get('/api/v1/procedures?q=khai%20sinh')).status).toBe(200);
    expect((await anon.get('/api/v1/agencies')).status).toBe(200);
    expect((await anon.get('/api/v1/admin-units?q=H%E1%BA%A1c')).status).toBe(200);
    expect((await anon.get('/api/v1/auth/options')).status).toBe(200);
    expect((await anon.get('/api/v1/public/dossiers/X?secret=')).status).toBe(400);
    expect((await anon.post('/api/v1/auth/login', {})).status).toBe(400);
  });
});
