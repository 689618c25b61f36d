// Issue 12 item 1: the scope a token needs follows the route that matched, for every operation of
// /openapi.json, whatever the spelling of the URL (percent-encoded letters anywhere, odd case, extra slashes).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type HttpClient, type TestApp } from '../helpers.js';
import { areaOf, fillPath, operations, type Operation } from './openapi-ops.js';

let t: TestApp;
let admin: HttpClient;
let ops: Operation[];
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('demo.admin');
  ops = await operations(admin);
});
afterAll(async () => t?.close());

async function bearer(scopes: string[]): Promise<HttpClient> {
  const { rows } = await t.ctx.database.pool.query(`SELECT id FROM users WHERE username = 'demo.lienthong'`);
  const created = await admin.post('/api/v1/tokens', { userId: rows[0].id, name: `matrix ${scopes.join(',')}`, scopes });
  expect(created.status).toBe(201);
  const c = t.client();
  c.headers.authorization = `Bearer ${created.body.token}`;
  return c;
}

const pct = (ch: string, upper: boolean) => {
  const hex = ch.charCodeAt(0).toString(16);
  return `%${upper ? hex.toUpperCase() : hex}`;
};
const encodeAll = (s: string, upper: boolean) => [...s].map((c) => pct(c, upper)).join('');

/** Spellings of the same URL that the router decodes to the canonical route. */
function encodedVariants(url: string): string[] {
  const m = /^\/api\/v1\/([a-z-]+)(.*)$/.exec(url);
  if (!m) return [];
  const [, area, rest] = m;
  return [
    `/api/v1/${pct(area[0], false)}${area.slice(1)}${rest}`,
    `/api/v1/${encodeAll(area, true)}${rest}`,
    `/${pct('a', false)}pi/v1/${area}${rest}`,
    `/api/${encodeAll('v1', false)}/${area}${rest}`,
    `/${encodeAll('api', true)}/${encodeAll('v1', true)}/${encodeAll(area, false)}${rest}`,
  ];
}

/** Spellings that name no route (case, slashes): 404, never the route and never the web app. */
function strayVariants(url: string): string[] {
  const m = /^\/api\/v1\/([a-z-]+)(.*)$/.exec(url);
  if (!m) return [];
  const [, area, rest] = m;
  return [
    `/API/v1/${area}${rest}`,
    `/api/V1/${area}${rest}`,
    `/api/v1/${area[0].toUpperCase()}${area.slice(1)}${rest}`,
    `//api/v1/${area}${rest}`,
    `/api//v1/${area}${rest}`,
    `/${pct('A', true)}PI/v1/${area}${rest}`,
  ];
}

const send = (c: HttpClient, method: string, url: string) =>
  c.request(method, url, method === 'GET' || method === 'DELETE' ? undefined : {});

const concrete = (o: Operation) => fillPath(o.path, () => 'X');
const isScopeRefusal = (r: { status: number; body: any }) => r.status === 403 && r.body?.code === 'TOKEN_SCOPE';

describe('token scopes × every operation', () => {
  it('the document lists operations of every area', () => {
    const areas = new Set(ops.map((o) => areaOf(o.path)).filter(Boolean));
    expect(ops.length).toBeGreaterThan(60);
    for (const a of ['dossiers', 'procedures', 'files', 'agencies', 'users', 'tokens', 'reports', 'calendar', 'audit']) expect(areas).toContain(a);
  });

  it('a token of another area is refused with 403 TOKEN_SCOPE on every operation and every encoded spelling', async () => {
    const other = await bearer(['nothing-here:write']);
    const failures: string[] = [];
    for (const o of ops) {
      if (!areaOf(o.path)) continue;
      const url = concrete(o);
      for (const u of [url, ...encodedVariants(url)]) {
        const r = await send(other, o.method, u);
        if (!isScopeRefusal(r)) failures.push(`${o.method} ${u} → ${r.status} ${r.body?.code ?? ''}`);
      }
      for (const u of strayVariants(url)) {
        const r = await send(other, o.method, u);
        if (r.status !== 404 && !isScopeRefusal(r)) failures.push(`${o.method} ${u} → ${r.status} ${r.body?.code ?? ''}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('<area>:read opens the area\'s reads only, <area>:write its reads and writes, on every spelling', async () => {
    const areas = [...new Set(ops.map((o) => areaOf(o.path)).filter((a): a is string => !!a))];
    const failures: string[] = [];
    for (const area of areas) {
      const reader = await bearer([`${area}:read`]);
      const writer = await bearer([`${area}:write`]);
      for (const o of ops.filter((x) => areaOf(x.path) === area)) {
        const url = concrete(o);
        for (const u of [url, ...encodedVariants(url)]) {
          const r = await send(reader, o.method, u);
          const refused = isScopeRefusal(r);
          if (refused !== (o.method !== 'GET')) failures.push(`read token ${o.method} ${u} → ${r.status} ${r.body?.code ?? ''}`);
          const w = await send(writer, o.method, u);
          if (isScopeRefusal(w)) failures.push(`write token ${o.method} ${u} → 403 TOKEN_SCOPE`);
          if (w.status >= 500) failures.push(`write token ${o.method} ${u} → ${w.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('operations outside the areas (auth, health) need no scope', async () => {
    const other = await bearer(['nothing-here:read']);
    expect((await other.get('/api/v1/auth/me')).status).toBe(200);
    expect((await other.get('/api/v1/%61uth/me')).status).toBe(200);
    expect((await other.get('/health')).status).toBe(200);
  });

  it('the web app never answers an API-looking path, whatever its case or encoding', async () => {
    for (const u of ['/API/v1/dossiers', '/%61pi/v1/no-such-route', '/Api/v1/x', '/ASSETS/missing.js']) {
      const r = await t.client().get(u);
      expect(r.status, u).toBe(404);
      expect(r.headers.get('content-type'), u).toContain('problem+json');
    }
    expect((await t.client().get('/ho-so/tiep-nhan')).status).toBe(200);
  });
});
