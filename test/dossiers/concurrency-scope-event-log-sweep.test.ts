// Integrity of the dossier engine: concurrency on one dossier, Idempotency-Key retries, scope (404 outside),
// the append-only event log, replay = projection after a random run, bad input on every route, the
// deadline sweep, and the process-definition admin API.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient, TestApp } from '../helpers.js';
import { ManualClock } from '../helpers.js';
import { fold } from '../../src/modules/workflow/state-machine.js';
import { ACTION_NAMES } from '../../src/modules/workflow/actions.js';
import { sweepDeadlines } from '../../src/modules/dossiers/dossiers.service.js';
import {
  COMMUNE_PROC, DOC, HOUR, PROV_PROC, STP, XA2_TT, act, receive, receptionBody, startDossierApp, tryAct, versionOf,
} from './fixtures.js';

let t: TestApp & { clock: ManualClock };
const u: Record<string, HttpClient> = {};

beforeAll(async () => {
  t = await startDossierApp();
  for (const name of [
    'demo.tiepnhan', 'demo.chuyenvien', 'demo.lanhdao', 'demo.vanthu', 'demo.traketqua', 'demo.thuphi', 'demo.admin',
    'demo.xa.tiepnhan', 'demo.xa.chuyenvien', 'demo.xa.lanhdao', 'demo.xa2.tiepnhan', 'demo.xa2.chuyenvien',
  ]) u[name] = await t.login(name);
});
afterAll(async () => t?.close());

