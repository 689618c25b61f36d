// A merchant and a secret per agency (payment_accounts): the administrators' API (the secret never returned,
// only its reference), payments of two agencies through their own merchants, each order bound to its account,
// callbacks verified with THAT account's secret — a callback signed with agency A's secret for an order of
// agency B is refused and audited —, the status query under the account's key, and the fallback to the
// deployment's single configuration when an agency has no (active) account. Real HTTP, the simulated gateway
// as a real peer knowing every merchant's key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { queryPendingPayments } from '../../src/modules/payments/payments.service.js';
import { act, CENTRE, COMMUNE_PROC, receive, XA1_TT } from '../dossiers/fixtures.js';
import type { HttpClient } from '../helpers.js';
import { eventually, payOnGateway, SECRET, setMode, signed, startPaymentWorld, type PaymentWorld } from './helpers.js';

const CENTRE_SECRET = 'centre-merchant-secret-0001';
const WARD_SECRET = 'ward-merchant-secret-0002';
const ENV = { MOTCUA_PAYMENT_SECRET_CENTRE_SIM: CENTRE_SECRET, MOTCUA_PAYMENT_SECRET_HACTHANH_SIM: WARD_SECRET };

let w: PaymentWorld;
let admin: HttpClient;
let ward: { desk: HttpClient; handler: HttpClient };
beforeAll(async () => {
  w = await startPaymentWorld(ENV, [CENTRE_SECRET, WARD_SECRET]);
  admin = await w.t.login('demo.admin');
  ward = { desk: await w.t.login('demo.xa.tiepnhan'), handler: await w.t.login('demo.xa.chuyenvien') };
});
afterAll(async () => w?.close());

const ACCOUNTS = '/api/v1/admin/payment-accounts';
const centreAccount = { agencyCode: CENTRE, gateway: 'simulated', merchantCode: 'TTPVHCC', accountNo: '3713.0.1055555', bankCode: 'KBNN', accountName: 'Trung tâm Phục vụ hành chính công tỉnh', receiptSeries: 'BL-TTHCC/26E', secretRef: 'CENTRE_SIM' };
const wardAccount = { agencyCode: XA1_TT, gateway: 'simulated', merchantCode: 'HACTHANH', accountNo: '3713.0.1066666', bankCode: 'KBNN', accountName: 'UBND phường Hạc Thành', receiptSeries: 'BL-HT/26E', secretRef: 'HACTHANH_SIM' };
const ids: Record<string, string> = {};

/** A dossier waiting for `amount` đồng: at the provincial centre, or at Phường Hạc Thành's desk. */
async function awaiting(where: 'centre' | 'ward', amount: number): Promise<{ code: string; secret: string }> {
  const [desk, handler] = where === 'centre' ? [w.desk, w.handler] : [ward.desk, ward.handler];
  const r = await receive(desk, where === 'ward' ? { procedureCode: COMMUNE_PROC, competentAgencyCode: undefined } : {});
  const code = r.dossier.code as string;
  await act(desk, code, 'forward');
  await act(handler, code, 'claim');
  await act(handler, code, 'request_payment', { amount, reason: 'Lệ phí' });
  return { code, secret: (r.receipt as { secret: string }).secret };
}
const start = async (d: { code: string; secret: string }) => {
  const r = await w.t.client().post('/api/v1/public/payments', { code: d.code, secret: d.secret });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { orderRef: string; payUrl: string; status: string };
};
const row = async (orderRef: string) =>
  (await sql<{ account_id: string | null; status: string; receipt_series: string | null }>`SELECT account_id, status, receipt_series FROM payments WHERE order_ref = ${orderRef}`.execute(w.t.ctx.db)).rows[0]!;
const messages = async (orderRef: string) =>
  (await sql<{ outcome: string; detail: string | null }>`SELECT outcome, detail FROM payment_messages WHERE order_ref = ${orderRef} ORDER BY received_at`.execute(w.t.ctx.db)).rows;

