// Every route in /openapi.json gets bad input (missing/invalid body, wrong types, junk query and path
// parameters, invalid JSON, wrong content type), signed out and as demo.admin: never a 500, every 4xx
// is application/problem+json with a code and a Vietnamese title, and 400s name the failing field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasMessage } from '../../src/platform/i18n/messages.js';
import { HttpClient, startTestApp, type Res, type TestApp } from '../helpers.js';

const BODY_LIMIT = 4096;
let t: TestApp;
let spec: any;

beforeAll(async () => {
  t = await startTestApp({ env: { MOTCUA_BODY_LIMIT_BYTES: String(BODY_LIMIT) } });
  spec = (await t.client().get('/openapi.json')).body;
});
afterAll(async () => t?.close());

const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

interface Op {
  method: string;
  path: string;
  params: Array<{ name: string; in: string; schema: any; required?: boolean }>;
  body?: any;
}

function operations(): Op[] {
  const ops: Op[] = [];
  for (const [path, item] of Object.entries<any>(spec.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      ops.push({ method: method.toUpperCase(), path, params: op.parameters ?? [], body: op.requestBody?.content?.['application/json']?.schema });
    }
  }
  // logout ends the admin's session: run it last
  return ops.sort((a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')));
}

/** A value of the wrong type for a JSON schema. */
function wrongValue(schema: any): unknown {
  const types: string[] = [schema?.type, ...(schema?.anyOf ?? []).map((s: any) => s.type)].flat().filter(Boolean);
  if (schema?.enum) return 'zzz-not-in-enum';
  if (types.includes('string')) return 12345;
  if (types.includes('array')) return 'not-an-array';
  return 'abc';
}

function junkParam(p: { name: string; schema: any }): string {
  const s = p.schema ?? {};
  if (s.format === 'uuid' || /uuid/i.test(s.pattern ?? '')) return 'not-a-uuid';
  if (s.pattern) return 'junk value';
  return "KHÔNG-CÓ 'x\"<>";
}

/** A well-formed value (so that validation reaches the body and the query string). */
function validParam(p: { name: string; schema: any }): string | undefined {
  const s = p.schema ?? {};
  if (s.format === 'uuid' || /uuid/i.test(s.pattern ?? '')) return '00000000-0000-4000-8000-000000000000';
  if (s.enum) return String(s.enum[0]);
  if (s.type === 'integer' || s.type === 'number') return String(s.minimum ?? 1);
  const candidates = ['00001', '38', '000.00.02.H56', '1.000001', 'x'];
  return s.pattern ? candidates.find((c) => new RegExp(s.pattern).test(c)) : '000.00.02.H56';
}

/** Whether well-formed path parameters can be made up for the operation (so the body and query get validated). */
const paramsReachable = (op: Op) => op.params.filter((p) => p.in === 'path').every((p) => validParam(p) !== undefined);

function fill(path: string, op: Op, override: Record<string, string> = {}, valid = false): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const p = op.params.find((x) => x.name === name && x.in === 'path')!;
    if (override[name] === '%zz') return '%zz'; // a malformed escape, sent as is
    return encodeURIComponent(override[name] ?? (valid ? validParam(p) ?? junkParam(p) : junkParam(p)));
  });
}

interface Variant {
  label: string;
  url: string;
  body?: string;
  headers?: Record<string, string>;
  /** a field whose path must appear in `errors` when the answer is 400 VALIDATION_FAILED */
  field?: string;
}

