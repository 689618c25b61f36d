// Admin endpoints of the catalogue (permission procedure.manage: admin / procedure_control): publish/hide,
// local fee overrides, performing agencies, procedures with parse issues — 401/403 for others, audit rows,
// Idempotency-Key replay, bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type HttpClient, type TestApp } from '../helpers.js';
import { agenciesPerforming, getProcedureForReception } from '../../src/modules/catalog/catalog.service.js';

let t: TestApp;
let admin: HttpClient;
let control: HttpClient;
let reception: HttpClient;
let communeLeader: HttpClient;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('demo.admin');
  control = await t.login('demo.kiemsoat');
  reception = await t.login('demo.tiepnhan');
  communeLeader = await t.login('demo.xa.lanhdao');
});
afterAll(async () => t?.close());

const audit = async (action: string) =>
  (await t.ctx.database.pool.query(`SELECT actor_label, target_type, target_id, details FROM audit_log WHERE action = $1 ORDER BY id`, [action])).rows;
const procedureId = async (code: string) => (await t.ctx.database.pool.query(`SELECT id FROM procedures WHERE code = $1`, [code])).rows[0].id as string;
const agencyId = async (code: string) => (await t.ctx.database.pool.query(`SELECT id FROM agencies WHERE code = $1 AND valid_to IS NULL`, [code])).rows[0].id as string;

describe('permissions', () => {
  const writes: Array<[string, string, unknown?]> = [
    ['POST', '/api/v1/admin/procedures/1.001193/publish'],
    ['POST', '/api/v1/admin/procedures/1.001193/hide'],
    ['PUT', '/api/v1/admin/procedures/1.001193/fee-overrides', { channel: 'in_person', feeName: 'Lệ phí', amountVnd: 1000 }],
    ['DELETE', '/api/v1/admin/procedures/1.001193/fee-overrides?channel=in_person&feeName=x'],
    ['POST', '/api/v1/admin/procedures/1.001193/agencies', { agencyCode: '000.00.02.H56' }],
    ['DELETE', '/api/v1/admin/procedures/1.001193/agencies/000.11.00.H56'],
  ];
  const reads = ['/api/v1/admin/procedures/issues', '/api/v1/admin/procedures/1.001193/fee-overrides', '/api/v1/admin/procedures/1.001193/agencies'];

  it.each(writes)('%s %s: 401 without a session, 403 for a reception officer and a commune leader', async (method, path, body) => {
    const anon = await t.client().request(method, path, body);
    expect(anon.status).toBe(401);
    for (const c of [reception, communeLeader]) {
      const r = await c.request(method, path, body);
      expect(r.status).toBe(403);
      expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(r.body.code).toBe('FORBIDDEN');
    }
  });

  it.each(reads)('GET %s: 401 / 403 for non-managers', async (path) => {
    expect((await t.client().get(path)).status).toBe(401);
    expect((await reception.get(path)).status).toBe(403);
  });

  it('nothing was changed or audited by the refused calls', async () => {
    expect(await audit('procedure.hide')).toEqual([]);
    expect(await audit('procedure.fee_override.set')).toEqual([]);
    const r = await t.client().get('/api/v1/procedures/1.001193');
    expect(r.body.public).toBe(true);
  });
});

describe('publish / hide', () => {
  it('hiding removes the procedure from public search and detail but not from admins or reception', async () => {
    const r = await control.post('/api/v1/admin/procedures/2.000635/hide');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ code: '2.000635', public: false });
    const pub = await t.client().get('/api/v1/procedures?q=2.000635');
    expect(pub.body.total).toBe(0);
    expect((await t.client().get('/api/v1/procedures/2.000635')).status).toBe(404);
    const fields = await t.client().get('/api/v1/procedures/fields');
    const before = fields.body.items.reduce((n: number, f: any) => n + f.count, 0);
    expect(before).toBe(2848);
    const asAdmin = await admin.get('/api/v1/procedures/2.000635');
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.public).toBe(false);
    expect(Array.isArray(asAdmin.body.issues)).toBe(true);
    expect(asAdmin.body.versions).toEqual([{ version: 1, effectiveFrom: null, effectiveTo: null }]);
    expect((await getProcedureForReception(t.ctx, '2.000635')).public).toBe(false);

    const [a] = await audit('procedure.hide');
    expect(a).toMatchObject({ actor_label: 'demo.kiemsoat', target_type: 'procedure', target_id: await procedureId('2.000635') });
    expect(a.details).toMatchObject({ code: '2.000635', before: true, after: false });
  });

  it('publishing brings it back', async () => {
    const r = await admin.post('/api/v1/admin/procedures/2.000635/publish');
    expect(r.body).toEqual({ code: '2.000635', public: true });
    expect((await t.client().get('/api/v1/procedures?q=2.000635')).body.total).toBe(1);
    expect(await audit('procedure.publish')).toHaveLength(1);
  });

  it('an Idempotency-Key retry returns the first answer without a second change', async () => {
    const h = { 'idempotency-key': 'hide-1.000110-once' };
    const one = await admin.post('/api/v1/admin/procedures/1.000110/hide', undefined, h);
    const two = await admin.post('/api/v1/admin/procedures/1.000110/hide', undefined, h);
    expect(one.status).toBe(200);
    expect(two.body).toEqual(one.body);
    expect((await audit('procedure.hide')).filter((a) => a.details.code === '1.000110')).toHaveLength(1);
  });

  it('unknown or malformed codes', async () => {
    const r = await admin.post('/api/v1/admin/procedures/9.999999/hide');
    expect(r.status).toBe(404);
    expect(r.body.code).toBe('PROCEDURE_NOT_FOUND');
    expect((await admin.post('/api/v1/admin/procedures/abc/hide')).status).toBe(400);
  });
});

