// Issue 12 "must show": a seeded fast-check fuzz over every operation of /openapi.json — random path and
// query parameters, JSON bodies shaped like the operation's schema and not, multipart bodies, odd headers —
// signed out, as an official and with a narrow API token. Never a 5xx, every 4xx is problem+json, and a
// refused write leaves nothing behind (no audit row carries its request id).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ManualClock, startTestApp, type HttpClient, type TestApp } from '../helpers.js';
import { T0 } from '../dossiers/fixtures.js';
import { fillPath, operations, type Operation } from './openapi-ops.js';

const SEED = 20261201;
const RUNS = 6; // per operation and identity: ~75 operations × 3 identities × 6 ≈ 1,400 requests

let t: TestApp;
const clock = new ManualClock(T0);
let ops: Operation[];
const refusedWrites: string[] = [];
beforeAll(async () => {
  t = await startTestApp({ clock, env: { MOTCUA_SESSION_TTL_MINUTES: '10080', MOTCUA_SESSION_IDLE_MINUTES: '1440' } });
  ops = await operations(t.client());
});
afterAll(async () => t?.close());

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', 'X', '000.00.01.H56', '000.00.01.H56-261123-0001', '1.000001', '38', '2026', '2026-11-23', '23/11/2026', '..', '%2e%2e', '-1', '1e309', 'null', '__proto__', 'constructor', "'; DROP TABLE users; --", '<script>alert(1)</script>', 'a'.repeat(300)),
  fc.uuid().map(String),
  fc.integer().map(String),
);

/** A JSON value shaped like a schema often enough to get past validation, and unlike it the rest of the time. */
function valueFor(schema: any, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 3) return fc.jsonValue({ maxDepth: 2 });
  if (schema.anyOf || schema.oneOf) return fc.oneof(...(schema.anyOf ?? schema.oneOf).map((s: any) => valueFor(s, depth + 1)));
  if (schema.enum) return fc.oneof(fc.constantFrom(...schema.enum), text);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const wrong = fc.jsonValue({ maxDepth: 1 });
  switch (type) {
    case 'string':
      return fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: wrong });
    case 'integer':
    case 'number':
      return fc.oneof(fc.integer({ min: -5, max: 100_000 }), fc.double(), wrong);
    case 'boolean':
      return fc.oneof(fc.boolean(), wrong);
    case 'array':
      return fc.oneof(fc.array(valueFor(schema.items, depth + 1), { maxLength: 3 }), wrong);
    case 'object': {
      const props = Object.entries<any>(schema.properties ?? {});
      if (props.length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
      const rec: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, s] of props) rec[k] = valueFor(s, depth + 1);
      return fc.oneof({ weight: 4, arbitrary: fc.record(rec, { requiredKeys: [] }) }, { weight: 1, arbitrary: wrong });
    }
    default:
      return wrong;
  }
}

interface Req {
  url: string;
  body?: Uint8Array | string;
  headers: Record<string, string>;
}

const B = 'fuzzBoundary42';
const multipartBody = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((b) => ({ type: `multipart/form-data; boundary=${B}`, body: b })),
  fc.tuple(fc.constantFrom('file', 'purpose', 'x'), fc.string({ maxLength: 20 }), fc.constantFrom('%PDF-1.4\n', '\x89PNG\r\n\x1a\n', 'PK\x03\x04', 'MZ', ''), fc.boolean(), fc.constantFrom(B, 'other', '')).map(
    ([name, filename, magic, close, boundary]) => ({
      type: `multipart/form-data; boundary=${boundary}`,
      body: `--${B}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n${magic}payload\r\n${close ? `--${B}--\r\n` : ''}`,
    }),
  ),
);

