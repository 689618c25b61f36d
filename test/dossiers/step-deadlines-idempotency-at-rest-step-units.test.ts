// Step and consultation deadline flags (sweep → events → inbox), Idempotency-Key answers encrypted at rest,
// the status mapping endpoint, unit-scoped role assignments (step unitId enforced).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient, TestApp } from '../helpers.js';
import { ManualClock } from '../helpers.js';
import { sweepDeadlines } from '../../src/modules/dossiers/dossiers.service.js';
import { idempotencyPruneJob, storedKeyOf } from '../../src/platform/http/idempotency.js';
import { ReceiveBody } from '../../src/modules/dossiers/dossiers.schema.js';
import { HOUR, PROV_PROC, STP, act, receive, receptionBody, startDossierApp, tryAct } from './fixtures.js';

let t: TestApp & { clock: ManualClock };
const u: Record<string, HttpClient> = {};

beforeAll(async () => {
  t = await startDossierApp();
  for (const name of ['demo.admin', 'demo.tiepnhan', 'demo.chuyenvien', 'demo.lanhdao', 'demo.xa.chuyenvien']) u[name] = await t.login(name);
});
afterAll(async () => {
  await t?.close();
});

async function atHandling(): Promise<{ code: string; id: string }> {
  const { dossier } = await receive(u['demo.tiepnhan']!);
  await act(u['demo.tiepnhan']!, dossier.code, 'forward');
  await act(u['demo.chuyenvien']!, dossier.code, 'claim');
  return { code: dossier.code, id: dossier.id };
}

const deadlines = (d: any) => ({ dueAt: d.dueAt, originalDueAt: d.originalDueAt, stepDueAt: d.stepDueAt });

describe('deadline sweep: step and consultation deadlines', () => {
  it('flags the current step due soon / overdue with system events, visible in the inbox, once, without moving deadlines', async () => {
    const c = u['demo.chuyenvien']!;
    const { code, id } = await atHandling();
    const before = (await c.get(`/api/v1/dossiers/${code}`)).body;
    expect(before.stepDueAt).toBeTruthy();
    expect(before.stepOverdue).toBe(false);
    const stepDue = new Date(before.stepDueAt).getTime();
    expect(stepDue).toBeLessThan(new Date(before.dueAt).getTime());

    // one working hour before the step's due instant (default window: 2 working hours)
    // the sweep runs "later" (the app clock stays, so sessions do not expire)
    const r1 = await sweepDeadlines(t.ctx, new Date(stepDue - HOUR));
    expect(r1.stepDueSoon).toBeGreaterThanOrEqual(1);
    let d = (await c.get(`/api/v1/dossiers/${code}`)).body;
    expect(d.stepDueSoon).toBe(true);
    expect(d.stepOverdue).toBe(false);
    expect(d.overdue).toBe(false);

    const r2 = await sweepDeadlines(t.ctx, new Date(stepDue + HOUR));
    expect(r2.stepOverdue).toBeGreaterThanOrEqual(1);
    const eventsAfter = (await c.get(`/api/v1/dossiers/${code}/events`)).body.items;
    // repeated sweeps add nothing
    const r3 = await sweepDeadlines(t.ctx, new Date(stepDue + HOUR));
    const r4 = await sweepDeadlines(t.ctx, new Date(stepDue + 2 * HOUR));
    expect(r3.stepOverdue + r3.stepDueSoon + r4.stepOverdue + r4.stepDueSoon).toBe(0);
    const events = (await c.get(`/api/v1/dossiers/${code}/events`)).body.items;
    expect(events.length).toBe(eventsAfter.length);
    const sys = events.filter((e: any) => e.actor.system);
    expect(sys.map((e: any) => e.action)).toEqual(['mark_step_due_soon', 'mark_step_overdue']);
    expect(sys[1].payload).toEqual({ stepKey: before.stepKey, stepDueAt: before.stepDueAt });
    expect(sys[1].clock).toBeNull();

    d = (await c.get(`/api/v1/dossiers/${code}`)).body;
    expect(d.stepOverdue).toBe(true);
    expect(deadlines(d)).toEqual(deadlines(before));
    // inbox: the stepOverdue filter, and the item flags
    const list = await c.get('/api/v1/dossiers?stepOverdue=true&pageSize=200');
    expect(list.status).toBe(200);
    const item = list.body.items.find((i: any) => i.code === code);
    expect(item).toMatchObject({ stepOverdue: true, stepDueSoon: true, stepDueAt: before.stepDueAt });
    expect(list.body.items.every((i: any) => i.stepOverdue === true)).toBe(true);
    const notOverdue = await c.get('/api/v1/dossiers?stepOverdue=false&pageSize=200');
    expect(notOverdue.body.items.map((i: any) => i.code)).not.toContain(code);
    // the projection row agrees
    const row = await t.ctx.database.pool.query('SELECT step_overdue, step_due_soon, step_due_at FROM dossiers WHERE id = $1', [id]);
    expect(row.rows[0]).toMatchObject({ step_overdue: true, step_due_soon: true });

    // the next step has a new step deadline: flags cleared
    const fwd = await act(c, code, 'forward');
    expect(fwd.dossier.stepOverdue).toBe(false);
    expect(fwd.dossier.stepDueSoon).toBe(false);
  });

  it('flags an open consultation past its due instant; consultationOverdue inbox filter', async () => {
    const c = u['demo.chuyenvien']!;
    const { code } = await atHandling();
    const cons = await act(c, code, 'consult', { agencyCode: '000.00.03.H56', hours: 4, question: 'Ý kiến về quy hoạch?' });
    const open = cons.dossier.detail.openConsultations[0];
    expect(open.dueAt).toBeTruthy();
    const before = cons.dossier;
    const later = new Date(new Date(open.dueAt).getTime() + HOUR);
    const r = await sweepDeadlines(t.ctx, later);
    expect(r.consultationOverdue).toBeGreaterThanOrEqual(1);
    const again = await sweepDeadlines(t.ctx, later);
    expect(again.consultationOverdue + again.consultationDueSoon).toBe(0);
    const d = (await c.get(`/api/v1/dossiers/${code}`)).body;
    expect(d.consultationOverdue).toBe(true);
    expect(d.detail.openConsultations[0].dueAt).toBe(open.dueAt);
    expect(deadlines(d)).toEqual(deadlines(before));
    const events = (await c.get(`/api/v1/dossiers/${code}/events`)).body.items;
    const flags = events.filter((e: any) => e.action === 'mark_consultation_overdue');
    expect(flags.length).toBe(1);
    expect(flags[0].payload).toEqual({ consultationIds: [open.id] });
    const list = await c.get('/api/v1/dossiers?consultationOverdue=true&pageSize=200');
    expect(list.body.items.map((i: any) => i.code)).toContain(code);
    // bad filter value → 400, not 500
    expect((await c.get('/api/v1/dossiers?stepOverdue=maybe')).status).toBe(400);
  });
});

