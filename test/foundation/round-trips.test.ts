// Round trips per write (issue 19, item 1): on a small host a write's cost is mostly its statements, so their
// number per request is a budget, like bytes on the wire — counted, never timed. Every statement any pool
// client sends is counted (warm caches: the same requests ran before), for a reception and the nine actions
// of the default process, and for the citizen's public look-up. Periodic statements (PERIODIC) are left out. Lowering a budget is welcome; raising one needs a reason.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient } from '../helpers.js';
import { receptionBody, startDossierApp } from '../dossiers/fixtures.js';

let counting: string[] | null = null;
/** Statements made at most once per interval, whatever the traffic: not a request's own. */
const PERIODIC = [
  'rate_limit_windows', // the rate-limit sync, one upsert per 100 ms for every address
  'from "calendar_state"', // the calendar cache's freshness check (once per few seconds)
  'select "id", "code", "name", "path" from "agencies" where "id" in', // agency briefs, re-read after 10 s
];
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as { query: unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  const q = args[0] as string | { text?: string };
  const text = typeof q === 'string' ? q : (q?.text ?? '');
  if (counting && !PERIODIC.some((t) => text.includes(t))) counting.push(text);
  return query.apply(this, args);
};

async function statementsOf<T>(f: () => Promise<T>): Promise<{ n: number; value: T; texts: string[] }> {
  counting = [];
  try {
    const value = await f();
    return { n: counting.length, value, texts: counting };
  } finally {
    counting = null;
  }
}

let t: Awaited<ReturnType<typeof startDossierApp>>;
const desks: Record<string, HttpClient> = {};
beforeAll(async () => {
  t = await startDossierApp();
  for (const u of ['demo.tiepnhan', 'demo.chuyenvien', 'demo.lanhdao', 'demo.vanthu', 'demo.traketqua']) {
    const c = t.client();
    expect((await c.post('/api/v1/auth/login', { username: u, password: 'motcua-demo' })).status).toBe(200);
    desks[u] = c;
  }
}, 120_000);
afterAll(async () => t?.close());

/** The bench's path (bench/dossiers.ts): who does what, and the most statements each may take. */
// An action reads no dossier before its transaction: the id and receiving desk come from the reception (cached).
const PATH: Array<[user: string, action: string, budget: number, payload?: unknown]> = [
  ['demo.tiepnhan', 'forward', 7],
  ['demo.chuyenvien', 'claim', 6],
  ['demo.chuyenvien', 'forward', 7],
  ['demo.lanhdao', 'claim', 6],
  ['demo.lanhdao', 'approve', 7],
  ['demo.vanthu', 'claim', 6],
  ['demo.vanthu', 'record_result', 7, { documents: [{ number: '1/QĐ', date: '2026-11-23', signer: 'Phạm Quốc Hưng' }] }],
  ['demo.traketqua', 'claim', 6],
  ['demo.traketqua', 'return_result', 6, { method: 'counter' }],
];
const RECEPTION_BUDGET = 21;

async function oneDossier() {
  const body = receptionBody({ components: [{ name: 'Đơn đề nghị', provided: true, form: 'original' }] });
  const r = await statementsOf(() => desks['demo.tiepnhan']!.post('/api/v1/dossiers', body, { 'idempotency-key': randomUUID() }));
  expect(r.value.status, JSON.stringify(r.value.body)).toBe(201);
  const counts: Array<[string, number]> = [['receive', r.n]];
  if (process.env.RT_DEBUG) console.log('RT receive', r.n, r.texts.map((x) => x.replace(/\s+/g, ' ').slice(0, 110)).join('\n  '));
  const { code, secret } = { code: r.value.body.dossier.code as string, secret: r.value.body.receipt.secret as string };
  let v = r.value.body.dossier.version as number;
  for (const [user, action, , payload] of PATH) {
    const a = await statementsOf(() => desks[user]!.post(`/api/v1/dossiers/${code}/actions/${action}`, { version: v, payload: payload ?? {} }, { 'idempotency-key': randomUUID() }));
    expect(a.value.status, JSON.stringify(a.value.body)).toBe(200);
    v = a.value.body.dossier.version;
    counts.push([action, a.n]);
    if (process.env.RT_DEBUG) console.log('RT', action, a.n, a.texts.map((x) => x.replace(/\s+/g, ' ').slice(0, 90)).join(' | '));
  }
  return { counts, code, secret };
}

describe('statements per request, warm', () => {
  it('a reception and each action of the default process stay within their budgets', async () => {
    await oneDossier(); // caches: principal-free reads, process definition, calendar, agencies
    const { counts } = await oneDossier();
    expect(counts[0]![1]).toBeLessThanOrEqual(RECEPTION_BUDGET);
    PATH.forEach(([, action, budget], i) => {
      expect(counts[i + 1]![0]).toBe(action);
      expect(counts[i + 1]![1], action).toBeLessThanOrEqual(budget);
    });
    // the whole path: 10 writes
    expect(counts.reduce((s, [, n]) => s + n, 0)).toBeLessThanOrEqual(RECEPTION_BUDGET + PATH.reduce((s, [, , b]) => s + b, 0));
  });

  it('the public look-up is one statement (the dossier with its status changes); the rate limit adds none', async () => {
    const { code, secret } = await oneDossier();
    const anon = t.client();
    await anon.get(`/api/v1/public/dossiers/${code}?secret=${encodeURIComponent(secret)}`); // agencies cached
    const r = await statementsOf(() => anon.get(`/api/v1/public/dossiers/${code}?secret=${encodeURIComponent(secret)}`));
    expect(r.value.status).toBe(200);
    expect(r.value.body.timeline.length).toBeGreaterThan(3);
    expect(r.texts).toHaveLength(1);
  });
});
