// The whole payment over real HTTP: motcua ↔ the simulated gateway on its own port. Start, pay on the gateway's
// page, its signed callback to motcua's IPN route, the signed return, the receipt; repeated, stale, forged,
// mismatched, unknown and late messages (each answered and audited, none pays a dossier); a lost callback
// settled by the status query; a refund when the dossier ends without a result; the cashier's list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { queryPendingPayments } from '../../src/modules/payments/payments.service.js';
import { extractText } from '../documents/pdf-tools.js';
import { act, tryAct } from '../dossiers/fixtures.js';
import { creds, dossierAwaitingPayment, eventually, payOnGateway, setMode, signed, startPaymentWorld, type PaymentWorld } from './helpers.js';

let w: PaymentWorld;
beforeAll(async () => { w = await startPaymentWorld(); });
afterAll(async () => w?.close());

const summary = async (d: { code: string; secret: string }) => (await w.t.client().get(`/api/v1/public/payments?${creds(d)}`)).body;
const start = (d: { code: string; secret: string }) => w.t.client().post('/api/v1/public/payments', { code: d.code, secret: d.secret });
const messages = async (orderRef: string) =>
  (await sql<{ channel: string; outcome: string }>`SELECT channel, outcome FROM payment_messages WHERE order_ref = ${orderRef} ORDER BY received_at, outcome`.execute(w.t.ctx.db)).rows;
const dossierEvents = async (code: string): Promise<any[]> => {
  const b = (await w.desk.get(`/api/v1/dossiers/${code}/events`)).body;
  return Array.isArray(b) ? b : (b.items ?? b.events);
};
/** Binary downloads (the test client reads text). */
const download = async (c: { base: string; cookies: Map<string, string> }, path: string) => {
  const res = await fetch(c.base + path, { headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
};

describe('a citizen pays through the gateway', () => {
  it('what is owed, start (one open attempt), pay, the callback settles, the dossier resumes, the receipt', async () => {
    const d = await dossierAwaitingPayment(w, 50_000);
    const s = await summary(d);
    expect(s).toMatchObject({ awaitingPayment: true, owed: { total: 50_000, blocked: null }, payments: [] });
    const first = await start(d);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ status: 'pending', amount: 50_000, gateway: 'simulated' });
    expect(first.body.payUrl).toBe(`${w.sim.url}/pay/${first.body.orderRef}`);
    // a double click gets the same attempt
    expect((await start(d)).body.orderRef).toBe(first.body.orderRef);
    // the gateway's page shows the amount
    expect(await (await fetch(first.body.payUrl)).text()).toContain('50.000');

    const back = await payOnGateway(first.body.payUrl);
    expect(back.startsWith(`${w.t.url}/api/v1/public/payments/return/simulated?`)).toBe(true);
    const sent = await eventually(() => w.sim.state.sent.filter((x) => x.fields.orderId === first.body.orderRef), (x) => x.length >= 1);
    expect(sent[0]).toMatchObject({ status: 200 });
    expect(JSON.parse(sent[0]!.body)).toEqual({ ok: true, outcome: 'accepted' });
    // the citizen's browser comes back: motcua redirects to the tracking page
    const ret = await fetch(back, { redirect: 'manual' });
    expect(ret.status).toBe(303);
    expect(ret.headers.get('location')).toBe(`/tra-cuu?code=${encodeURIComponent(d.code)}&thanh-toan=paid`);

    const after = await summary(d);
    expect(after.awaitingPayment).toBe(false);
    expect(after.payments[0]).toMatchObject({ status: 'paid', amount: 50_000, receiptNumber: expect.stringMatching(/^BLDT-26-\d{7}$/) });
    const dossier = (await w.desk.get(`/api/v1/dossiers/${d.code}`)).body;
    expect(dossier.nationalStatus).toBe(4);
    const confirm = (await dossierEvents(d.code)).filter((e) => e.action === 'confirm_payment');
    expect(confirm).toHaveLength(1);
    expect(confirm[0].payload).toMatchObject({ amount: 50_000, method: 'online', receiptNumber: after.payments[0].receiptNumber });
    // the return after the callback found it paid already
    expect((await messages(first.body.orderRef)).map((m) => `${m.channel}:${m.outcome}`)).toEqual(['callback:accepted', 'return:duplicate']);

    const pdf = await download(w.t.client(), `/api/v1/public/payments/${first.body.orderRef}/receipt.pdf?${creds(d)}`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const text = await extractText(pdf.body);
    expect(text).toContain('BIÊN LAI THU PHÍ, LỆ PHÍ');
    expect(text).toContain(after.payments[0].receiptNumber.replace(/^BLDT-/, '').slice(0, 2));
    expect(text).toContain('Năm mươi nghìn đồng');
    expect(text).toContain(d.code);
    // paid: no second attempt
    const again = await start(d);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('PAYMENT_ALREADY_PAID');
  });

  it('a dossier without a payment request, and a wrong secret, get clear answers', async () => {
    const d = await dossierAwaitingPayment(w, 10_000);
    const wrong = await w.t.client().post('/api/v1/public/payments', { code: d.code, secret: 'AAAAABBBBBCCCCC' });
    expect(wrong.status).toBe(404);
    await act(w.cashier, d.code, 'confirm_payment', { amount: 10_000, method: 'cash', receiptNumber: 'TM-1' });
    const r = await start(d);
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: 'PAYMENT_NOT_REQUESTED' });
    expect(r.body.detail ?? r.body.title).toBeTruthy();
  });
});