describe('Idempotency-Key answers at rest', () => {
  it('the stored row holds neither the key nor the receipt secret in clear; a retry still returns the receipt with its secret', async () => {
    const desk = u['demo.tiepnhan']!;
    const key = randomUUID();
    const body = receptionBody({ note: 'idempotency at rest' });
    const a = await desk.post('/api/v1/dossiers', body, { 'idempotency-key': key });
    expect(a.status).toBe(201);
    const secret = a.body.receipt.secret as string;
    expect(secret.length).toBeGreaterThanOrEqual(12);
    const rows = await t.ctx.database.pool.query(`SELECT key, response::text AS response FROM idempotency_keys WHERE key IN ($1, $2)`, [key, storedKeyOf(key)]);
    expect(rows.rows.length).toBe(1);
    expect(rows.rows[0].key).toBe(storedKeyOf(key));
    expect(rows.rows[0].key).not.toContain(key);
    const stored = rows.rows[0].response as string;
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(a.body.dossier.code); // nothing in clear, not even the code or the applicant
    expect(stored).not.toContain('Nguyễn Thị Bích Ngọc');
    // nowhere else in the database either (the dossier keeps only a hash)
    const anywhere = await t.ctx.database.pool.query(
      `SELECT count(*)::int AS n FROM dossiers WHERE state::text LIKE $1 OR applicant::text LIKE $1 OR filing::text LIKE $1 OR secret_hash = $2`, [`%${secret}%`, secret]);
    expect(anywhere.rows[0].n).toBe(0);

    const b = await desk.post('/api/v1/dossiers', body, { 'idempotency-key': key });
    expect(b.status).toBe(201);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect(b.body).toEqual(a.body);
    expect(b.body.receipt.secret).toBe(secret);
    // and the secret works for the citizen look-up
    const pub = await desk.get(`/api/v1/public/dossiers/${a.body.dossier.code}?secret=${encodeURIComponent(secret)}`);
    expect(pub.status).toBe(200);
    // another user with the same key gets a fresh reception (keys are per principal), not the stored answer
    const other = await t.login('demo.xa.tiepnhan');
    const c2 = await other.post('/api/v1/dossiers', receptionBody({ procedureCode: '1.000419', competentAgencyCode: undefined }), { 'idempotency-key': key });
    expect(c2.status).toBe(201);
    expect(c2.body.dossier.code).not.toBe(a.body.dossier.code);
  });

  it('a different request with the same key is refused (422) before anything is decrypted', async () => {
    const desk = u['demo.tiepnhan']!;
    const key = randomUUID();
    const body = receptionBody({ note: 'tamper' });
    expect((await desk.post('/api/v1/dossiers', body, { 'idempotency-key': key })).status).toBe(201);
    // a different request with the same key is refused before anything is decrypted
    const reused = await desk.post('/api/v1/dossiers', receptionBody({ note: 'other' }), { 'idempotency-key': key });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('a row written before migration 0008 (clear key and answer) is still replayed', async () => {
    const desk = u['demo.tiepnhan']!;
    const me = (await desk.get('/api/v1/auth/me')).body.id as string;
    const key = `legacy-${randomUUID()}`;
    // a real first answer, stored the old way: clear key, clear answer, secret stripped by migration 0008
    const first = await desk.post('/api/v1/dossiers', receptionBody({ note: 'legacy first' }), { 'idempotency-key': randomUUID() });
    expect(first.status).toBe(201);
    const old = JSON.parse(JSON.stringify(first.body));
    delete old.receipt.secret;
    const body = receptionBody({ note: 'legacy' });
    const { createHash } = await import('node:crypto');
    // the request hash is computed on the body as parsed by the route (zod defaults applied)
    const hash = createHash('sha256').update(JSON.stringify(ReceiveBody.parse(body))).digest('hex');
    await t.ctx.database.pool.query(
      `INSERT INTO idempotency_keys (principal, key, method, path, request_hash, status, response) VALUES ($1, $2, 'POST', '/api/v1/dossiers', $3, 201, $4)`,
      [me, key, hash, JSON.stringify(old)]);
    const r = await desk.post('/api/v1/dossiers', body, { 'idempotency-key': key });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.headers.get('idempotent-replayed')).toBe('true');
    expect(r.body).toEqual(old);
    const left = await t.ctx.database.pool.query(`SELECT key FROM idempotency_keys WHERE principal = $1 AND key IN ($2, $3)`, [me, key, storedKeyOf(key)]);
    expect(left.rows.map((x) => x.key)).toEqual([key]); // the hashed claim is removed again
  });

  it('actions: the accept of an online dossier (which issues code + secret) replays with the secret', async () => {
    const desk = u['demo.tiepnhan']!;
    const reg = await desk.post('/api/v1/dossiers', receptionBody({ channel: 2, outcome: 'register' }), { 'idempotency-key': randomUUID() });
    expect(reg.status).toBe(201);
    const id = reg.body.dossier.id;
    const key = randomUUID();
    const a = await tryAct(desk, id, 'accept', {}, reg.body.dossier.version, { 'idempotency-key': key });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    const secret = a.body.receipt.secret;
    const row = await t.ctx.database.pool.query(`SELECT response::text AS r FROM idempotency_keys WHERE key = $1`, [storedKeyOf(key)]);
    expect(row.rows[0].r).not.toContain(secret);
    const b = await tryAct(desk, id, 'accept', {}, reg.body.dossier.version, { 'idempotency-key': key });
    expect(b.status).toBe(200);
    expect(b.body.receipt.secret).toBe(secret);
    expect(b.body).toEqual(a.body);
  });
});

describe('idempotency keys are pruned after MOTCUA_IDEMPOTENCY_KEEP_DAYS (default 7)', () => {
  it('the nightly job deletes keys older than a week and keeps the recent ones; a pruned key is a new request', async () => {
    const desk = u['demo.tiepnhan']!;
    const oldKey = randomUUID();
    const recentKey = randomUUID();
    const first = await desk.post('/api/v1/dossiers', receptionBody({ note: 'prune old' }), { 'idempotency-key': oldKey });
    expect(first.status).toBe(201);
    expect((await desk.post('/api/v1/dossiers', receptionBody({ note: 'prune recent' }), { 'idempotency-key': recentKey })).status).toBe(201);
    // the row's created_at is the database's now(): age the first one relative to the injected clock
    await t.ctx.database.pool.query(`UPDATE idempotency_keys SET created_at = $1 WHERE key = $2`, [new Date(t.clock.now().getTime() - 8 * 24 * HOUR), storedKeyOf(oldKey)]);
    await t.ctx.database.pool.query(`UPDATE idempotency_keys SET created_at = $1 WHERE key = $2`, [new Date(t.clock.now().getTime() - 6 * 24 * HOUR), storedKeyOf(recentKey)]);
    const r = (await idempotencyPruneJob.run(t.ctx)) as { deleted: number };
    expect(r.deleted).toBeGreaterThanOrEqual(1);
    const left = await t.ctx.database.pool.query(`SELECT key FROM idempotency_keys WHERE key IN ($1, $2)`, [storedKeyOf(oldKey), storedKeyOf(recentKey)]);
    expect(left.rows.map((x) => x.key)).toEqual([storedKeyOf(recentKey)]);
    const again = await desk.post('/api/v1/dossiers', receptionBody({ note: 'prune recent' }), { 'idempotency-key': recentKey });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const renewed = await desk.post('/api/v1/dossiers', receptionBody({ note: 'prune old' }), { 'idempotency-key': oldKey });
    expect(renewed.status).toBe(201);
    expect(renewed.headers.get('idempotent-replayed')).toBeNull();
    expect(renewed.body.dossier.code).not.toBe(first.body.dossier.code);
  });
});

describe('GET /api/v1/workflow/statuses', () => {
  it('exposes the internal state → national status mapping with labels', async () => {
    const r = await u['demo.chuyenvien']!.get('/api/v1/workflow/statuses');
    expect(r.status).toBe(200);
    expect(r.body.nationalStatuses.map((s: any) => s.code)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(r.body.states.find((s: any) => s.state === 'transferred')).toMatchObject({ nationalStatus: 4, labelVi: 'Đang xử lý', terminal: false });
    expect(r.body.states.find((s: any) => s.state === 'returned')).toMatchObject({ nationalStatus: 10, terminal: true });
    expect(r.body.nationalStatuses.find((s: any) => s.code === 1).states).toEqual(['registered', 'needs_completion']);
    // every state appears exactly once
    const all = r.body.nationalStatuses.flatMap((s: any) => s.states);
    expect([...all].sort()).toEqual(r.body.states.map((s: any) => s.state).sort());
    expect(r.body.actions.find((a: any) => a.action === 'mark_step_overdue')).toMatchObject({ system: true, vi: 'Đánh dấu bước quá hạn' });
    expect(r.body.actions.find((a: any) => a.action === 'forward')).toMatchObject({ system: false });
  });
});

describe('step units: unit-scoped role assignments', () => {
  it("a handler assigned to one unit (phòng) may act only at steps of that unit; agency-wide handlers anywhere", async () => {
    const admin = u['demo.admin']!;
    const mk = async (code: string) => {
      const r = await admin.post(`/api/v1/agencies/${STP}/units`, { code, name: `Phòng ${code}` });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.id as string;
    };
    const unitA = await mk('PA');
    const unitB = await mk('PB');
    const user = await admin.post('/api/v1/users', { username: 'unit.handler', fullName: 'Chuyên viên Phòng A', password: 'motcua-demo-unit', agencyCode: STP });
    expect(user.status, JSON.stringify(user.body)).toBe(201);
    const role = await admin.post(`/api/v1/users/${user.body.id}/roles`, { role: 'handler', agencyCode: STP, unitId: unitA });
    expect(role.status, JSON.stringify(role.body)).toBe(201);
    const unitHandler = await t.login('unit.handler', 'motcua-demo-unit');

    const setUnit = async (unitId: string) => {
      const cur = await admin.get(`/api/v1/procedures/${PROV_PROC}/process?agencyCode=${STP}`);
      expect(cur.status).toBe(200);
      const steps = cur.body.steps.map((s: any) => (s.key === 'handling' ? { ...s, unitId } : s));
      const saved = await admin.request('PUT', `/api/v1/procedures/${PROV_PROC}/process`, { agencyCode: STP, steps, config: cur.body.config });
      expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    };

    // handling step belongs to unit B: the unit-A handler can neither see claim offered nor claim
    await setUnit(unitB);
    const { dossier: d1 } = await receive(u['demo.tiepnhan']!);
    await act(u['demo.tiepnhan']!, d1.code, 'forward');
    // the pools follow the same rule: not in the unit-A handler's pool, in the agency-wide handler's
    const poolCodes = async (c: typeof unitHandler) => ((await c.get('/api/v1/dossiers?pool=true&pageSize=100')).body.items as any[]).map((i) => i.code);
    expect(await poolCodes(unitHandler)).not.toContain(d1.code);
    expect(await poolCodes(u['demo.chuyenvien']!)).toContain(d1.code);
    const allowed = await unitHandler.get(`/api/v1/dossiers/${d1.code}/allowed-actions`);
    expect(allowed.status).toBe(200);
    expect(allowed.body.allowed).not.toContain('claim');
    const denied = await tryAct(unitHandler, d1.code, 'claim');
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('ACTION_FORBIDDEN');
    // an agency-wide handler (no unit) still may
    await act(u['demo.chuyenvien']!, d1.code, 'claim');

    // handling step of unit A: the unit-A handler may claim and forward
    await setUnit(unitA);
    const { dossier: d2 } = await receive(u['demo.tiepnhan']!);
    await act(u['demo.tiepnhan']!, d2.code, 'forward');
    expect(await poolCodes(unitHandler)).toContain(d2.code);
    expect((await unitHandler.get(`/api/v1/dossiers/${d2.code}/allowed-actions`)).body.allowed).toContain('claim');
    await act(unitHandler, d2.code, 'claim');
    const fwd = await act(unitHandler, d2.code, 'forward');
    expect(fwd.dossier.stepKey).not.toBe('handling');
  });
});