describe('concurrency and idempotency', () => {
  it('20 parallel requests for the same action on one dossier: exactly one succeeds, the others get 409', async () => {
    const { dossier } = await receive(u['demo.tiepnhan']!);
    const v = dossier.version;
    const results = await Promise.all(
      Array.from({ length: 20 }, () => u['demo.tiepnhan']!.post(`/api/v1/dossiers/${dossier.code}/actions/forward`, { version: v })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const conflict = results.find((r) => r.status === 409)!;
    expect(conflict.headers.get('content-type')).toMatch(/problem\+json/);
    expect(conflict.body.code).toBe('STALE_VERSION');
    expect(Array.isArray(conflict.body.allowed)).toBe(true);
    const ev = await u['demo.tiepnhan']!.get(`/api/v1/dossiers/${dossier.code}/events`);
    expect(ev.body.items.map((e: any) => e.action)).toEqual(['receive', 'forward']);
  });

  it('a retried request with the same Idempotency-Key changes nothing and returns the same body', async () => {
    const key = randomUUID();
    const body = receptionBody();
    const a = await u['demo.tiepnhan']!.post('/api/v1/dossiers', body, { 'idempotency-key': key });
    const b = await u['demo.tiepnhan']!.post('/api/v1/dossiers', body, { 'idempotency-key': key });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body).toEqual(a.body);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    const code = a.body.dossier.code;
    const k2 = randomUUID();
    const f1 = await u['demo.tiepnhan']!.post(`/api/v1/dossiers/${code}/actions/forward`, { version: 1 }, { 'idempotency-key': k2 });
    const f2 = await u['demo.tiepnhan']!.post(`/api/v1/dossiers/${code}/actions/forward`, { version: 1 }, { 'idempotency-key': k2 });
    expect(f1.status).toBe(200);
    expect(f2.status).toBe(200);
    expect(f2.body).toEqual(f1.body);
    expect(await versionOf(u['demo.tiepnhan']!, code)).toBe(2);
    // the same key for a different request is refused
    const other = await u['demo.tiepnhan']!.post(`/api/v1/dossiers/${code}/actions/forward`, { version: 2 }, { 'idempotency-key': k2 });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('If-Match carries the version too; a request without any version gets 428', async () => {
    const { dossier } = await receive(u['demo.tiepnhan']!);
    const none = await u['demo.tiepnhan']!.post(`/api/v1/dossiers/${dossier.code}/actions/forward`, {});
    expect(none.status).toBe(428);
    const stale = await u['demo.tiepnhan']!.post(`/api/v1/dossiers/${dossier.code}/actions/forward`, {}, { 'if-match': '"7"' });
    expect(stale.status).toBe(409);
    const ok = await u['demo.tiepnhan']!.post(`/api/v1/dossiers/${dossier.code}/actions/forward`, {}, { 'if-match': `"${dossier.version}"` });
    expect(ok.status).toBe(200);
  });
});

describe('scope', () => {
  it('an official of commune 1 gets 404 on a commune-2 dossier, on read and on every action', async () => {
    const r = await receive(u['demo.xa2.tiepnhan']!, { procedureCode: COMMUNE_PROC, competentAgencyCode: undefined });
    const code = r.dossier.code as string;
    expect(code.startsWith(`${XA2_TT}-`)).toBe(true);
    for (const name of ['demo.xa.tiepnhan', 'demo.xa.chuyenvien', 'demo.xa.lanhdao']) {
      const c = u[name]!;
      for (const path of ['', '/events', '/allowed-actions', '/control-slip']) {
        const res = await c.get(`/api/v1/dossiers/${code}${path}`);
        expect(res.status, `${name} GET ${path}`).toBe(404);
      }
      const byId = await c.get(`/api/v1/dossiers/${r.dossier.id}`);
      expect(byId.status).toBe(404);
      for (const action of ACTION_NAMES) {
        const res = await c.post(`/api/v1/dossiers/${code}/actions/${action}`, { version: 1, payload: {} });
        expect(res.status, `${name} ${action}`).toBe(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
      // the request's own errors (here: no version) come after the scope check, never instead of the 404
      const noVersion = await c.post(`/api/v1/dossiers/${code}/actions/forward`, { payload: {} });
      expect(noVersion.status, `${name} without a version`).toBe(404);
      const list = await c.get(`/api/v1/dossiers?q=${encodeURIComponent(code)}`);
      expect(list.body.items).toEqual([]);
    }
    // the same 404 as for a code that does not exist
    const missing = await u['demo.xa.tiepnhan']!.get('/api/v1/dossiers/000.12.01.H56-261123-9999');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NOT_FOUND');
    // commune 2 itself sees it
    expect((await u['demo.xa2.chuyenvien']!.get(`/api/v1/dossiers/${code}`)).status).toBe(200);
  });
});

describe('event log', () => {
  it('refuses UPDATE and DELETE on dossier_events', async () => {
    await receive(u['demo.tiepnhan']!);
    const pool = t.ctx.database.pool;
    await expect(pool.query(`UPDATE dossier_events SET note = 'x'`)).rejects.toThrow(/append-only/);
    await expect(pool.query(`DELETE FROM dossier_events`)).rejects.toThrow(/append-only/);
  });

  it('replaying dossier_events with fold() equals the stored projection for every dossier after a random run', async () => {
    // a small random walk over the allowed actions, by whoever may do them
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const officials = ['demo.tiepnhan', 'demo.chuyenvien', 'demo.lanhdao', 'demo.vanthu', 'demo.traketqua', 'demo.thuphi'];
    const payloads: Record<string, Record<string, unknown>> = {
      request_supplement: { reason: 'Thiếu giấy tờ' },
      request_completion: { reason: 'Thiếu giấy tờ' },
      refuse: { reason: 'Không đủ điều kiện' },
      reject: { reason: 'Không đủ điều kiện' },
      request_payment: { amount: 50000 },
      consult: { agencyCode: '000.11.00.H56', hours: 8 },
      transfer: { agencyCode: '000.00.03.H56', hours: 8 },
      record_result: { documents: [DOC] },
      return_result: { method: 'counter' },
      send_back: { toStep: 'handling', reason: 'Xem lại' },
      request_withdrawal: { reason: 'Rút' },
      stop: { reason: 'Rút' },
    };
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) codes.push((await receive(u['demo.tiepnhan']!, i % 3 === 0 ? { channel: 2 } : {})).dossier.id);
    for (let step = 0; step < 90; step++) {
      const ref = codes[Math.floor(rnd() * codes.length)]!;
      const name = officials[Math.floor(rnd() * officials.length)]!;
      const allowed = (await u[name]!.get(`/api/v1/dossiers/${ref}/allowed-actions`)).body.allowed as string[] | undefined;
      if (!allowed || allowed.length === 0) continue;
      const action = allowed[Math.floor(rnd() * allowed.length)]!;
      if (action === 'apologize') continue;
      const r = await tryAct(u[name]!, ref, action, payloads[action] ?? {});
      expect([200, 409, 422], `${action}: ${JSON.stringify(r.body)}`).toContain(r.status);
      if (rnd() < 0.3) t.clock.advance(HOUR);
    }
    await sweepDeadlines(t.ctx, new Date(t.clock.now().getTime() + 40 * 86_400_000));
    const { rows } = await t.ctx.database.pool.query(`SELECT id, version, state FROM dossiers`);
    expect(rows.length).toBeGreaterThan(6);
    for (const row of rows) {
      const ev = await t.ctx.database.pool.query(`SELECT event FROM dossier_events WHERE dossier_id = $1 ORDER BY version`, [row.id]);
      const replayed = fold(ev.rows.map((x) => x.event));
      expect(replayed).toEqual(row.state);
      expect(replayed!.version).toBe(row.version);
      ev.rows.forEach((x, i) => expect(x.event.version).toBe(i + 1));
    }
  });
});

describe('deadline sweep', () => {
  it('marks due-soon and overdue with system events, once', async () => {
    const { dossier } = await receive(u['demo.tiepnhan']!);
    const due = new Date(dossier.dueAt);
    const soon = new Date(due.getTime() - 2 * HOUR);
    const r1 = await sweepDeadlines(t.ctx, soon);
    expect(r1.dueSoon).toBeGreaterThanOrEqual(1);
    const r2 = await sweepDeadlines(t.ctx, new Date(due.getTime() + 86_400_000));
    expect(r2.overdue).toBeGreaterThanOrEqual(1);
    const again = await sweepDeadlines(t.ctx, new Date(due.getTime() + 2 * 86_400_000));
    const ev = await u['demo.tiepnhan']!.get(`/api/v1/dossiers/${dossier.code}/events`);
    const sys = ev.body.items.filter((e: any) => e.actor.system);
    expect(sys.map((e: any) => e.action).filter((a: string) => a === 'mark_due_soon' || a === 'mark_overdue')).toEqual(['mark_due_soon', 'mark_overdue']);
    // step flags too (the reception step is long past), each once
    expect(new Set(sys.map((e: any) => e.action)).size).toBe(sys.length);
    expect(again.overdue).toBe(0);
    const d = await u['demo.tiepnhan']!.get(`/api/v1/dossiers/${dossier.code}`);
    expect(d.body.overdue).toBe(true);
    const list = await u['demo.tiepnhan']!.get('/api/v1/dossiers?overdue=true&pageSize=200');
    expect(list.body.items.map((i: any) => i.code)).toContain(dossier.code);
  });
});

describe('bad input → problem+json 4xx on every route, nothing half-written', () => {
  it('reception', async () => {
    const c = u['demo.tiepnhan']!;
    const before = (await t.ctx.database.pool.query('SELECT count(*)::int n FROM dossiers')).rows[0].n;
    const cases: Array<[unknown, number, string?]> = [
      [{}, 400],
      ['not json', 400],
      [{ ...receptionBody(), channel: 4 }, 400],
      [{ ...receptionBody(), procedureCode: 'no.such' }, 422, 'body.procedureCode'],
      [{ ...receptionBody(), applicant: { kind: 'individual', fullName: 'A', idNumber: '12345', phone: '0912345678' } }, 422, 'body.applicant.idNumber'],
      [{ ...receptionBody(), applicant: { kind: 'individual', fullName: 'A', idNumber: '099190012345', phone: '0912345678' } }, 422, 'body.applicant.idNumber'],
      [{ ...receptionBody(), applicant: { kind: 'individual', fullName: 'A', idNumber: '038790012345', phone: '0912345678' } }, 422, 'body.applicant.idNumber'],
      [{ ...receptionBody(), applicant: { kind: 'individual', fullName: 'A', idNumber: '038190012345', birthDate: '1991-01-01', phone: '0912345678' } }, 422, 'body.applicant.idNumber'],
      [{ ...receptionBody(), applicant: { kind: 'individual', fullName: 'A', idNumber: '038190012345', phone: '0123' } }, 422, 'body.applicant.phone'],
      [{ ...receptionBody(), applicant: { kind: 'individual', fullName: 'A', idNumber: '038190012345', email: 'x@' } }, 422, 'body.applicant.email'],
      [{ ...receptionBody(), applicant: { kind: 'individual', fullName: 'A', idNumber: '038190012345', address: { line: 'x', communeCode: '99999' } } }, 422, 'body.applicant.address.communeCode'],
      [{ ...receptionBody(), competentAgencyCode: '000.99.99.H56' }, 422, 'body.competentAgencyCode'],
      [{ ...receptionBody(), outcome: 'refuse' }, 422],
    ];
    for (const [body, status, path] of cases) {
      const r = await c.post('/api/v1/dossiers', body, typeof body === 'string' ? { 'content-type': 'application/json' } : {});
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
      if (path) expect(r.body.errors.map((e: any) => e.path)).toContain(path);
    }
    const after = (await t.ctx.database.pool.query('SELECT count(*)::int n FROM dossiers')).rows[0].n;
    expect(after).toBe(before);
    // anonymous and wrong roles
    expect((await t.client().post('/api/v1/dossiers', receptionBody())).status).toBe(401);
    expect((await u['demo.chuyenvien']!.post('/api/v1/dossiers', receptionBody())).status).toBe(403);
  });

  it('actions, reads and search', async () => {
    const c = u['demo.tiepnhan']!;
    const { dossier } = await receive(c);
    const code = dossier.code;
    const checks: Array<[Promise<any>, number]> = [
      [c.post(`/api/v1/dossiers/${code}/actions/fly`, { version: 1 }), 400],
      [c.post(`/api/v1/dossiers/${code}/actions/forward`, { version: 'one' }), 400],
      [c.post(`/api/v1/dossiers/${code}/actions/forward`, { version: 1, payload: 'x' }), 400],
      [c.post(`/api/v1/dossiers/${code}/actions/forward`, { version: 1, payload: { toStep: 'nowhere' } }), 422],
      [c.post(`/api/v1/dossiers/${code}/actions/request_supplement`, { version: 1, payload: {} }), 409],
      [c.post(`/api/v1/dossiers/${code}/actions/assign`, { version: 1, payload: { userId: 'nobody' } }), 422],
      [c.post(`/api/v1/dossiers/nope/actions/forward`, { version: 1 }), 404],
      [c.get(`/api/v1/dossiers/nope`), 404],
      [c.get(`/api/v1/dossiers?page=0`), 400],
      [c.get(`/api/v1/dossiers?pageSize=1000`), 400],
      [c.get(`/api/v1/dossiers?status=11`), 400],
      [c.get(`/api/v1/dossiers?overdue=maybe`), 400],
      [t.client().get(`/api/v1/dossiers`), 401],
      [t.client().get(`/api/v1/public/dossiers/${code}`), 400],
    ];
    for (const [p, status] of checks) {
      const r = await p;
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    expect(await versionOf(c, code)).toBe(1);
  });

  it('the public look-up is rate-limited', async () => {
    const c = t.client();
    let last = 0;
    for (let i = 0; i < 35; i++) last = (await c.get(`/api/v1/public/dossiers/X-000000-0001?secret=abc`)).status;
    expect(last).toBe(429);
  });
});

describe('process definitions (admin)', () => {
  it('derives the default from the legal limit, validates edits (422 per field), versions them and pins dossiers', async () => {
    const admin = u['demo.admin']!;
    const cur = await admin.get(`/api/v1/procedures/${PROV_PROC}/process`);
    expect(cur.status).toBe(200);
    expect(cur.body.legalLimitHours).toBe(120);
    expect(cur.body.steps.map((s: any) => s.key)).toEqual(['reception', 'handling', 'approval', 'issue', 'return']);
    expect(cur.body.steps.reduce((a: number, s: any) => a + s.budgetHours, 0)).toBe(120);
    const { dossier } = await receive(u['demo.tiepnhan']!);
    expect(dossier.process.version).toBe(cur.body.version);

    const bad = await admin.request('PUT', `/api/v1/procedures/${PROV_PROC}/process`, {
      steps: cur.body.steps.map((s: any, i: number) => (i === 1 ? { ...s, budgetHours: 500, role: 'wizard' } : i === 3 ? { ...s, next: ['nowhere'] } : s)),
    });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toMatch(/problem\+json/);
    const paths = bad.body.errors.map((e: any) => e.path);
    expect(paths).toContain('steps[1].role');
    expect(paths).toContain('steps[3].next[0]');
    expect(bad.body.errors.find((e: any) => e.path === 'steps').code).toBe('BUDGET_EXCEEDS_LIMIT');

    const steps = cur.body.steps.map((s: any) => (s.key === 'handling' ? { ...s, budgetHours: s.budgetHours - 8 } : s));
    const ok = await admin.request('PUT', `/api/v1/procedures/${PROV_PROC}/process`, { steps, config: { maxSupplementRequests: 2 } });
    expect(ok.status).toBe(201);
    expect(ok.body.version).toBe(cur.body.version + 1);
    const d2 = await receive(u['demo.tiepnhan']!);
    expect(d2.dossier.process.version).toBe(ok.body.version);
    // the earlier dossier stays on its version
    expect((await u['demo.tiepnhan']!.get(`/api/v1/dossiers/${dossier.code}`)).body.process.version).toBe(cur.body.version);
    // per-agency override
    const own = await admin.request('PUT', `/api/v1/procedures/${PROV_PROC}/process`, { agencyCode: STP, steps });
    expect(own.status).toBe(201);
    expect(own.body.agencyId).toBeTruthy();
    const d3 = await receive(u['demo.tiepnhan']!);
    expect(d3.dossier.process.id).toBe(own.body.id);
    // not an admin
    expect((await u['demo.chuyenvien']!.request('PUT', `/api/v1/procedures/${PROV_PROC}/process`, { steps })).status).toBe(403);
    expect((await admin.request('PUT', `/api/v1/procedures/${PROV_PROC}/process`, { steps: [] })).status).toBe(400);
    expect((await admin.get(`/api/v1/procedures/no.such/process`)).status).toBe(404);
    const versions = await admin.get(`/api/v1/procedures/${PROV_PROC}/process/versions`);
    expect(versions.body.total).toBe(3);
  });
});
