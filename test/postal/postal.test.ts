// The postal return of a result against the simulated VNPost over real HTTP (the `vnpost` adapter: token,
// order, tracking): the order is booked when the result is ready (OrderNumber = dossier code, two-tier unit
// codes), booked once through an outage, its tracking followed by the scheduled query with every change
// recorded once, and the delivery confirmed by the post office completes the dossier's return step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxHandlers } from '../../src/app.js';
import { deliverDue } from '../../src/platform/outbox/outbox.js';
import { startSimulatedPost, type SimulatedPostServer } from '../../src/platform/ports/postal-sim.js';
import { trackPostalOrders } from '../../src/modules/postal/postal.service.js';
import { codAmount } from '../../src/modules/postal/postal-order.js';
import type { HttpClient, ManualClock, TestApp } from '../helpers.js';
import { randomUUID } from 'node:crypto';
import { DOC, HOUR, act, receive, receptionBody, startDossierApp } from '../dossiers/fixtures.js';

let post: SimulatedPostServer;
let t: TestApp & { clock: ManualClock };
const u: Record<string, HttpClient> = {};

beforeAll(async () => {
  post = await startSimulatedPost({ customerKey: 'ck-h56', secretKey: 'sk-h56', now: () => t.clock.now() });
  t = await startDossierApp({
    MOTCUA_POSTAL: 'vnpost', MOTCUA_VNPOST_URL: post.url, MOTCUA_VNPOST_CUSTOMER_CODE: 'H56TTHC', MOTCUA_VNPOST_CUSTOMER_KEY: 'ck-h56', MOTCUA_VNPOST_SECRET_KEY: 'sk-h56',
    MOTCUA_POSTAL_SENDER_TEL: '0237 385 2222',
  });
  for (const n of ['demo.tiepnhan', 'demo.chuyenvien', 'demo.lanhdao', 'demo.vanthu']) u[n] = await t.login(n);
});
afterAll(async () => {
  await t?.close();
  await post?.close();
});

async function toResult(code: string) {
  await act(u['demo.tiepnhan']!, code, 'forward');
  await act(u['demo.chuyenvien']!, code, 'claim');
  await act(u['demo.chuyenvien']!, code, 'forward');
  await act(u['demo.lanhdao']!, code, 'claim');
  await act(u['demo.lanhdao']!, code, 'approve');
  await act(u['demo.vanthu']!, code, 'claim');
  await act(u['demo.vanthu']!, code, 'record_result', { documents: [{ ...DOC, title: 'Thẻ giám định viên tư pháp' }] });
}
const postal = async (code: string) => (await u['demo.tiepnhan']!.get(`/api/v1/dossiers/${code}/postal`)).body.items as any[];