function variants(op: Op): Variant[] {
  const junk = fill(op.path, op);
  const reach = paramsReachable(op);
  const base = fill(op.path, op, {}, true);
  const out: Variant[] = [];
  const hasBody = op.method !== 'GET';
  out.push({ label: 'no body, junk path params', url: junk });
  const pathParams = op.params.filter((p) => p.in === 'path');
  for (const p of pathParams) {
    out.push({ label: `path ${p.name} junk`, url: fill(op.path, op, { [p.name]: junkParam(p) }, true), field: p.schema?.pattern || p.schema?.format ? `params.${p.name}` : undefined });
    out.push({ label: `path ${p.name} too long`, url: fill(op.path, op, { [p.name]: 'x'.repeat(600) }, true) });
    out.push({ label: `path ${p.name} malformed escape`, url: fill(op.path, op, { [p.name]: '%zz' }, true) });
    out.push({ label: `path ${p.name} well-formed`, url: base });
    out.push({ label: `path ${p.name} NUL character`, url: fill(op.path, op, { [p.name]: 'a\u0000b' }, true), field: `params.${p.name}` });
  }
  const query = op.params.filter((p) => p.in === 'query');
  out.push({ label: 'undeclared junk query', url: `${base}?junk=%zz&__proto__=1&page[x]=1` });
  for (const p of query) {
    const s = p.schema ?? {};
    const v = s.enum ? 'zzz' : s.type === 'integer' || s.type === 'number' ? 'abc' : s.pattern ? 'no match!' : 'x'.repeat(600);
    out.push({ label: `query ${p.name}=${v.slice(0, 10)}`, url: `${base}?${p.name}=${encodeURIComponent(v)}`, field: reach ? `querystring.${p.name}` : undefined });
    out.push({ label: `query ${p.name} repeated`, url: `${base}?${p.name}=1&${p.name}=2` });
    out.push({ label: `query ${p.name} NUL character`, url: `${base}?${p.name}=a%00b`, field: reach ? `querystring.${p.name}` : undefined });
  }
  if (hasBody) {
    const json = { 'content-type': 'application/json' };
    out.push({ label: 'invalid JSON text', url: base, body: '{"username": "a", ', headers: json });
    out.push({ label: 'empty JSON body', url: base, body: '', headers: json });
    out.push({ label: 'wrong content type', url: base, body: '<xml/>', headers: { 'content-type': 'application/xml' } });
    out.push({ label: 'text/plain body', url: base, body: 'hello', headers: { 'content-type': 'text/plain' } });
    out.push({ label: 'form body', url: base, body: 'a=1&b=2', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }
  if (op.body) {
    const json = { 'content-type': 'application/json' };
    for (const [label, body] of [['JSON null', 'null'], ['JSON array', '[]'], ['JSON string', '"x"'], ['JSON number', '42'], ['empty object', '{}']]) {
      out.push({ label, url: base, body, headers: json });
    }
    for (const [name, schema] of Object.entries<any>(op.body.properties ?? {})) {
      out.push({ label: `body ${name} wrong type`, url: base, body: JSON.stringify({ [name]: wrongValue(schema) }), headers: json, field: reach ? `body.${name}` : undefined });
      const nul = schema.type === 'array' ? ['a\u0000b'] : schema.type === 'string' || schema.anyOf ? 'a\u0000b' : undefined;
      if (nul) out.push({ label: `body ${name} NUL character`, url: base, body: JSON.stringify({ [name]: nul }), headers: json, field: reach ? `body.${name}` : undefined });
    }
  }
  return out;
}

function check(r: Res, label: string, lang: 'vi' | 'en' = 'vi'): string[] {
  const problems: string[] = [];
  if (r.status >= 500) problems.push(`${label}: ${r.status} ${JSON.stringify(r.body)}`);
  if (r.status >= 400 && r.status < 500) {
    const ct = r.headers.get('content-type') ?? '';
    if (!ct.startsWith('application/problem+json')) problems.push(`${label}: content-type ${ct}`);
    const b = r.body ?? {};
    if (typeof b.code !== 'string' || !hasMessage(b.code)) problems.push(`${label}: code ${b.code} has no message`);
    if (typeof b.title !== 'string' || b.title === b.code) problems.push(`${label}: title ${b.title}`);
    else if (lang === 'vi' && !VIETNAMESE.test(b.title)) problems.push(`${label}: title not Vietnamese: ${b.title}`);
    if (b.status !== r.status) problems.push(`${label}: body.status ${b.status} ≠ ${r.status}`);
    if (r.status === 400) {
      const errors = b.errors;
      if (!Array.isArray(errors) || errors.length === 0) problems.push(`${label}: 400 ${b.code} without errors`);
      else {
        for (const e of errors) {
          if (typeof e.path !== 'string' || !/^(body|querystring|params|headers)\b/.test(e.path)) problems.push(`${label}: bad error path ${JSON.stringify(e)}`);
          if (typeof e.message !== 'string' || !e.message) problems.push(`${label}: error without message ${JSON.stringify(e)}`);
        }
      }
    }
  }
  return problems;
}

/** request ids of every write the sweeps got refused */
const refusedWrites: string[] = [];

async function sweep(c: HttpClient, who: string, skip: (op: Op) => boolean = () => false): Promise<{ problems: string[]; statuses: Map<string, number> }> {
  const problems: string[] = [];
  const statuses = new Map<string, number>();
  for (const op of operations().filter((o) => !skip(o))) {
    for (const v of variants(op)) {
      const label = `${who} ${op.method} ${op.path} [${v.label}]`;
      const r = await c.request(op.method, v.url, v.body, v.headers);
      statuses.set(label, r.status);
      if (op.method !== 'GET' && r.status >= 400) refusedWrites.push(r.headers.get('x-request-id')!);
      problems.push(...check(r, label));
      // authentication comes before validation: signed out (or once logout has ended the session), a
      // protected route answers 401 whatever the input, so the input-specific answers below do not apply
      if (r.status === 401 && r.body?.code === 'UNAUTHENTICATED' && (who === 'anon' || op.path.endsWith('/logout'))) continue;
      // the public routes share one allowance per address (now a dozen of them): once the sweep has used it, a
      // 429 problem (checked above) comes before validation too
      if (r.status === 429 && r.body?.code === 'RATE_LIMITED' && (op.path.startsWith('/api/v1/public/') || op.path.startsWith('/api/v1/citizen/'))) continue;
      if (v.field && r.status === 400 && r.body?.code === 'VALIDATION_FAILED') {
        const paths = (r.body.errors ?? []).map((e: any) => e.path);
        if (!paths.some((p: string) => p === v.field || p.startsWith(`${v.field}.`))) problems.push(`${label}: errors ${JSON.stringify(paths)} do not name ${v.field}`);
      }
      if (v.label.includes('wrong type') && r.status !== 400) problems.push(`${label}: wrong body type answered ${r.status}`);
      if (v.label === 'invalid JSON text' && r.status !== 400) problems.push(`${label}: invalid JSON answered ${r.status}`);
      if (v.label === 'wrong content type' && r.status !== 415) problems.push(`${label}: wrong content type answered ${r.status}`);
      if (v.label.endsWith('NUL character') && r.status !== 400) problems.push(`${label}: NUL character answered ${r.status}`);
      // the router refuses parameters over 100 characters: 414, or 404 when no other route matches either
      if (v.label.endsWith('too long') && r.status !== 414 && r.status !== 404) problems.push(`${label}: over-long path parameter answered ${r.status}`);
      if (v.label.endsWith('malformed escape') && r.status !== 400) problems.push(`${label}: malformed escape answered ${r.status}`);
    }
  }
  return { problems, statuses };
}

describe('bad input on every route', () => {
  it('lists a reasonable number of operations', () => {
    expect(operations().length).toBeGreaterThanOrEqual(20);
  });

  it('signed out: never 500, problem+json, Vietnamese titles, field paths on 400', async () => {
    const { problems, statuses } = await sweep(t.client(), 'anon');
    expect(problems, problems.join('\n')).toEqual([]);
    expect(statuses.size).toBeGreaterThan(150);
    expect(statuses.get('anon GET /api/v1/users [no body, junk path params]')).toBe(401);
  }, 180_000); // a sweep over every route: it grows with the API and takes ~30 s on a loaded machine

  it('as demo.admin: never 500, problem+json, Vietnamese titles, field paths on 400', async () => {
    const admin = await t.login('demo.admin');
    // the login route and the public look-ups are rate-limited per IP (30/min; the two public routes share
    // one allowance) and ignore the session, and the citizen routes ignore an official's session: the anonymous
    // sweep covers them
    const { problems, statuses } = await sweep(admin, 'admin', (op) => op.path === '/api/v1/auth/login' || op.path.startsWith('/api/v1/public/') || op.path.startsWith('/api/v1/citizen/'));
    expect(problems, problems.join('\n')).toEqual([]);
    expect(statuses.get('admin DELETE /api/v1/tokens/{id} [path id well-formed]')).toBe(404);
    expect(statuses.get('admin GET /api/v1/agencies/{code} [path code well-formed]')).toBe(200);
    expect(statuses.get('admin PATCH /api/v1/users/{id} [path id well-formed]')).toBe(400); // no body
  }, 180_000);

  it('bad input leaves nothing half-written: no refused write left an audit row, no org record changed', async () => {
    // every refused write of both sweeps: none of them may have written anything (audit rows carry the request id)
    expect(refusedWrites.length).toBeGreaterThan(100);
    const { rows: leaked } = await t.ctx.database.pool.query(
      `SELECT action, request_id FROM audit_log WHERE request_id = ANY($1::text[]) AND action NOT LIKE 'auth.%'`,
      [refusedWrites],
    );
    expect(leaked).toEqual([]);
    const counts = `SELECT (SELECT count(*) FROM agencies) a, (SELECT count(*) FROM agency_units) u, (SELECT count(*) FROM users) us,
        (SELECT count(*) FROM api_tokens) tk, (SELECT count(*) FROM role_assignments) ra`;
    const { rows } = await t.ctx.database.pool.query(counts);
    const fresh = await startTestApp();
    try {
      const { rows: base } = await fresh.ctx.database.pool.query(counts);
      expect(rows[0]).toEqual(base[0]);
    } finally {
      await fresh.close();
    }
  });

});

describe('well-formed but impossible input', () => {
  it('is refused with the field named, never a 500, and changes nothing', async () => {
    const admin = await t.login('demo.admin');
    const pool = t.ctx.database.pool;
    const uid = (await pool.query(`SELECT id FROM users WHERE username = 'demo.chuyenvien'`)).rows[0].id;
    const foreignUnit = (await pool.query(`SELECT u.id FROM agency_units u JOIN agencies a ON a.id = u.agency_id WHERE a.code = '000.11.00.H56' LIMIT 1`)).rows[0].id;
    const cases: Array<[string, string, unknown, number, string]> = [
      ['POST', `/api/v1/users/${uid}/roles`, { role: 'clerk', agencyCode: '000.00.02.H56', unitId: '00000000-0000-4000-8000-000000000000' }, 422, 'body.unitId'],
      ['POST', `/api/v1/users/${uid}/roles`, { role: 'cashier', agencyCode: '000.00.02.H56', unitId: foreignUnit }, 422, 'body.unitId'],
      ['POST', '/api/v1/agencies', { code: '000.00.31.H56', name: 'Cơ quan', kind: 'other', parentCode: '000.00.00.H56', validFrom: '0000-01-01' }, 400, 'body.validFrom'],
      ['PATCH', '/api/v1/agencies/000.00.05.H56', { validTo: '0000-01-01' }, 400, 'body.validTo'],
      ['PATCH', '/api/v1/agencies/000.00.05.H56', { validTo: '2020-01-01' }, 422, 'body.validTo'],
      ['PATCH', '/api/v1/agencies/000.00.06.H56', { successorCode: '000.00.06.H56' }, 422, 'body.successorCode'],
      ['POST', '/api/v1/agencies', { code: '000.00.31.H56', name: 'Cơ quan', kind: 'other', parentCode: '000.00.00.H56', adminUnitCode: '38', nameEn: 'a\u0000' }, 400, 'body.nameEn'],
    ];
    const before = (await pool.query(`SELECT count(*)::int n FROM audit_log WHERE action NOT LIKE 'auth.%'`)).rows[0].n;
    for (const [method, url, body, status, field] of cases) {
      const r = await admin.request(method, url, body);
      expect(r.status, `${method} ${url} ${JSON.stringify(body)}`).toBe(status);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(r.body.errors.map((e: any) => e.path)).toContain(field);
    }
    expect((await pool.query(`SELECT count(*)::int n FROM audit_log WHERE action NOT LIKE 'auth.%'`)).rows[0].n).toBe(before);
    expect((await t.client().get('/api/v1/agencies/000.00.05.H56')).status).toBe(200); // still open
  });
});

describe('problem+json details', () => {
  it('unknown route → 404 ROUTE_NOT_FOUND', async () => {
    for (const [m, p] of [['GET', '/api/v1/nope'], ['POST', '/api/v1/nope/deeper?x=1'], ['DELETE', '/'], ['PUT', '/api/v1/users']]) {
      const r = await t.client().request(m, p);
      expect(r.status, p).toBe(404);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(r.body.code).toBe('ROUTE_NOT_FOUND');
      expect(r.body.title).toBe(`Không có đường dẫn ${m} ${p.split('?')[0]}.`);
      expect(r.body.requestId).toBe(r.headers.get('x-request-id'));
    }
  });

  it('oversize body → 413 PAYLOAD_TOO_LARGE', async () => {
    const big = JSON.stringify({ username: 'x'.repeat(BODY_LIMIT + 10), password: 'y' });
    const r = await t.client().post('/api/v1/auth/login', big, { 'content-type': 'application/json' });
    expect(r.status).toBe(413);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(r.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(r.body.title).toBe('Nội dung gửi lên quá lớn.');
    const admin = await t.login('demo.admin');
    const r2 = await admin.post('/api/v1/users', { username: 'big.user', fullName: 'x'.repeat(BODY_LIMIT) });
    expect(r2.status).toBe(413);
  });

  it('Accept-Language en → English title, Vietnamese detail; vi and unknown languages → Vietnamese', async () => {
    const en = await t.client().get('/api/v1/users', { 'accept-language': 'en-GB,en;q=0.8' });
    expect(en.status).toBe(401);
    expect(en.body.title).toBe('You need to sign in.');
    expect(en.body.detail).toBe('Bạn cần đăng nhập.');
    const vi = await t.client().get('/api/v1/users', { 'accept-language': 'fr-FR,vi;q=0.5,en;q=0.4' });
    expect(vi.body.title).toBe('Bạn cần đăng nhập.');
    const other = await t.client().get('/api/v1/users', { 'accept-language': 'de' });
    expect(other.body.title).toBe('Bạn cần đăng nhập.');
    const admin = await t.login('demo.admin');
    const bad = await admin.post('/api/v1/users', { username: 1 }, { 'accept-language': 'en' });
    expect(bad.status).toBe(400);
    expect(bad.body.title).toBe('The request data is invalid.');
    expect(bad.body.errors.find((e: any) => e.path === 'body.username').message).toMatch(/expected string/i);
    const badVi = await admin.post('/api/v1/users', { username: 1 });
    expect(badVi.body.errors.find((e: any) => e.path === 'body.username').message).toMatch(VIETNAMESE);
  });
});

describe('system routes', () => {
  it('GET /health → 200 ok', async () => {
    const r = await t.client().get('/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ok' });
  });

  it('GET /ready → 200 with the database kind', async () => {
    const r = await t.client().get('/ready');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ready', database: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' });
  });

  it('/openapi.json is OpenAPI 3.1 and lists the auth routes', async () => {
    expect(spec.openapi).toMatch(/^3\.1\./);
    expect(spec.info.title).toBeTruthy();
    for (const [p, m] of [['/api/v1/auth/login', 'post'], ['/api/v1/auth/logout', 'post'], ['/api/v1/auth/me', 'get'], ['/api/v1/auth/oidc/login', 'get']]) {
      expect(spec.paths[p]?.[m], `${m} ${p}`).toBeDefined();
    }
    expect(spec.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    expect(spec.components.securitySchemes.session).toBeDefined();
  });

  it('/docs serves the HTML API explorer', async () => {
    const r = await fetch(`${t.url}/docs`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    expect(await r.text()).toMatch(/<html/i);
  });
});
