// Users with their role assignments (GET /users lists them, the web admin screen removes them by id) and
// the assignee picker GET /agencies/{code}/officials (role and text filters, read scope: outside → 404).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type HttpClient, type TestApp } from '../helpers.js';

const PROVINCE = '000.00.00.H56';
const CENTRE = '000.00.01.H56';
const STP = '000.00.02.H56';
const XA1 = '000.11.00.H56';
const XA1_TT = '000.11.01.H56';

let t: TestApp;
let admin: HttpClient;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('demo.admin');
});
afterAll(async () => t?.close());

async function findUser(username: string) {
  const r = await admin.get(`/api/v1/users?q=${encodeURIComponent(username)}&pageSize=200`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.items.find((u: any) => u.username === username);
}

describe('GET /users: role assignments', () => {
  it('every user of the page carries all their roles with agency code and name', async () => {
    const r = await admin.get('/api/v1/users?pageSize=200');
    expect(r.status).toBe(200);
    expect(r.body.items.length).toBeGreaterThan(5);
    for (const u of r.body.items) expect(Array.isArray(u.roles), u.username).toBe(true);
    const leader = r.body.items.find((u: any) => u.username === 'demo.lanhdao');
    expect(leader.roles.map((x: any) => x.role).sort()).toEqual(['agency_leader', 'unit_leader']);
    for (const x of leader.roles) {
      expect(x).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        role: x.role,
        agencyId: expect.any(String),
        agencyCode: STP,
        agencyName: 'Sở Tư pháp tỉnh Thanh Hóa',
        unit: null,
      });
    }
    const xa = r.body.items.find((u: any) => u.username === 'demo.xa.tiepnhan');
    expect(xa.roles.map((x: any) => [x.role, x.agencyCode]).sort()).toEqual([['reception', XA1_TT], ['return_officer', XA1_TT]]);
  });

  it('assign (with a unit) shows up in the list and in the answer; remove by the listed id takes it away', async () => {
    const created = await admin.post('/api/v1/users', { username: 'roles.test', fullName: 'Nguyễn Văn Vai Trò', password: 'roles-test-password', agencyCode: STP });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const agency = await admin.get(`/api/v1/agencies/${STP}`);
    const unit = agency.body.units.find((x: any) => x.code === 'HCTP');
    expect(unit).toBeTruthy();
    const a1 = await admin.post(`/api/v1/users/${id}/roles`, { role: 'handler', agencyCode: STP, unitId: unit.id });
    expect(a1.status, JSON.stringify(a1.body)).toBe(201);
    expect(a1.body.items).toEqual([
      { id: expect.any(String), role: 'handler', agencyId: agency.body.id, agencyCode: STP, agencyName: agency.body.name, unit: { id: unit.id, code: 'HCTP', name: unit.name } },
    ]);
    const a2 = await admin.post(`/api/v1/users/${id}/roles`, { role: 'reception', agencyCode: CENTRE });
    expect(a2.status).toBe(201);
    expect(a2.body.items).toHaveLength(2);

    let listed = await findUser('roles.test');
    expect(listed.roles).toHaveLength(2);
    expect(listed.roles).toEqual(expect.arrayContaining(a2.body.items));
    const handler = listed.roles.find((x: any) => x.role === 'handler');
    expect(handler.unit).toEqual({ id: unit.id, code: 'HCTP', name: unit.name });

    expect((await admin.delete(`/api/v1/users/${id}/roles/${handler.id}`)).status).toBe(204);
    listed = await findUser('roles.test');
    expect(listed.roles.map((x: any) => [x.role, x.agencyCode])).toEqual([['reception', CENTRE]]);
    // the same id again: already gone
    expect((await admin.delete(`/api/v1/users/${id}/roles/${handler.id}`)).status).toBe(404);
  });

  it('is still for admins only', async () => {
    expect((await (await t.login('demo.lanhdao')).get('/api/v1/users')).status).toBe(403);
    expect((await t.client().get('/api/v1/users')).status).toBe(401);
  });
});