describe('a result returned by post', () => {
  it('booked once through an outage, tracked to delivered, the return step completed by the confirmed delivery', async () => {
    const rec = await receive(u['demo.tiepnhan']!, { delivery: { method: 'post', address: { line: '25 Trần Phú', communeCode: '14797' } } });
    const code = rec.dossier.code as string;
    await toResult(code);
    post.down = true;
    await deliverDue(t.ctx, outboxHandlers);
    expect(post.office.orders.size).toBe(0);
    expect((await postal(code))[0]).toMatchObject({ status: 'booking', itemCode: null });
    post.down = false;
    t.clock.advance(HOUR);
    await deliverDue(t.ctx, outboxHandlers);
    await deliverDue(t.ctx, outboxHandlers);
    expect(post.office.orders.size).toBe(1);
    const [sent] = [...post.office.orders.values()];
    expect(sent!.order).toMatchObject({
      Direction: 'OUTBOUND_RESULT', OrderNumber: code, CustomerCode: 'H56TTHC', CODAmount: 0, ReceiverAddress: '25 Trần Phú', ReceiverCommune: '14797', ReceiverProvince: '38',
      ReceiverName: 'Nguyễn Thị Bích Ngọc', ReceiverTel: '0912345678', SenderTel: '02373852222', SenderProvince: '38',
    });
    expect(sent!.order.SenderDesc).toContain('Thẻ giám định viên tư pháp');
    let [order] = await postal(code);
    expect(order).toMatchObject({ status: 'booked', itemCode: sent!.itemCode });

    // collected, at the post office, out for delivery: recorded once each, the dossier still waits
    post.office.advance(sent!.itemCode, 6, 'Bưu cục Hạc Thành');
    t.clock.advance(HOUR);
    post.office.advance(sent!.itemCode, 12, 'Bưu cục Hạc Thành');
    expect(await trackPostalOrders(t.ctx)).toMatchObject({ tracked: 1, changes: 3, delivered: 0 });
    expect(await trackPostalOrders(t.ctx)).toMatchObject({ tracked: 1, changes: 0 });
    [order] = await postal(code);
    expect(order.status).toBe('delivering');
    expect(order.tracking.map((e: any) => e.statusVi)).toEqual(['Đã đăng ký', 'Đã nhận hàng', 'Đang phát']);
    expect((await u['demo.tiepnhan']!.get(`/api/v1/dossiers/${code}`)).body.nationalStatus).toBe(9);

    // the post office is down at the next query: nothing changes, nothing is lost
    post.down = true;
    expect(await trackPostalOrders(t.ctx)).toMatchObject({ failed: 1 });
    post.down = false;

    t.clock.advance(HOUR);
    post.office.advance(sent!.itemCode, 14, 'Phường Hạc Thành');
    expect(await trackPostalOrders(t.ctx)).toMatchObject({ changes: 1, delivered: 1 });
    const d = (await u['demo.tiepnhan']!.get(`/api/v1/dossiers/${code}`)).body;
    expect(d.nationalStatus).toBe(10);
    const events = (await u['demo.tiepnhan']!.get(`/api/v1/dossiers/${code}/events`)).body.items as any[];
    expect(events.at(-1)).toMatchObject({ action: 'return_result', payload: { method: 'post', trackingNumber: sent!.itemCode } });
    [order] = await postal(code);
    expect(order).toMatchObject({ status: 'delivered', returnRecordedAt: expect.any(String), problem: null });
    expect(order.deliveredAt).toBe(t.clock.now().toISOString());
    // a delivered order is not asked again
    expect(await trackPostalOrders(t.ctx)).toMatchObject({ tracked: 0 });
    // the portal sync heard of the return through its own subscription
    await deliverDue(t.ctx, outboxHandlers);
    const sync = (await u['demo.tiepnhan']!.get(`/api/v1/dossiers/${code}/portal-sync`)).body.items as any[];
    expect(sync.at(-1)).toMatchObject({ action: 'return_result', nationalStatus: 10 });
  });

  it('a result for the counter books nothing; a postal return the post office cannot take is kept with the reason', async () => {
    const counter = (await receive(u['demo.tiepnhan']!)).dossier.code as string;
    await toResult(counter);
    const noPhone = (await receive(u['demo.tiepnhan']!, {
      applicant: { kind: 'individual', fullName: 'Lê Văn Nam', idNumber: '038090000222', address: { line: '3 Lê Lai', communeCode: '14797' } },
      delivery: { method: 'post', address: { line: '3 Lê Lai', communeCode: '14797' } },
    })).dossier.code as string;
    await toResult(noPhone);
    await deliverDue(t.ctx, outboxHandlers);
    expect(await postal(counter)).toEqual([]);
    expect((await postal(noPhone))[0]).toMatchObject({ status: 'rejected', problem: 'Người nhận không có số điện thoại.', itemCode: null });
  });

  it('COD chosen at the desk reaches the post office as the fees owed; refused unless the result goes by post', async () => {
    const rec = await receive(u['demo.tiepnhan']!, { delivery: { method: 'post', address: { line: '7 Phan Chu Trinh', communeCode: '14797' }, cod: true } });
    const code = rec.dossier.code as string;
    const row = await t.ctx.db.selectFrom('dossiers').select('filing').where('code', '=', code).executeTakeFirstOrThrow();
    const owed = codAmount(row.filing as Record<string, unknown>);
    expect((row.filing as any).delivery.cod).toBe(true);
    await toResult(code);
    await deliverDue(t.ctx, outboxHandlers);
    const sent = [...post.office.orders.values()].find((o) => o.order.OrderNumber === code)!;
    expect(sent.order.CODAmount).toBe(owed);
    expect((await postal(code))[0]).toMatchObject({ codAmount: owed });
    const bad = await u['demo.tiepnhan']!.post('/api/v1/dossiers', receptionBody({ delivery: { method: 'counter', cod: true } }), { 'idempotency-key': randomUUID() });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain('delivery.cod');
  });

  it('COD: the fees only when the applicant chose to pay the postal worker', () => {
    const fees = [{ name: 'Lệ phí', amountVnd: 50000 }, { name: 'Phí', amountVnd: null }];
    expect(codAmount({ fees, delivery: { method: 'post', cod: true } })).toBe(50000);
    expect(codAmount({ fees, delivery: { method: 'post' } })).toBe(0);
  });
});
