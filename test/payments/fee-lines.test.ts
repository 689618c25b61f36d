// The official's payment request with several lines and exemptions over real HTTP: the suggested lines from
// the catalogue, field errors on the failing line, the total of the lines not exempt owed by the citizen,
// the gateway given that total and the charged lines, the receipt printing every line with the exemption.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText } from '../documents/pdf-tools.js';
import { act, receive, tryAct } from '../dossiers/fixtures.js';
import { creds, eventually, payOnGateway, startPaymentWorld, type PaymentWorld } from './helpers.js';

let w: PaymentWorld;
beforeAll(async () => { w = await startPaymentWorld(); });
afterAll(async () => w?.close());

async function atHandler(): Promise<{ code: string; secret: string }> {
  const r = await receive(w.desk);
  const code = r.dossier.code as string;
  await act(w.desk, code, 'forward');
  await act(w.handler, code, 'claim');
  return { code, secret: (r.receipt as { secret: string }).secret };
}

const LINES = [
  { name: 'Lệ phí cấp giấy phép', kind: 'le_phi', amount: 50_000 },
  { name: 'Phí sao y bản chính', kind: 'phi', amount: 2_000, quantity: 3 },
  { name: 'Phí thẩm định hồ sơ', kind: 'phi', amount: 100_000, exemptReason: 'Người có công với cách mạng', legalBasis: 'Điều 5 Thông tư 85/2019/TT-BTC' },
];

describe('a payment request with several lines', () => {
  it('suggests the catalogue lines of the dossier to start from', async () => {
    const d = await atHandler();
    const r = await w.handler.get(`/api/v1/dossiers/${d.code}/fee-lines`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(Array.isArray(r.body.lines)).toBe(true);
    for (const l of r.body.lines) expect(l).toMatchObject({ name: expect.any(String), kind: expect.stringMatching(/^(phi|le_phi)$/), quantity: 1 });
    expect((await w.t.client().get(`/api/v1/dossiers/${d.code}/fee-lines`)).status).toBe(401);
  });

  it('a bad line fails on its own field and changes nothing', async () => {
    const d = await atHandler();
    const bad = await tryAct(w.handler, d.code, 'request_payment', { lines: [LINES[0], LINES[1], { name: 'X', kind: 'phi', amount: -1 }] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ path: 'body.payload.lines.2.amount', code: 'INVALID_PAYLOAD' });
    const sum = await tryAct(w.handler, d.code, 'request_payment', { amount: 1, lines: LINES });
    expect(sum.status).toBe(422);
    expect(sum.body.errors[0].path).toBe('body.payload.amount');
    expect((await w.handler.get(`/api/v1/dossiers/${d.code}`)).body.nationalStatus).not.toBe(6);
  });

  it('owed: the lines not exempt; the gateway gets the total; the receipt prints every line and the exemption', async () => {
    const d = await atHandler();
    const req = await act(w.handler, d.code, 'request_payment', { lines: LINES, reason: 'Phí, lệ phí' });
    expect(req.dossier.nationalStatus).toBe(6);
    const ev = req.events.find((e: any) => e.action === 'request_payment');
    expect(ev.payload).toMatchObject({ amount: 56_000, lines: [{ total: 50_000 }, { total: 6_000, quantity: 3 }, { total: 0, exemptReason: 'Người có công với cách mạng' }] });

    const s = (await w.t.client().get(`/api/v1/public/payments?${creds(d)}`)).body;
    expect(s.owed).toMatchObject({ total: 56_000, blocked: null });
    expect(s.owed.lines).toEqual([
      { kind: 'le_phi', code: 'CB01', name: 'Lệ phí cấp giấy phép', amount: 50_000, unitAmount: 50_000, quantity: 1, state: 'charged', reason: null, legalBasis: null },
      { kind: 'phi', code: 'CB02', name: 'Phí sao y bản chính', amount: 6_000, unitAmount: 2_000, quantity: 3, state: 'charged', reason: null, legalBasis: null },
      { kind: 'phi', code: 'CB03', name: 'Phí thẩm định hồ sơ', amount: 0, unitAmount: 100_000, quantity: 1, state: 'exempt', reason: 'Người có công với cách mạng', legalBasis: 'Điều 5 Thông tư 85/2019/TT-BTC' },
    ]);

    const started = await w.t.client().post('/api/v1/public/payments', { code: d.code, secret: d.secret });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body.amount).toBe(56_000);
    expect(started.body.items).toHaveLength(3);
    const order = w.sim.state.orders.get(started.body.orderRef)!;
    expect(order.amount).toBe(56_000);
    expect(order.items).toEqual([{ name: 'Lệ phí cấp giấy phép', amount: 50_000 }, { name: 'Phí sao y bản chính', amount: 6_000 }]);

    await payOnGateway(started.body.payUrl);
    const paid = await eventually(async () => (await w.t.client().get(`/api/v1/public/payments?${creds(d)}`)).body, (b) => b.payments[0]?.status === 'paid');
    const p = paid.payments[0];
    const pdf = await fetch(`${w.t.url}/api/v1/public/payments/${p.orderRef}/receipt.pdf?${creds(d)}`);
    expect(pdf.status).toBe(200);
    const text = (await extractText(Buffer.from(await pdf.arrayBuffer()))).replace(/\s+/g, ' ');
    expect(text).toContain('Phí sao y bản chính');
    expect(text).toContain('3 × 2.000 đồng');
    expect(text).toContain('Miễn: Người có công với cách mạng');
    expect(text).toContain('Thông tư 85/2019/TT-BTC');
    expect(text).toContain('56.000 đồng');
  });

  it('the older single-amount request still works', async () => {
    const d = await atHandler();
    await act(w.handler, d.code, 'request_payment', { amount: 40_000 });
    const s = (await w.t.client().get(`/api/v1/public/payments?${creds(d)}`)).body;
    expect(s.owed.total).toBe(40_000);
  });
});