describe('GET /agencies/{code}/officials: the assignee picker', () => {
  const names = (r: any) => r.body.items.map((i: any) => i.username);

  it('a department leader sees the officials of the department, each with their roles there', async () => {
    const lead = await t.login('demo.lanhdao');
    const r = await lead.get(`/api/v1/agencies/${STP}/officials`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(names(r)).toEqual(expect.arrayContaining(['demo.chuyenvien', 'demo.lanhdao', 'demo.vanthu']));
    for (const other of ['demo.tiepnhan', 'demo.xa.chuyenvien', 'demo.admin', 'demo.kiemsoat']) expect(names(r)).not.toContain(other);
    const cv = r.body.items.find((i: any) => i.username === 'demo.chuyenvien');
    expect(cv).toEqual({ id: expect.any(String), username: 'demo.chuyenvien', fullName: 'Trần Minh Đức', roles: [{ role: 'handler', agencyCode: STP }] });
  });

  it('role= keeps those holding that role; q= matches the name with or without diacritics', async () => {
    const lead = await t.login('demo.lanhdao');
    const handlers = await lead.get(`/api/v1/agencies/${STP}/officials?role=handler`);
    expect(handlers.status).toBe(200);
    expect(names(handlers)).toContain('demo.chuyenvien');
    expect(names(handlers)).not.toContain('demo.lanhdao');
    expect(handlers.body.items.every((i: any) => i.roles.some((x: any) => x.role === 'handler'))).toBe(true);
    expect(names(await lead.get(`/api/v1/agencies/${STP}/officials?q=${encodeURIComponent('tran minh duc')}`))).toEqual(['demo.chuyenvien']);
    expect(names(await lead.get(`/api/v1/agencies/${STP}/officials?q=${encodeURIComponent('Trần Minh Đức')}`))).toEqual(['demo.chuyenvien']);
    expect(names(await lead.get(`/api/v1/agencies/${STP}/officials?role=cashier`))).toEqual([]);
    expect(names(await lead.get(`/api/v1/agencies/${STP}/officials?limit=1`))).toHaveLength(1);
  });

  it('covers the subtree: the province leader picks from a commune and from the whole province', async () => {
    const prov = await t.login('demo.lanhdaotinh');
    const xa = await prov.get(`/api/v1/agencies/${XA1}/officials`);
    expect(xa.status).toBe(200);
    // the commune's centre (a child agency) is included
    expect(names(xa)).toEqual(expect.arrayContaining(['demo.xa.tiepnhan', 'demo.xa.chuyenvien', 'demo.xa.lanhdao']));
    expect(xa.body.items.find((i: any) => i.username === 'demo.xa.tiepnhan').roles).toEqual([
      { role: 'reception', agencyCode: XA1_TT }, { role: 'return_officer', agencyCode: XA1_TT },
    ]);
    expect(names(xa)).not.toContain('demo.xa2.tiepnhan');
    const all = await prov.get(`/api/v1/agencies/${PROVINCE}/officials?role=handler&limit=200`);
    expect(names(all)).toEqual(expect.arrayContaining(['demo.chuyenvien', 'demo.xa.chuyenvien', 'demo.xa2.chuyenvien']));
  });

  it('leaves out integration clients and deactivated officials', async () => {
    const desk = await t.login('demo.tiepnhan');
    const before = await desk.get(`/api/v1/agencies/${CENTRE}/officials`);
    expect(names(before)).toContain('demo.traketqua');
    expect(names(before)).not.toContain('demo.lienthong'); // reception role, but an integration client
    const tk = await findUser('demo.traketqua');
    expect((await admin.patch(`/api/v1/users/${tk.id}`, { active: false })).status).toBe(200);
    expect(names(await desk.get(`/api/v1/agencies/${CENTRE}/officials`))).not.toContain('demo.traketqua');
    expect((await admin.patch(`/api/v1/users/${tk.id}`, { active: true })).status).toBe(200);
  });

  it('outside the caller\'s scope or unknown → 404; bad input → 400; signed out → 401', async () => {
    const lead = await t.login('demo.lanhdao');
    for (const code of [XA1, CENTRE, PROVINCE, '999.99.99.H56']) {
      const r = await lead.get(`/api/v1/agencies/${code}/officials`);
      expect(r.status, code).toBe(404);
      expect(r.body.code).toBe('NOT_FOUND');
    }
    const xaDesk = await t.login('demo.xa.tiepnhan');
    expect((await xaDesk.get(`/api/v1/agencies/${STP}/officials`)).status).toBe(404);
    expect((await xaDesk.get(`/api/v1/agencies/${XA1_TT}/officials`)).status).toBe(200);
    // an admin without a dossier-reading role does not read dossiers, hence no picker either
    expect((await admin.get(`/api/v1/agencies/${STP}/officials`)).status).toBe(404);
    const bad = await lead.get(`/api/v1/agencies/${STP}/officials?role=boss`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('querystring.role');
    expect((await lead.get(`/api/v1/agencies/${STP}/officials?limit=0`)).status).toBe(400);
    expect((await t.client().get(`/api/v1/agencies/${STP}/officials`)).status).toBe(401);
  });
});
