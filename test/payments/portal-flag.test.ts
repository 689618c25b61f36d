// The gateway that settled a payment is kept on the dossier's confirm_payment event, for the national portal's
// DuocThanhToanTrucTuyen (1 DVCQG platform, 2 the province's gateway; the mapping's unit test:
// src/modules/portal-sync/dvcqg-mapping.test.ts). An official may name it only with method online.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paidOnlineFlag } from '../../src/modules/portal-sync/dvcqg-mapping.js';
import { tryAct } from '../dossiers/fixtures.js';
import { dossierAwaitingPayment, eventually, payOnGateway, startPaymentWorld, type PaymentWorld } from './helpers.js';

let w: PaymentWorld;
beforeAll(async () => { w = await startPaymentWorld(); });
afterAll(async () => w?.close());

const events = async (code: string): Promise<any[]> => {
  const b = (await w.desk.get(`/api/v1/dossiers/${code}/events`)).body;
  return Array.isArray(b) ? b : (b.items ?? b.events);
};

describe('the gateway on the confirmation', () => {
  it('a payment settled by the gateway records its name; the portal flag is 2 (the province\'s gateway)', async () => {
    const d = await dossierAwaitingPayment(w, 20_000);
    const p = (await w.t.client().post('/api/v1/public/payments', { code: d.code, secret: d.secret })).body;
    await payOnGateway(p.payUrl);
    const log = await eventually(() => events(d.code), (e) => e.some((x) => x.action === 'confirm_payment'));
    const confirm = log.find((x) => x.action === 'confirm_payment');
    expect(confirm.payload).toMatchObject({ method: 'online', gateway: 'simulated' });
    expect(paidOnlineFlag(log)).toBe(2);
  });

  it('an official names the DVCQG platform only with method online; a bad one fails on the field', async () => {
    const a = await dossierAwaitingPayment(w, 20_000);
    const cash = await tryAct(w.cashier, a.code, 'confirm_payment', { amount: 20_000, method: 'cash', gateway: 'dvcqg' });
    expect(cash.status).toBe(422);
    expect(cash.body.errors[0]).toMatchObject({ path: 'body.payload.gateway', code: 'INVALID_PAYLOAD' });
    const bad = await tryAct(w.cashier, a.code, 'confirm_payment', { amount: 20_000, method: 'online', gateway: 'DVCQG platform!' });
    expect(bad.status).toBe(422);
    const ok = await tryAct(w.cashier, a.code, 'confirm_payment', { amount: 20_000, method: 'online', gateway: 'dvcqg', receiptNumber: 'BL-9' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(paidOnlineFlag(await events(a.code))).toBe(1);
  });
});