describe('local fee overrides', () => {
  it('replaces a fee of a channel; the reception API and the detail use it', async () => {
    const before = await getProcedureForReception(t.ctx, '1.000894');
    const fee = before.channels.find((c) => c.kind === 'in_person')!.fees[0];
    expect(fee).toBeDefined();
    const r = await control.request('PUT', '/api/v1/admin/procedures/1.000894/fee-overrides', { channel: 'in_person', feeName: fee.name, amountVnd: 50_000, note: 'Nghị quyết HĐND tỉnh' });
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual([{ channel: 'in_person', feeName: fee.name, amountVnd: 50_000, note: 'Nghị quyết HĐND tỉnh' }]);
    const after = await getProcedureForReception(t.ctx, '1.000894');
    expect(after.channels.find((c) => c.kind === 'in_person')!.fees.find((f) => f.name === fee.name)!.amountVnd).toBe(50_000);
    // other channels keep the national fee
    const online = after.channels.find((c) => c.kind === 'online');
    if (online) expect(online.fees).toEqual(before.channels.find((c) => c.kind === 'online')!.fees);
    const detail = await t.client().get('/api/v1/procedures/1.000894');
    const shown = detail.body.channels.find((c: any) => c.kind === 'in_person').fees.find((f: any) => f.name === fee.name);
    expect(shown).toMatchObject({ amountVnd: 50_000, local: true, note: 'Nghị quyết HĐND tỉnh' });
  });

  it('adds a fee the national record does not have, updates and removes it, each audited', async () => {
    const put = (amountVnd: number) => admin.request('PUT', '/api/v1/admin/procedures/1.000894/fee-overrides', { channel: 'postal', feeName: 'Phí dịch vụ bưu chính', amountVnd });
    expect((await put(20_000)).status).toBe(200);
    expect((await put(25_000)).body.items.find((i: any) => i.channel === 'postal').amountVnd).toBe(25_000);
    const postal = (await getProcedureForReception(t.ctx, '1.000894')).channels.find((c) => c.kind === 'postal');
    if (postal) expect(postal.fees).toContainEqual({ name: 'Phí dịch vụ bưu chính', amountVnd: 25_000 });
    const del = await admin.delete('/api/v1/admin/procedures/1.000894/fee-overrides?channel=postal&feeName=' + encodeURIComponent('Phí dịch vụ bưu chính'));
    expect(del.status).toBe(200);
    expect(del.body.items.map((i: any) => i.channel)).toEqual(['in_person']);
    const again = await admin.delete('/api/v1/admin/procedures/1.000894/fee-overrides?channel=postal&feeName=' + encodeURIComponent('Phí dịch vụ bưu chính'));
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('FEE_OVERRIDE_NOT_FOUND');
    expect(await audit('procedure.fee_override.set')).toHaveLength(3);
    expect(await audit('procedure.fee_override.remove')).toHaveLength(1); // the failed removal rolled back its audit row
    expect((await control.get('/api/v1/admin/procedures/1.000894/fee-overrides')).body.items).toHaveLength(1);
  });

  it.each([
    [{ channel: 'in_person', feeName: 'Lệ phí', amountVnd: -1 }],
    [{ channel: 'in_person', feeName: 'Lệ phí', amountVnd: 1.5 }],
    [{ channel: 'in_person', feeName: 'Lệ phí', amountVnd: '1000' }],
    [{ channel: 'fax', feeName: 'Lệ phí', amountVnd: 1000 }],
    [{ channel: 'in_person', feeName: '', amountVnd: 1000 }],
    [{ channel: 'in_person', amountVnd: 1000 }],
    [{ channel: 'in_person', feeName: 'x'.repeat(201), amountVnd: 1000 }],
    [{ channel: 'in_person', feeName: 'Lệ phí', amountVnd: 1e15 }],
  ])('rejects %j with 400', async (body) => {
    const r = await admin.request('PUT', '/api/v1/admin/procedures/1.000894/fee-overrides', body);
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('rejects a non-JSON body and a missing query', async () => {
    const r = await admin.request('PUT', '/api/v1/admin/procedures/1.000894/fee-overrides', '{oops', { 'content-type': 'application/json' });
    expect(r.status).toBe(400);
    expect((await admin.delete('/api/v1/admin/procedures/1.000894/fee-overrides')).status).toBe(400);
  });
});

describe('agencies performing a procedure', () => {
  it('lists the default performers', async () => {
    const r = await control.get('/api/v1/admin/procedures/1.001193/agencies');
    expect(r.status).toBe(200);
    expect(r.body.items.map((a: any) => a.code)).toEqual(['000.11.00.H56', '000.12.00.H56', '000.13.00.H56', '000.14.00.H56', '000.15.00.H56']);
    expect(new Set(r.body.items.map((a: any) => a.origin))).toEqual(new Set(['default']));
  });

  it('unlinks a default performer and links another agency; search by agency follows', async () => {
    const pid = await procedureId('1.001193');
    const un = await control.delete('/api/v1/admin/procedures/1.001193/agencies/000.12.00.H56');
    expect(un.status).toBe(200);
    expect(un.body.items.map((a: any) => a.code)).not.toContain('000.12.00.H56');
    expect(await agenciesPerforming(t.ctx, pid)).not.toContain(await agencyId('000.12.00.H56'));
    const s1 = await t.client().get('/api/v1/procedures?agency=000.12.00.H56&q=1.001193');
    expect(s1.body.total).toBe(0);

    const link = await admin.post('/api/v1/admin/procedures/1.001193/agencies', { agencyCode: '000.00.02.H56' });
    expect(link.status).toBe(200);
    expect(link.body.items.find((a: any) => a.code === '000.00.02.H56')).toMatchObject({ origin: 'linked' });
    expect(await agenciesPerforming(t.ctx, pid)).toContain(await agencyId('000.00.02.H56'));
    const s2 = await t.client().get('/api/v1/procedures?agency=000.00.02.H56&q=khai%20sinh');
    expect(s2.body.items.map((i: any) => i.code)).toContain('1.001193');

    // relinking the default performer removes the override
    const re = await control.post('/api/v1/admin/procedures/1.001193/agencies', { agencyCode: '000.12.00.H56' });
    expect(re.body.items.find((a: any) => a.code === '000.12.00.H56')).toMatchObject({ origin: 'default' });
    // unlinking a linked non-default agency removes the link
    const un2 = await admin.delete('/api/v1/admin/procedures/1.001193/agencies/000.00.02.H56');
    expect(un2.body.items.map((a: any) => a.code)).not.toContain('000.00.02.H56');

    expect((await audit('procedure.agency.link')).map((a) => a.details.agency)).toEqual(['000.00.02.H56', '000.12.00.H56']);
    expect((await audit('procedure.agency.unlink')).map((a) => a.details.agency)).toEqual(['000.12.00.H56', '000.00.02.H56']);
  });

  it('unknown agency: 422 in a body, 404 in a path; malformed code: 400', async () => {
    const a = await admin.post('/api/v1/admin/procedures/1.001193/agencies', { agencyCode: '999.99.99.H56' });
    expect(a.status).toBe(422);
    expect(a.body.code).toBe('AGENCY_NOT_FOUND');
    expect((await admin.delete('/api/v1/admin/procedures/1.001193/agencies/999.99.99.H56')).status).toBe(404);
    expect((await admin.post('/api/v1/admin/procedures/1.001193/agencies', { agencyCode: 'x y' })).status).toBe(400);
    expect((await admin.post('/api/v1/admin/procedures/1.001193/agencies', {})).status).toBe(400);
    expect((await admin.post('/api/v1/admin/procedures/1.001193/agencies', [1])).status).toBe(400);
  });
});

describe('procedures with parse issues', () => {
  it('lists current-version issues for admins, failed ones by filter', async () => {
    const r = await control.get('/api/v1/admin/procedures/issues?pageSize=50');
    expect(r.status).toBe(200);
    expect(r.body.total).toBeGreaterThan(500);
    for (const i of r.body.items) expect(i.issues.length).toBeGreaterThan(0);
    expect(r.body.lastImport).toMatchObject({ total: 2849 });
    const failed = await control.get('/api/v1/admin/procedures/issues?status=failed&pageSize=100');
    expect(failed.body.total).toBe(203); // records with at least one failure in the parse report (bare time numbers are warnings: read as working days)
    for (const i of failed.body.items) expect(i.issues.some((x: any) => x.status === 'failed')).toBe(true);
    const hidden = await admin.get('/api/v1/admin/procedures/issues?q=1.000110');
    expect(hidden.body.items[0]?.public ?? false).toBe(false);
  });

  it('rejects bad filters', async () => {
    for (const q of ['status=broken', 'page=0', 'pageSize=500', 'field=']) {
      const r = await admin.get(`/api/v1/admin/procedures/issues?${q}`);
      expect(r.status, q).toBe(400);
    }
  });
});
