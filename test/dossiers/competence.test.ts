// Issue 11 items 2–4 over HTTP: the competent agency a desk gets (catalogue text, field map, several → choose),
// the versioned field map, a forward to a step nobody can act on is refused, the admin list of stranded
// dossiers, admin time limits, and the desk's procedure search.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceCatalog } from '../../src/modules/catalog/catalog.import.js';
import type { HttpClient, TestApp } from '../helpers.js';
import { applicant, CENTRE, startDossierApp, versionOf } from './fixtures.js';

let t: TestApp;
let desk: HttpClient;
let admin: HttpClient;
beforeAll(async () => {
  t = await startDossierApp();
  desk = await t.login('demo.tiepnhan');
  admin = await t.login('demo.admin');
});
afterAll(async () => t?.close());

const post = (c: HttpClient, body: Record<string, unknown>) => c.post('/api/v1/dossiers', { channel: 1, applicant: applicant(), components: [], ...body }, { 'idempotency-key': randomUUID() });

describe('competent agency at the desk', () => {
  it('the field map covers every field of the catalogue\'s province-level procedures', async () => {
    const r = await admin.get('/api/v1/admin/field-agencies?level=province');
    expect(r.status).toBe(200);
    const mapped = new Set((r.body.items as Array<{ field: string }>).map((i) => i.field));
    const fields = new Set(referenceCatalog().parsed.filter((p) => p.levels.includes('province') && p.field).map((p) => p.field!));
    expect([...fields].filter((f) => !mapped.has(f))).toEqual([]);
    expect(fields.size).toBeGreaterThan(100);
  });

  it('catalogue text names the department; else the field map; several named → the desk must choose', async () => {
    const named = await desk.get(`/api/v1/procedures/1.005411/competence?desk=${CENTRE}`);
    expect(named.body.source).toBe('catalog_text');
    expect(named.body.candidates.map((c: any) => c.code).sort()).toEqual(['000.00.04.H56', '000.00.05.H56', '000.00.63.H56']);
    const r = await post(desk, { procedureCode: '1.005411' });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('COMPETENT_AGENCY_REQUIRED');
    expect(r.body.errors[0]).toMatchObject({ path: 'body.competentAgencyCode', code: 'COMPETENT_AGENCY_CHOICE' });
    expect(r.body.candidates).toHaveLength(3);
    const mapped = await desk.get(`/api/v1/procedures/1.003870/competence?desk=${CENTRE}`);
    expect(mapped.body).toMatchObject({ source: 'field_map', candidates: [{ code: '000.00.04.H56' }] });
    // never the centre itself (the stranding the issue found)
    const ok = await post(desk, { procedureCode: '1.003870' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.dossier.agencies.competent.code).toBe('000.00.04.H56');
  });

  it('an admin remaps a field (a new version); a forward to an agency where nobody holds the role is refused, naming it', async () => {
    const created = await admin.post('/api/v1/agencies', { code: '000.00.30.H56', name: 'Sở Ngoại vụ tỉnh Thanh Hóa', kind: 'department', parentCode: '000.00.00.H56', adminUnitCode: '38' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const before = (await admin.get('/api/v1/admin/field-agencies?level=province')).body.items.find((i: any) => i.field === 'Thủy lợi');
    const put = await admin.request('PUT', '/api/v1/admin/field-agencies', { level: 'province', field: 'Thủy lợi', agencyCode: '000.00.30.H56', note: 'thử nghiệm' });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ agencyCode: '000.00.30.H56', version: before.version + 1 });
    const r = await post(desk, { procedureCode: '1.004385' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.dossier.agencies.competent.code).toBe('000.00.30.H56');
    const id = r.body.dossier.id;
    const f = await desk.post(`/api/v1/dossiers/${id}/actions/forward`, { version: r.body.dossier.version });
    expect(f.status).toBe(409);
    expect(f.body.code).toBe('NO_ONE_CAN_ACT');
    expect(f.body.title).toContain('Chuyên viên thụ lý');
    expect(f.body.title).toContain('Sở Ngoại vụ tỉnh Thanh Hóa');
    expect(f.body.missing).toMatchObject({ agencyCode: '000.00.30.H56', role: 'handler' });
    // nothing half-written: still at reception, same version
    expect(await versionOf(desk, id)).toBe(r.body.dossier.version);
    const back = await admin.request('PUT', '/api/v1/admin/field-agencies', { level: 'province', field: 'Thủy lợi', agencyCode: '000.00.04.H56' });
    expect(back.body.version).toBe(before.version + 2);
  });

  it('dossiers nobody can act on are listed for admins with the fix', async () => {
    const r = await post(desk, { procedureCode: '1.004427' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const f = await desk.post(`/api/v1/dossiers/${r.body.dossier.id}/actions/forward`, { version: r.body.dossier.version });
    expect(f.status, JSON.stringify(f.body)).toBe(200);
    const empty = await admin.get('/api/v1/admin/dossiers/stranded');
    expect(empty.body.items.some((i: any) => i.id === r.body.dossier.id)).toBe(false);
    // the department's only handler leaves
    const users = await admin.get('/api/v1/users?q=demo.snnmt.xuly');
    const u = users.body.items.find((x: any) => x.username === 'demo.snnmt.xuly');
    expect((await admin.patch(`/api/v1/users/${u.id}`, { active: false })).status).toBe(200);
    const list = await admin.get('/api/v1/admin/dossiers/stranded');
    const item = list.body.items.find((i: any) => i.id === r.body.dossier.id);
    expect(item).toMatchObject({ role: 'handler', roleName: 'Chuyên viên thụ lý', agencyCode: '000.00.04.H56' });
    expect(item.fixVi).toContain('Phân vai trò "Chuyên viên thụ lý"');
    expect((await desk.get('/api/v1/admin/dossiers/stranded')).status).toBe(403);
    await admin.patch(`/api/v1/users/${u.id}`, { active: true });
  });

  it('commune residence goes to the commune police, civil status to the commune committee', async () => {
    const xa = await t.login('demo.xa.tiepnhan');
    const res = await xa.get('/api/v1/procedures/1.004222/competence?desk=000.11.01.H56');
    expect(res.body).toMatchObject({ level: 'commune', candidates: [{ code: '000.11.02.H56' }] });
    const birth = await xa.get('/api/v1/procedures/1.001193/competence?desk=000.11.01.H56');
    expect(birth.body).toMatchObject({ level: 'commune', candidates: [{ code: '000.11.00.H56' }] });
  });
});

describe('time limits', () => {
  it('chứng thực has the same-day limit of ND 23/2015 Art. 7; khai sinh reads "1" as 1 working day, listed for review', async () => {
    const ct = await desk.get('/api/v1/procedures/2.000815');
    expect(ct.body.timeLimit).toMatchObject({ unit: 'same_day', source: 'admin' });
    expect(ct.body.timeLimit.basis).toContain('23/2015/NĐ-CP');
    const ks = await desk.get('/api/v1/procedures/1.001193');
    expect(ks.body.timeLimit).toMatchObject({ value: 1, unit: 'working_days', source: 'unit_inferred' });
    const review = await admin.get('/api/v1/admin/procedures/inferred-units?pageSize=200');
    expect(review.status).toBe(200);
    expect(review.body.total).toBeGreaterThan(250);
    expect(review.body.items.some((i: any) => i.code === '1.001193' && i.label === 'đơn vị suy ra')).toBe(true);
  });

  it('an unknown limit gets a message naming the admin action; after the admin sets it the desk can receive', async () => {
    const r = await post(desk, { procedureCode: '1.000005' });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('PROCEDURE_NO_TIME_LIMIT');
    expect(r.body.title).toContain('Quản trị viên cần đặt thời hạn');
    expect(r.body.errors[0].path).toBe('body.procedureCode');
    const bad = await admin.request('PUT', '/api/v1/admin/procedures/1.000005/time-limit', { value: 5, unit: 'weeks', basis: 'x' });
    expect(bad.status).toBe(400);
    const set = await admin.request('PUT', '/api/v1/admin/procedures/1.000005/time-limit', { value: 5, unit: 'working_days', basis: 'Điều 10 Nghị định 126/2020/NĐ-CP (thử nghiệm)' });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect((await desk.request('PUT', '/api/v1/admin/procedures/1.000005/time-limit', { value: 5, unit: 'working_days', basis: 'x y z' })).status).toBe(403);
    const c = await desk.get(`/api/v1/procedures/1.000005/competence?desk=${CENTRE}`);
    const ok = await post(desk, { procedureCode: '1.000005', competentAgencyCode: c.body.candidates[0].code });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.receipt.legalTimeLimit.workingDays).toBe(5);
  });
});

describe('the desk searches what it may receive', () => {
  it('central-ministry procedures are not offered to a desk; its own level comes first', async () => {
    const all = await desk.get('/api/v1/procedures?q=c%E1%BA%A5p&pageSize=100');
    expect(all.body.items.some((p: any) => p.levels.length === 1 && p.levels[0] === 'ministry')).toBe(true);
    const atDesk = await desk.get(`/api/v1/procedures?q=c%E1%BA%A5p&pageSize=100&desk=${CENTRE}`);
    expect(atDesk.body.items.length).toBeGreaterThan(10);
    expect(atDesk.body.items.every((p: any) => p.levels.includes('province') || p.levels.includes('commune'))).toBe(true);
    const levels = atDesk.body.items.map((p: any) => (p.levels.includes('province') ? 0 : 1));
    expect(levels).toEqual([...levels].sort());
    const commune = await desk.get('/api/v1/procedures?q=khai%20sinh&pageSize=50&desk=000.11.01.H56');
    expect(commune.body.items[0].levels).toContain('commune');
  });
});
