// Issue "Every real procedure at the desk", time limits over HTTP on a real database: months counted as calendar
// months (same date, next working day), a per-case limit used for the chosen case, the review list of limits
// read with a rule ("đơn vị suy ra", longest case, phases added up, months) and the list of procedures still
// without a limit, each with its reason and the admin action.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient, TestApp } from '../helpers.js';
import { applicant, CENTRE, startDossierApp } from '../dossiers/fixtures.js';

let t: TestApp;
let desk: HttpClient;
let admin: HttpClient;
beforeAll(async () => {
  t = await startDossierApp();
  desk = await t.login('demo.tiepnhan');
  admin = await t.login('demo.admin');
});
afterAll(async () => t?.close());

async function receive(code: string, extra: Record<string, unknown> = {}) {
  const c = await desk.get(`/api/v1/procedures/${code}/competence?desk=${CENTRE}`);
  expect(c.status, JSON.stringify(c.body)).toBe(200);
  const r = await desk.post('/api/v1/dossiers', { channel: 1, applicant: applicant(), components: [], procedureCode: code, competentAgencyCode: c.body.candidates[0].code, ...extra }, { 'idempotency-key': randomUUID() });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

describe('months', () => {
  it('"6 Tháng" received on Monday 23/11/2026 is due on the same date six months later, moved off the Sunday to Monday 24/05/2027', async () => {
    const r = await receive('1.001010');
    expect(r.receipt.appointmentAtLocal).toMatch(/^2027-05-24T09:00/);
  });
  it('"3 Tháng" is due on Tuesday 23/02/2027 (a working day), at the clock time of reception', async () => {
    const r = await receive('1.004030');
    expect(r.receipt.appointmentAtLocal).toMatch(/^2027-02-23T09:00/);
  });
});

describe('per-case limits', () => {
  it('1.014257: the chosen case\'s own limit is used; without a case the longest one', async () => {
    const proc = await desk.get('/api/v1/procedures/1.014257');
    expect(proc.body.timeLimit).toMatchObject({ value: 70, unit: 'working_days' });
    const titles = Object.fromEntries(proc.body.cases.map((c: any) => [c.key, c.title]));
    expect(titles.c1).toContain('khoản 1 Điều 72');
    const byId = new Map<string, any>(proc.body.components.map((c: any) => [c.id, c]));
    const checklist = (key: string) =>
      proc.body.cases.find((c: any) => c.key === key).components.map((c: any) => ({ componentId: c.id, provided: true, form: byId.get(c.id).originals > 0 ? 'original' : 'copy', copies: 1 }));
    const c1 = await receive('1.014257', { caseKey: 'c1', components: checklist('c1') });
    const c3 = await receive('1.014257', { caseKey: 'c3', components: checklist('c3') });
    const due = (x: any) => new Date(x.receipt.appointmentAt).getTime();
    // c1 (khoản 1 Điều 72) has 22 working days, c3 (nhóm II/III) 70: the appointments differ by 48 working days
    expect(due(c3)).toBeGreaterThan(due(c1));
    const { workingHoursBetweenFor } = await import('../../src/modules/calendar/calendar.service.js');
    expect(await workingHoursBetweenFor(t.ctx, null, new Date(c1.receipt.appointmentAt), new Date(c3.receipt.appointmentAt))).toBe(48 * 8);
  });
});

describe('admin lists', () => {
  it('the review list shows how each limit was read', async () => {
    const r = await admin.get('/api/v1/admin/procedures/inferred-units?pageSize=200&page=1');
    expect(r.status).toBe(200);
    let items = r.body.items as any[];
    for (let page = 2; items.length < r.body.total; page++) items = items.concat((await admin.get(`/api/v1/admin/procedures/inferred-units?pageSize=200&page=${page}`)).body.items);
    const by = (code: string) => items.find((i) => i.code === code);
    expect(by('1.001193')).toMatchObject({ kind: 'unit_inferred', label: 'đơn vị suy ra', readAs: 'working_days' });
    expect(by('1.004498')).toMatchObject({ kind: 'cases', value: 35, readAs: 'working_days' });
    expect(by('1.003160')).toMatchObject({ kind: 'phases', value: 50 });
    expect(by('1.001010')).toMatchObject({ kind: 'months', value: 6, readAs: 'months' });
    expect(by('1.001010').labelEn).toContain('calendar months');
  });

  it('procedures still without a limit are listed with their reason and the admin action; 401 / 403 for others', async () => {
    expect((await t.client().get('/api/v1/admin/procedures/without-limit')).status).toBe(401);
    expect((await desk.get('/api/v1/admin/procedures/without-limit')).status).toBe(403);
    const r = await admin.get('/api/v1/admin/procedures/without-limit');
    expect(r.status).toBe(200);
    const by = Object.fromEntries((r.body.items as any[]).map((i) => [i.code, i]));
    expect(by['1.007689']).toMatchObject({ reason: 'no_result' });
    expect(by['1.013577']).toMatchObject({ reason: 'event_bound' });
    expect(by['1.000005']).toMatchObject({ reason: 'not_stated', adminAction: 'PUT /api/v1/admin/procedures/1.000005/time-limit' });
    expect(by['1.004680']).toBeUndefined(); // read from its description (longest case)
    expect(by['2.001019']).toBeUndefined(); // Chứng thực di chúc: NĐ 23/2015 Art. 7(2)
    expect(r.body.total).toBe(r.body.items.length);
    expect(r.body.total).toBeLessThanOrEqual(90);
    for (const i of r.body.items) expect(i.reasonVi.length).toBeGreaterThan(10);
    // an admin limit takes a procedure off the list
    const set = await admin.request('PUT', '/api/v1/admin/procedures/1.000005/time-limit', { value: 8, unit: 'working_hours', basis: 'Điều 23 Luật Hải quan 2014 (thử nghiệm)' });
    expect(set.status).toBe(200);
    const after = await admin.get('/api/v1/admin/procedures/without-limit');
    expect(after.body.items.some((i: any) => i.code === '1.000005')).toBe(false);
    expect(after.body.total).toBe(r.body.total - 1);
  });

  it('the desk gets the named admin action for a procedure without a limit, nothing written', async () => {
    const before = (await t.ctx.database.pool.query('SELECT count(*)::int AS n FROM dossiers')).rows[0].n;
    const r = await desk.post('/api/v1/dossiers', { channel: 1, applicant: applicant(), components: [], procedureCode: '1.007689' }, { 'idempotency-key': randomUUID() });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('PROCEDURE_NO_TIME_LIMIT');
    expect(r.body.errors[0].message).toContain('Quản trị');
    expect((await t.ctx.database.pool.query('SELECT count(*)::int AS n FROM dossiers')).rows[0].n).toBe(before);
  });
});