function request(o: Operation): fc.Arbitrary<Req> {
  const params = o.op.parameters ?? [];
  const pathArb = fc.record(Object.fromEntries(params.filter((p) => p.in === 'path').map((p) => [p.name, text])) as Record<string, fc.Arbitrary<string>>);
  const queryArb = fc.record(
    Object.fromEntries(params.filter((p) => p.in === 'query').map((p) => [p.name, fc.oneof(text, valueFor(p.schema).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))))])) as Record<string, fc.Arbitrary<string>>,
    { requiredKeys: [] },
  );
  const jsonSchema = o.op.requestBody?.content?.['application/json']?.schema;
  const hasBody = o.method !== 'GET' && o.method !== 'DELETE';
  const bodyArb: fc.Arbitrary<{ type?: string; body?: Uint8Array | string }> = hasBody
    ? fc.oneof(
        { weight: 5, arbitrary: valueFor(jsonSchema ?? { type: 'object' }).map((v) => ({ type: 'application/json', body: JSON.stringify(v) ?? 'null' })) },
        { weight: 2, arbitrary: multipartBody },
        { weight: 1, arbitrary: fc.string({ maxLength: 50 }).map((s) => ({ type: 'application/json', body: s })) },
        { weight: 1, arbitrary: fc.constantFrom({ type: 'text/plain', body: 'x' }, { type: undefined, body: undefined }, { type: 'application/xml', body: '<a/>' }) },
      )
    : fc.constant({});
  const headerArb = fc.record(
    {
      'if-match': fc.oneof(fc.constant('"1"'), text),
      'idempotency-key': fc.oneof(fc.uuid().map(String), text),
      'accept-language': fc.constantFrom('en', 'vi', '*', 'xx-YY;q=abc'),
      'x-receipt-secret': text,
    },
    { requiredKeys: [] },
  );
  return fc.tuple(pathArb, queryArb, bodyArb, headerArb).map(([path, query, body, headers]) => {
    const qs = new URLSearchParams(query as Record<string, string>).toString();
    const h: Record<string, string> = {};
    for (const [k, v] of Object.entries(headers)) if (typeof v === 'string' && /^[\t\x20-\x7e]*$/.test(v)) h[k] = v;
    if (body.type) h['content-type'] = body.type;
    return { url: fillPath(o.path, (n) => (path as Record<string, string>)[n] ?? 'X') + (qs ? `?${qs}` : ''), body: body.body, headers: h };
  });
}

async function fuzz(who: string, client: () => Promise<HttpClient>, skip: (o: Operation) => boolean = () => false): Promise<string[]> {
  const problems: string[] = [];
  const c = await client();
  for (const o of ops.filter((x) => !skip(x))) {
    clock.advance(61_000); // rate-limit windows follow the clock: each operation starts afresh
    await fc.assert(
      fc.asyncProperty(request(o), async (r) => {
        const res = await c.request(o.method, r.url, r.body, r.headers);
        if (o.method !== 'GET' && res.status >= 400) refusedWrites.push(res.headers.get('x-request-id') ?? '');
        const problem =
          res.status >= 500 ? `${res.status} ${JSON.stringify(res.body).slice(0, 200)}`
          : res.status >= 400 && !(res.headers.get('content-type') ?? '').startsWith('application/problem+json') ? `${res.status} not problem+json`
          : null;
        if (problem) problems.push(`${who} ${o.method} ${r.url} ${r.headers['content-type'] ?? ''}: ${problem}`);
        return true;
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }
  return problems;
}

describe('fuzz every operation (fast-check, seed ' + SEED + ')', () => {
  it('signed out: no 5xx', async () => {
    expect(ops.length).toBeGreaterThan(60);
    expect(await fuzz('anon', async () => t.client())).toEqual([]);
  }, 600_000);

  it('as an official (reception): no 5xx', async () => {
    // logout would end the session the rest of the sweep uses: it is fuzzed signed out above
    expect(await fuzz('official', () => t.login('demo.tiepnhan'), (o) => o.path.endsWith('/logout'))).toEqual([]);
  }, 600_000);

  it('with a narrow token (procedures:read): no 5xx', async () => {
    const admin = await t.login('demo.admin');
    const { rows } = await t.ctx.database.pool.query(`SELECT id FROM users WHERE username = 'demo.lienthong'`);
    const tok = await admin.post('/api/v1/tokens', { userId: rows[0].id, name: 'fuzz', scopes: ['procedures:read'] });
    expect(tok.status).toBe(201);
    const bearer = async () => {
      const c = t.client();
      c.headers.authorization = `Bearer ${tok.body.token}`;
      return c;
    };
    expect(await fuzz('token', bearer)).toEqual([]);
  }, 600_000);

  it('nothing half-written: no refused write left an audit row', async () => {
    expect(refusedWrites.length).toBeGreaterThan(300);
    const { rows } = await t.ctx.database.pool.query(
      `SELECT action, request_id FROM audit_log WHERE request_id = ANY($1::text[]) AND action NOT LIKE 'auth.%'`,
      [refusedWrites],
    );
    expect(rows).toEqual([]);
  });
});
