// Every fee line exempt (total 0): the dossier waits in status 6 ("chờ thanh toán") until an official
// confirms; nothing moves it on its own — not the citizen (nothing to pay online), not the status-query job,
// not the deadline sweep. On a real catalogue record: Phiếu lý lịch tư pháp (3.000333), whose lệ phí the
// catalogue exempts for, among others, people with meritorious service and poor households.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { queryPendingPayments } from '../../src/modules/payments/payments.service.js';
import { sweepDeadlines } from '../../src/modules/dossiers/dossiers.service.js';
import { act, receive, STP, tryAct } from '../dossiers/fixtures.js';
import { creds, startPaymentWorld, type PaymentWorld } from './helpers.js';

let w: PaymentWorld;
beforeAll(async () => { w = await startPaymentWorld(); });
afterAll(async () => w?.close());

const JUDICIAL_RECORD = '3.000333';
const DAY = 86_400_000;

async function atHandler(): Promise<{ code: string; secret: string }> {
  const r = await receive(w.desk, { procedureCode: JUDICIAL_RECORD, competentAgencyCode: STP });
  const code = r.dossier.code as string;
  await act(w.desk, code, 'forward');
  await act(w.handler, code, 'claim');
  return { code, secret: (r.receipt as { secret: string }).secret };
}

describe('a payment request whose every line is exempt', () => {
  it('stays in status 6 until an official confirms; the citizen has nothing to pay, no job moves it', async () => {
    const d = await atHandler();
    // the catalogue's lines of the real record, every one exempted with a reason and its basis
    const suggested = (await w.handler.get(`/api/v1/dossiers/${d.code}/fee-lines`)).body.lines as Array<{ name: string; kind: string; amount: number; quantity: number }>;
    expect(suggested.length).toBeGreaterThan(0);
    const lines = suggested.map((l) => ({
      name: l.name, kind: l.kind, amount: l.amount > 0 ? l.amount : 200_000, quantity: l.quantity,
      exemptReason: 'Người thuộc hộ nghèo', legalBasis: 'Thông tư 244/2016/TT-BTC',
    }));
    const req = await act(w.handler, d.code, 'request_payment', { lines, reason: 'Miễn lệ phí' });
    expect(req.dossier.nationalStatus).toBe(6);
    expect(req.events.find((e: any) => e.action === 'request_payment').payload).toMatchObject({ amount: 0 });

    // the citizen sees that nothing is owed, and cannot start a payment
    const s = (await w.t.client().get(`/api/v1/public/payments?${creds(d)}`)).body;
    expect(s).toMatchObject({ awaitingPayment: true, owed: { total: 0, blocked: 'free' }, payments: [] });
    expect(s.owed.lines.every((l: { state: string; amount: number }) => l.state === 'exempt' && l.amount === 0)).toBe(true);
    const start = await w.t.client().post('/api/v1/public/payments', { code: d.code, secret: d.secret });
    expect(start.status).toBe(422);
    expect(start.body.code).toBe('PAYMENT_NOTHING_OWED');
    const rows = await sql<{ n: string }>`SELECT count(*) AS n FROM payments WHERE dossier_code = ${d.code}`.execute(w.t.ctx.db);
    expect(Number(rows.rows[0]!.n)).toBe(0);

    // days pass; the status query and the deadline sweep run: still waiting for the official
    w.t.clock.advance(3 * DAY);
    await queryPendingPayments(w.t.ctx);
    await sweepDeadlines(w.t.ctx, w.t.clock.now());
    // the sessions idled out over those days: sign in again
    [w.desk, w.cashier] = await Promise.all([w.t.login('demo.tiepnhan'), w.t.login('demo.thuphi')]);
    const waiting = (await w.desk.get(`/api/v1/dossiers/${d.code}`)).body;
    expect(waiting.nationalStatus).toBe(6);
    const eventsBefore = (await w.desk.get(`/api/v1/dossiers/${d.code}/events`)).body;
    const list = (Array.isArray(eventsBefore) ? eventsBefore : eventsBefore.items ?? eventsBefore.events) as any[];
    expect(list.some((e) => e.action === 'confirm_payment')).toBe(false);

    // the official confirms (nothing collected): the dossier resumes, the confirmation is the official's
    const allowed = (await w.cashier.get(`/api/v1/dossiers/${d.code}/allowed-actions`)).body;
    expect(JSON.stringify(allowed)).toContain('confirm_payment');
    const ok = await tryAct(w.cashier, d.code, 'confirm_payment', { amount: 0 });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.dossier.nationalStatus).not.toBe(6);
    const confirm = ok.body.events.find((e: any) => e.action === 'confirm_payment');
    expect(confirm.actor.system ?? false).toBe(false);
    expect(confirm.payload).toMatchObject({ amount: 0 });
    expect((await w.t.client().get(`/api/v1/public/payments?${creds(d)}`)).body.awaitingPayment).toBe(false);
  });
});