describe('messages that must change nothing', () => {
  it('a repeated callback (the gateway sends it twice) and a stale "failed" after "paid": one payment, one event', async () => {
    for (const mode of ['duplicate', 'out_of_order']) {
      await setMode(w, mode);
      const d = await dossierAwaitingPayment(w);
      const p = (await start(d)).body;
      await payOnGateway(p.payUrl);
      await eventually(() => w.sim.state.sent.filter((x) => x.fields.orderId === p.orderRef), (x) => x.length >= 2);
      await eventually(() => messages(p.orderRef), (m) => m.length >= 2);
      const m = (await messages(p.orderRef)).map((x) => x.outcome);
      expect(m, mode).toEqual(mode === 'duplicate' ? ['accepted', 'duplicate'] : ['accepted', 'unchanged']);
      expect((await summary(d)).payments[0].status).toBe('paid');
      expect((await dossierEvents(d.code)).filter((e) => e.action === 'confirm_payment')).toHaveLength(1);
    }
    await setMode(w, 'normal');
  });

  it('forged, tampered, wrong amount, unknown order, replayed late: refused, answered, audited; the dossier stays unpaid', async () => {
    const d = await dossierAwaitingPayment(w, 30_000);
    const p = (await start(d)).body;
    const now = String(w.t.clock.now().getTime());
    const base = { merchant: 'MOTCUA', orderId: p.orderRef, status: 'paid', amount: '30000', currency: 'VND', txnId: 'SIMX1', ts: now };
    const ipn = (fields: Record<string, string>) => w.t.client().post('/api/v1/payments/callback/simulated', fields);
    const cases: Array<[string, Record<string, string>, number, string]> = [
      ['forged (another key)', signed(base, 'not-the-secret'), 401, 'forged'],
      ['tampered after signing', { ...signed(base), amount: '3000' }, 401, 'forged'],
      ['wrong amount', signed({ ...base, amount: '3000' }), 400, 'amount_mismatch'],
      ['wrong currency', signed({ ...base, currency: 'USD' }), 400, 'amount_mismatch'],
      ['unknown order', signed({ ...base, orderId: 'NO-SUCH-ORDER' }), 400, 'unknown_order'],
      ['replayed two days later', signed({ ...base, ts: String(w.t.clock.now().getTime() - 2 * 86_400_000) }), 400, 'late'],
    ];
    for (const [name, fields, status, outcome] of cases) {
      w.t.clock.advance(1000); // one audit row after the other
      const r = await ipn(fields);
      expect(r.status, name).toBe(status);
      expect(r.body, name).toEqual({ ok: false, outcome });
    }
    w.t.clock.advance(1000);
    expect((await ipn(signed({ ...base, ts: String(w.t.clock.now().getTime()) }))).body).toEqual({ ok: true, outcome: 'accepted' });
    // a gateway name that is not the configured one
    expect((await w.t.client().post('/api/v1/payments/callback/vnpay', base)).status).toBe(404);
    const audit = (await sql<{ outcome: string }>`SELECT outcome FROM payment_messages WHERE order_ref IN (${p.orderRef}, 'NO-SUCH-ORDER') AND channel = 'callback' ORDER BY received_at`.execute(w.t.ctx.db)).rows;
    expect(audit.map((a) => a.outcome)).toEqual(['forged', 'forged', 'amount_mismatch', 'amount_mismatch', 'unknown_order', 'late', 'accepted']);
    // the one genuine message (sent above before the wrong-gateway call) paid it; none of the others did
    expect((await summary(d)).payments[0].status).toBe('paid');
  });

  it('the same callback five times at once: one accepted, four duplicates, one dossier event, one receipt number', async () => {
    const d = await dossierAwaitingPayment(w, 35_000);
    const p = (await start(d)).body;
    const msg = signed({ merchant: 'MOTCUA', orderId: p.orderRef, status: 'paid', amount: '35000', currency: 'VND', txnId: 'SIMC1', ts: String(w.t.clock.now().getTime()) });
    const answers = await Promise.all(Array.from({ length: 5 }, () => w.t.client().post('/api/v1/payments/callback/simulated', msg)));
    expect(answers.map((a) => a.body.outcome).sort()).toEqual(['accepted', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect((await dossierEvents(d.code)).filter((e) => e.action === 'confirm_payment')).toHaveLength(1);
    const counters = await sql<{ n: string }>`SELECT count(*) AS n FROM payments WHERE receipt_no IS NOT NULL AND dossier_code = ${d.code}`.execute(w.t.ctx.db);
    expect(Number(counters.rows[0]!.n)).toBe(1);
  });

  it('the forged ones alone never pay a dossier', async () => {
    const d = await dossierAwaitingPayment(w, 20_000);
    const p = (await start(d)).body;
    const base = { merchant: 'MOTCUA', orderId: p.orderRef, status: 'paid', amount: '20000', currency: 'VND', txnId: 'SIMX2', ts: String(w.t.clock.now().getTime()) };
    await w.t.client().post('/api/v1/payments/callback/simulated', signed(base, 'guess'));
    await w.t.client().post('/api/v1/payments/callback/simulated', signed({ ...base, amount: '2' }));
    const back = await fetch(`${w.t.url}/api/v1/public/payments/return/simulated?${new URLSearchParams({ ...signed(base), amount: '1' })}`, { redirect: 'manual' });
    expect(back.headers.get('location')).toBe('/tra-cuu?thanh-toan=error');
    expect((await summary(d)).payments[0].status).toBe('pending');
    expect((await w.desk.get(`/api/v1/dossiers/${d.code}`)).body.nationalStatus).toBe(6);
  });
});

describe('a callback that never arrives', () => {
  it('is settled by the status query job; the reconciliation shows the difference before it', async () => {
    await setMode(w, 'no_callback');
    const d = await dossierAwaitingPayment(w, 40_000);
    const p = (await start(d)).body;
    await payOnGateway(p.payUrl); // the citizen paid, closed the browser; no callback
    await setMode(w, 'normal');
    expect((await summary(d)).payments[0].status).toBe('pending');
    // the cashier's daily reconciliation sees the gateway's "paid" against our "pending"
    const day = new Date(w.t.clock.now().getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    const x = await download(w.cashier, `/api/v1/payments/reconciliation.xlsx?date=${day}`);
    expect(x.status).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body as never);
    const diff = wb.getWorksheet('Chênh lệch')!;
    const diffRows = diff.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(diffRows.some((r) => r[1] === p.orderRef && String(r[11]).includes('Cổng báo đã thanh toán'))).toBe(true);
    expect(wb.getWorksheet('Bản tin bị từ chối')!.rowCount).toBeGreaterThan(1);
    // not yet due for the query (15 minutes)
    expect((await queryPendingPayments(w.t.ctx)).paid).toBe(0);
    w.t.clock.advance(16 * 60_000);
    const run = await queryPendingPayments(w.t.ctx);
    expect(run.paid).toBeGreaterThanOrEqual(1);
    expect((await summary(d)).payments[0]).toMatchObject({ status: 'paid', receiptNumber: expect.any(String) });
    expect((await messages(p.orderRef)).map((m) => `${m.channel}:${m.outcome}`)).toContain('query:accepted');
    // a second run changes nothing
    expect((await queryPendingPayments(w.t.ctx)).paid).toBe(0);
    expect((await dossierEvents(d.code)).filter((e) => e.action === 'confirm_payment')).toHaveLength(1);
  });

  it('a cancelled payment is failed (not final), and the citizen may start again', async () => {
    const d = await dossierAwaitingPayment(w, 15_000);
    const p = (await start(d)).body;
    await payOnGateway(p.payUrl, 'cancel');
    await eventually(() => summary(d), (s) => s.payments[0].status === 'failed');
    const next = await start(d);
    expect(next.status).toBe(201);
    expect(next.body.orderRef).not.toBe(p.orderRef);
  });
});

describe('refunds and the cashier', () => {
  it('a paid dossier that is withdrawn (processing stopped) is refunded through the gateway by the sweep', async () => {
    const d = await dossierAwaitingPayment(w, 25_000);
    const p = (await start(d)).body;
    await payOnGateway(p.payUrl);
    await eventually(() => summary(d), (s) => s.payments[0].status === 'paid');
    await act(w.desk, d.code, 'request_withdrawal', { reason: 'Công dân xin rút hồ sơ' });
    const rej = await tryAct(w.desk, d.code, 'stop', { reason: 'Công dân rút hồ sơ' });
    expect(rej.status, JSON.stringify(rej.body)).toBe(200);
    const run = await queryPendingPayments(w.t.ctx);
    expect(run.refunded).toBe(1);
    expect((await summary(d)).payments[0]).toMatchObject({ status: 'refunded', refundedAt: expect.any(String) });
    expect((await messages(p.orderRef)).map((m) => `${m.channel}:${m.outcome}`)).toContain('refund:refunded');
    expect((await queryPendingPayments(w.t.ctx)).refunded).toBe(0);
  });

  it('the cashier lists payments by status, opens one with its messages and its receipt; others may not', async () => {
    const list = await w.cashier.get('/api/v1/payments?status=paid');
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.counts.paid).toBe(list.body.total);
    const one = await w.cashier.get(`/api/v1/payments/${list.body.items[0].id}`);
    expect(one.body.messages.length).toBeGreaterThan(0);
    const pdf = await download(w.cashier, `/api/v1/payments/${list.body.items[0].id}/receipt.pdf`);
    expect(pdf.status).toBe(200);
    const failed = await w.cashier.get('/api/v1/payments?status=failed');
    expect(failed.body.items.every((x: { status: string }) => x.status === 'failed')).toBe(true);
    const handler = await w.handler.get('/api/v1/payments');
    expect(handler.status).toBe(403);
    expect(handler.body.code).toBe('PAYMENTS_FORBIDDEN');
    expect((await w.cashier.get('/api/v1/payments/reconciliation.xlsx?date=2026-02-30')).body.code).toBe('PAYMENT_DATE_INVALID');
  });
});

describe('QĐ 766 payment indicators', () => {
  it('3.6 counts the dossiers paid through the gateway (and 3.5 their procedure), a cash payment not', async () => {
    const leader = await w.t.login('demo.lanhdaotinh');
    const r = await leader.get('/api/v1/reports/indicators?from=2026-11-01&to=2026-11-30');
    expect(r.status).toBe(200);
    const by = Object.fromEntries(r.body.groups.flatMap((g: any) => g.indicators).map((i: any) => [i.code, i]));
    const paid = Number((await sql<{ n: string }>`SELECT count(DISTINCT dossier_id) AS n FROM payments WHERE paid_at IS NOT NULL`.execute(w.t.ctx.db)).rows[0]!.n);
    const due = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM dossiers WHERE pay_due`.execute(w.t.ctx.db)).rows[0]!.n);
    expect(paid).toBeGreaterThanOrEqual(5);
    expect(by['3.6']).toMatchObject({ numerator: paid, denominator: due });
    // the dossier paid in cash at the desk is due but not paid online
    expect(due).toBeGreaterThan(paid);
  });
});