describe('the administrators\' payment accounts', () => {
  it('add, list, edit; the secret is never returned; bad input fails on its field; audited', async () => {
    expect((await admin.get(ACCOUNTS)).body).toEqual({ gateway: 'simulated', items: [] });
    for (const [key, body] of [['centre', centreAccount], ['ward', wardAccount]] as const) {
      const r = await admin.post(ACCOUNTS, body);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body).toMatchObject({ ...body, secretConfigured: true, active: true, inUse: true });
      ids[key] = r.body.id;
    }
    const list = await admin.get(ACCOUNTS);
    expect(list.body.items.map((a: { agencyCode: string }) => a.agencyCode)).toEqual([CENTRE, XA1_TT]);
    expect(list.body.items[1].agencyName).toContain('Hạc Thành');
    const everything = JSON.stringify(list.body);
    expect(everything).not.toContain(CENTRE_SECRET);
    expect(everything).not.toContain(WARD_SECRET);

    // a reference the configuration does not hold; a second active account; a malformed merchant code
    const unknown = await admin.post(ACCOUNTS, { ...centreAccount, agencyCode: '000.00.02.H56', secretRef: 'NOT_SET' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0]).toMatchObject({ path: 'body.secretRef', code: 'PAYMENT_SECRET_REF_UNKNOWN' });
    expect(unknown.body.errors[0].messageVi ?? unknown.body.errors[0].message).toBeTruthy();
    const twice = await admin.post(ACCOUNTS, centreAccount);
    expect(twice.status).toBe(422);
    expect(twice.body.errors[0]).toMatchObject({ path: 'body.gateway', code: 'PAYMENT_ACCOUNT_EXISTS' });
    const bad = await admin.post(ACCOUNTS, { ...centreAccount, merchantCode: 'TT PV HCC!' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toContain('merchantCode');
    const noAgency = await admin.post(ACCOUNTS, { ...centreAccount, agencyCode: '999.99.99.H56' });
    expect(noAgency.body.errors[0]).toMatchObject({ path: 'body.agencyCode', code: 'AGENCY_UNKNOWN' });
    expect((await admin.get(ACCOUNTS)).body.items).toHaveLength(2);

    const edit = await admin.patch(`${ACCOUNTS}/${ids.centre}`, { accountName: 'Trung tâm PVHCC tỉnh Thanh Hóa' });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    expect(edit.body).toMatchObject({ accountName: 'Trung tâm PVHCC tỉnh Thanh Hóa', merchantCode: 'TTPVHCC' });
    expect((await admin.patch(`${ACCOUNTS}/${ids.centre}`, { secretRef: 'NOT_SET' })).body.errors[0].code).toBe('PAYMENT_SECRET_REF_UNKNOWN');

    // not an administrator
    const desk = await w.desk.get(ACCOUNTS);
    expect(desk.status).toBe(403);
    expect(desk.body.code).toBe('PAYMENT_ACCOUNTS_FORBIDDEN');
    expect((await w.desk.patch(`${ACCOUNTS}/${ids.centre}`, { active: false })).status).toBe(404);
    const audit = (await sql<{ action: string }>`SELECT action FROM audit_log WHERE target_type = 'payment_account' ORDER BY id`.execute(w.t.ctx.db)).rows;
    expect(audit.map((a) => a.action)).toEqual(['payment_account.create', 'payment_account.create', 'payment_account.update']);
  });
});

describe('payments through each agency\'s own merchant', () => {
  it('two agencies: each order goes to its merchant under its key, is bound to its account and gets its receipt series', async () => {
    const a = await awaiting('centre', 30_000);
    const b = await awaiting('ward', 20_000);
    const pa = await start(a);
    const pb = await start(b);
    expect(w.sim.state.orders.get(pa.orderRef)).toMatchObject({ merchant: 'TTPVHCC', key: CENTRE_SECRET, amount: 30_000 });
    expect(w.sim.state.orders.get(pb.orderRef)).toMatchObject({ merchant: 'HACTHANH', key: WARD_SECRET, amount: 20_000 });
    expect((await row(pa.orderRef)).account_id).toBe(ids.centre);
    expect((await row(pb.orderRef)).account_id).toBe(ids.ward);
    await payOnGateway(pa.payUrl);
    await payOnGateway(pb.payUrl);
    // the callbacks (signed with each merchant's key) are accepted
    expect((await eventually(() => row(pa.orderRef), (r) => r.status === 'paid')).receipt_series).toBe('BL-TTHCC/26E');
    expect((await eventually(() => row(pb.orderRef), (r) => r.status === 'paid')).receipt_series).toBe('BL-HT/26E');
    expect((await messages(pb.orderRef)).map((m) => m.outcome)).toEqual(['accepted']);
  });

  it('a callback signed with agency A\'s secret for an order of agency B is refused and audited; B\'s own key pays it', async () => {
    const b = await awaiting('ward', 25_000);
    const pb = await start(b);
    const fields = { merchant: 'HACTHANH', orderId: pb.orderRef, status: 'paid', amount: '25000', currency: 'VND', txnId: 'FORGED1', ts: String(w.t.clock.now().getTime()) };
    const ipn = (f: Record<string, string>) => w.t.client().post('/api/v1/payments/callback/simulated', f);
    const forged = await ipn(signed(fields, CENTRE_SECRET));
    expect(forged.status).toBe(401);
    expect(forged.body).toEqual({ ok: false, outcome: 'forged' });
    w.t.clock.advance(1000);
    expect((await ipn(signed({ ...fields, ts: String(w.t.clock.now().getTime()) }, SECRET))).body.outcome).toBe('forged'); // the deployment's key neither
    // the browser return, forged the same way
    const back = await fetch(`${w.t.url}/api/v1/public/payments/return/simulated?${new URLSearchParams(signed(fields, CENTRE_SECRET))}`, { redirect: 'manual' });
    expect(back.headers.get('location')).toBe('/tra-cuu?thanh-toan=error');
    expect((await row(pb.orderRef)).status).toBe('pending');
    expect((await w.desk.get(`/api/v1/dossiers/${b.code}`)).status).toBeLessThan(500);
    const audit = await messages(pb.orderRef);
    expect(audit.map((m) => m.outcome)).toEqual(['forged', 'forged', 'forged']);
    expect(audit[0]!.detail).toContain('HACTHANH');
    w.t.clock.advance(1000);
    expect((await ipn(signed({ ...fields, ts: String(w.t.clock.now().getTime()) }, WARD_SECRET))).body).toEqual({ ok: true, outcome: 'accepted' });
    expect((await row(pb.orderRef)).status).toBe('paid');
  });

  it('a lost callback is settled by the status query under the account\'s key', async () => {
    await setMode(w, 'no_callback');
    const b = await awaiting('ward', 15_000);
    const pb = await start(b);
    await payOnGateway(pb.payUrl);
    await setMode(w, 'normal');
    w.t.clock.advance(16 * 60_000);
    await queryPendingPayments(w.t.ctx);
    expect((await row(pb.orderRef)).status).toBe('paid');
    expect((await messages(pb.orderRef)).map((m) => m.outcome)).toEqual(['accepted']);
  });

  it('an agency without an active account pays through the deployment\'s configuration; bound orders keep their account', async () => {
    const a = await awaiting('centre', 12_000);
    const bound = await start(a); // made under the centre's account
    // sessions may have idled out while the clock moved: sign in again
    admin = await w.t.login('demo.admin');
    const off = await admin.patch(`${ACCOUNTS}/${ids.centre}`, { active: false });
    expect(off.body).toMatchObject({ active: false, inUse: false });
    // the order made before stays bound: its callback is verified with the centre's key
    await payOnGateway(bound.payUrl);
    expect((await eventually(() => row(bound.orderRef), (r) => r.status === 'paid')).account_id).toBe(ids.centre);

    const c = await awaiting('centre', 11_000);
    const pc = await start(c);
    expect((await row(pc.orderRef)).account_id).toBeNull();
    expect(w.sim.state.orders.get(pc.orderRef)).toMatchObject({ merchant: 'MOTCUA', key: SECRET });
    await payOnGateway(pc.payUrl);
    expect((await eventually(() => row(pc.orderRef), (r) => r.status === 'paid')).receipt_series).toBe('BLDT');
  });
});
