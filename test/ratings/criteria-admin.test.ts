// The administrators' rating criteria over real HTTP (domain-vn §8): list, add, edit, reorder, disable and
// enable; only an administrator at the top may; "overall" (QĐ 766 5.4) stays active and required; the rating
// form asks what is active in the new order, a new required criterion is required, and a rating keeps the
// answers it was given under a criterion disabled later (the report still counts them).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDossierApp } from '../dossiers/fixtures.js';
import type { HttpClient, ManualClock, TestApp } from '../helpers.js';
import { answers, dossier, loginOfficials, type Officials } from './helpers.js';

let t: TestApp & { clock: ManualClock };
let o: Officials;
let admin: HttpClient;

beforeAll(async () => {
  t = await startDossierApp();
  o = await loginOfficials(t);
  admin = await t.login('demo.admin');
});
afterAll(async () => { await t?.close(); });

const URL_ = '/api/v1/admin/rating-criteria';
const keys = (r: { body: { items: Array<{ key: string }> } }) => r.body.items.map((c) => c.key);
const form = (d: { code: string; secret: string }) => t.client().get(`/api/v1/public/ratings?code=${d.code}&secret=${d.secret}`);

describe('rating criteria administration', () => {
  it('lists the seeded criteria to administrators only', async () => {
    const r = await admin.get(URL_);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(keys(r)).toEqual(['overall', 'attitude', 'timeliness', 'convenience', 'transparency']);
    expect(r.body.items[0]).toMatchObject({ key: 'overall', position: 1, required: true, active: true, nameVi: expect.stringContaining('hài lòng chung') });
    for (const c of [o.control, o.desk, o.leader]) expect((await c.get(URL_)).status).toBe(403);
    expect((await t.client().get(URL_)).status).toBe(401);
  });

  it('adds, edits and reorders; bad input fails on its field', async () => {
    const bad = await admin.post(URL_, { key: 'Số lần', nameVi: 'x', nameEn: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'body.key', code: 'RATING_CRITERION_KEY', message: expect.stringContaining('chữ thường không dấu') })]);
    const added = await admin.post(URL_, { key: 'visits', nameVi: 'Số lần phải đi lại để hoàn thành hồ sơ', nameEn: 'Visits needed to complete the dossier', required: true });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.items.at(-1)).toMatchObject({ key: 'visits', position: 6, required: true, active: true });
    const dup = await admin.post(URL_, { key: 'visits', nameVi: 'x', nameEn: 'x' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('RATING_CRITERION_EXISTS');
    expect((await admin.request('PUT', `${URL_}/nope`, { nameVi: 'x' })).status).toBe(404);

    const edited = await admin.request('PUT', `${URL_}/timeliness`, { nameVi: 'Thời gian giải quyết so với giấy hẹn', required: true });
    expect(edited.status).toBe(200);
    expect(edited.body.items.find((c: any) => c.key === 'timeliness')).toMatchObject({ nameVi: 'Thời gian giải quyết so với giấy hẹn', required: true });

    const partial = await admin.request('PUT', `${URL_}/order`, { keys: ['visits', 'overall'] });
    expect(partial.status).toBe(422);
    expect(partial.body.errors[0]).toMatchObject({ path: 'body.keys', code: 'RATING_CRITERIA_ORDER' });
    expect(JSON.stringify(partial.body.errors[0])).toContain('attitude');
    const order = ['overall', 'visits', 'timeliness', 'attitude', 'convenience', 'transparency'];
    const re = await admin.request('PUT', `${URL_}/order`, { keys: order });
    expect(re.status, JSON.stringify(re.body)).toBe(200);
    expect(keys(re)).toEqual(order);
    expect(re.body.items.map((c: any) => c.position)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('"overall" stays active and required', async () => {
    for (const [field, body] of [['body.active', { active: false }], ['body.required', { required: false }]] as const) {
      const r = await admin.request('PUT', `${URL_}/overall`, body);
      expect(r.status).toBe(422);
      expect(r.body.errors[0]).toMatchObject({ path: field, code: 'RATING_CRITERION_OVERALL' });
    }
  });

  it('the rating form follows the criteria; a disabled criterion stays in the ratings that have it', async () => {
    const d1 = await dossier(o);
    const f1 = await form(d1);
    expect(f1.body.criteria.map((c: any) => c.key)).toEqual(['overall', 'visits', 'timeliness', 'attitude', 'convenience', 'transparency']);
    const missing = await t.client().post('/api/v1/public/ratings', { code: d1.code, secret: d1.secret, answers: answers(3, { timeliness: 3 }) });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0]).toMatchObject({ path: 'body.answers.visits', code: 'RATING_ANSWER_REQUIRED' });
    const ok = await t.client().post('/api/v1/public/ratings', { code: d1.code, secret: d1.secret, answers: answers(3, { visits: 2, timeliness: 3, attitude: 1 }) });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);

    const off = await admin.request('PUT', `${URL_}/attitude`, { active: false });
    expect(off.status).toBe(200);
    expect(off.body.items.find((c: any) => c.key === 'attitude')).toMatchObject({ active: false, position: 4 });
    const d2 = await dossier(o);
    expect((await form(d2)).body.criteria.map((c: any) => c.key)).toEqual(['overall', 'visits', 'timeliness', 'convenience', 'transparency']);
    // the first rating keeps its answer under the disabled criterion
    const rep = await o.control.get('/api/v1/reports/ratings?from=2026-11-01&to=2026-12-31&groupBy=agency');
    expect(rep.status, JSON.stringify(rep.body)).toBe(200);
    expect(rep.body.totals.counts.attitude).toMatchObject({ '1': 1 });
    expect(rep.body.totals.counts.visits).toMatchObject({ '2': 1 });
    // enabled again: asked again where it was
    const on = await admin.request('PUT', `${URL_}/attitude`, { active: true });
    expect(keys(on)).toEqual(['overall', 'visits', 'timeliness', 'attitude', 'convenience', 'transparency']);
  });
});
