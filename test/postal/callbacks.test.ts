// The post office's tracking callbacks over real HTTP: the simulated VNPost books the result's delivery (the
// `vnpost` adapter), then reports each tracking change to POST /api/v1/postal/tracking-callback signed with
// the shared secret (HMAC-SHA256 over "<timestamp>.<raw body>"). A delivery reported by callback completes the
// return step exactly as the scheduled query does; a repeated or out-of-order callback changes nothing twice;
// a forged, unsigned or replayed callback is refused, records nothing and is kept in the exchange log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxHandlers } from '../../src/app.js';
import { deliverDue } from '../../src/platform/outbox/outbox.js';
import { startSimulatedPost, type SimulatedPostServer } from '../../src/platform/ports/postal-sim.js';
import { trackPostalOrders } from '../../src/modules/postal/postal.service.js';
import type { HttpClient, ManualClock, TestApp } from '../helpers.js';
import { DOC, HOUR, act, receive, startDossierApp } from '../dossiers/fixtures.js';

const SECRET = 'vnpost-callback-secret-h56';
const PATH = '/api/v1/postal/tracking-callback';
let post: SimulatedPostServer;
let t: TestApp & { clock: ManualClock };
const u: Record<string, HttpClient> = {};

beforeAll(async () => {
  post = await startSimulatedPost({ customerKey: 'ck-h56', secretKey: 'sk-h56', now: () => t.clock.now() });
  t = await startDossierApp({
    MOTCUA_POSTAL: 'vnpost', MOTCUA_VNPOST_URL: post.url, MOTCUA_VNPOST_CUSTOMER_CODE: 'H56TTHC', MOTCUA_VNPOST_CUSTOMER_KEY: 'ck-h56', MOTCUA_VNPOST_SECRET_KEY: 'sk-h56',
    MOTCUA_POSTAL_SENDER_TEL: '0237 385 2222', MOTCUA_VNPOST_CALLBACK_SECRET: SECRET,
  });
  post.callbacks = { url: `${t.url}${PATH}`, secret: SECRET };
  for (const n of ['demo.tiepnhan', 'demo.chuyenvien', 'demo.lanhdao', 'demo.vanthu', 'demo.admin']) u[n] = await t.login(n);
});
afterAll(async () => {
  await t?.close();
  await post?.close();
});

async function resultByPost(line: string): Promise<{ code: string; itemCode: string }> {
  const rec = await receive(u['demo.tiepnhan']!, { delivery: { method: 'post', address: { line, communeCode: '14797' } } });
  const code = rec.dossier.code as string;
  await act(u['demo.tiepnhan']!, code, 'forward');
  await act(u['demo.chuyenvien']!, code, 'claim');
  await act(u['demo.chuyenvien']!, code, 'forward');
  await act(u['demo.lanhdao']!, code, 'claim');
  await act(u['demo.lanhdao']!, code, 'approve');
  await act(u['demo.vanthu']!, code, 'claim');
  await act(u['demo.vanthu']!, code, 'record_result', { documents: [{ ...DOC, title: 'Thẻ giám định viên tư pháp' }] });
  await deliverDue(t.ctx, outboxHandlers);
  const sent = [...post.office.orders.values()].find((o) => o.order.OrderNumber === code)!;
  expect(sent, 'booked with the post office').toBeTruthy();
  return { code, itemCode: sent.itemCode };
}
const postal = async (code: string) => (await u['demo.tiepnhan']!.get(`/api/v1/dossiers/${code}/postal`)).body.items[0] as any;
const events = async (code: string) => (await u['demo.tiepnhan']!.get(`/api/v1/dossiers/${code}/events`)).body.items as any[];
const returns = async (code: string) => (await events(code)).filter((e) => e.action === 'return_result');
/** The callbacks in the exchange log, once `until` holds (the log is written after the answer, off the request's path). */
async function callbackLog(until: (rows: any[]) => boolean): Promise<any[]> {
  let rows: any[] = [];
  for (let i = 0; i < 80; i++) {
    rows = ((await u['demo.admin']!.get('/api/v1/admin/integrations/exchanges?port=postal')).body.items as any[]).filter((e) => e.path === PATH);
    if (until(rows)) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  return rows;
}

describe('tracking callbacks from the post office', () => {
  it('each change is recorded on the dossier as it is reported; "delivered" completes the return step', async () => {
    const { code, itemCode } = await resultByPost('25 Trần Phú');
    t.clock.advance(HOUR);
    expect(await post.advance(itemCode, 6, 'Bưu cục Hạc Thành')).toEqual({ status: 200, body: { Status: '100', Message: expect.any(String), Recorded: 1, Duplicates: 0 } });
    let order = await postal(code);
    expect(order).toMatchObject({ status: 'collected', itemCode });
    expect(order.tracking.map((e: any) => e.statusVi)).toEqual(['Đã nhận hàng']);
    t.clock.advance(HOUR);
    expect((await post.advance(itemCode, 12, 'Bưu cục phát Hạc Thành'))?.status).toBe(200);
    expect((await postal(code)).status).toBe('delivering');
    expect((await u['demo.tiepnhan']!.get(`/api/v1/dossiers/${code}`)).body.nationalStatus).toBe(9);

    t.clock.advance(HOUR);
    const delivered = await post.advance(itemCode, 14, 'Phường Hạc Thành', 'Người nhận: Nguyễn Thị Bích Ngọc');
    expect(delivered).toMatchObject({ status: 200, body: { Recorded: 1 } });
    const d = (await u['demo.tiepnhan']!.get(`/api/v1/dossiers/${code}`)).body;
    expect(d.nationalStatus).toBe(10);
    const back = await returns(code);
    expect(back).toHaveLength(1);
    expect(back[0]).toMatchObject({ payload: { method: 'post', trackingNumber: itemCode } });
    order = await postal(code);
    expect(order).toMatchObject({ status: 'delivered', returnRecordedAt: expect.any(String), problem: null, deliveredAt: t.clock.now().toISOString() });

    // the whole history reported again, and the scheduled query after it: nothing is recorded twice
    const version = d.version;
    expect(await post.notify(itemCode)).toMatchObject({ status: 200, body: { Recorded: 1, Duplicates: 3 } }); // "Đã đăng ký" was only in the query's history
    expect(await post.notify(itemCode)).toMatchObject({ status: 200, body: { Recorded: 0, Duplicates: 4 } });
    expect(await trackPostalOrders(t.ctx)).toMatchObject({ tracked: 0 });
    expect((await u['demo.tiepnhan']!.get(`/api/v1/dossiers/${code}`)).body.version).toBe(version);
    expect(await returns(code)).toHaveLength(1);
    order = await postal(code);
    expect(order.tracking.map((e: any) => e.vnpostStatus)).toEqual([1, 6, 12, 14]);

    const log = await callbackLog((rows) => rows.length >= 5);
    expect(log).toHaveLength(5);
    expect(log.every((e) => e.method === 'POST' && e.status === 200)).toBe(true);
    expect(JSON.stringify(log)).not.toContain('Nguyễn Thị Bích Ngọc'); // the recipient's note is masked
  });

  it('an out-of-order callback is recorded as history but never moves the order back, nor returns the result twice', async () => {
    const { code, itemCode } = await resultByPost('7 Lê Hoàn');
    const at = (h: number) => new Date(t.clock.now().getTime() + h * HOUR).toISOString();
    // the delivery is reported first, the earlier "out for delivery" change arrives afterwards
    expect((await post.notify(itemCode, { events: [{ Status: 14, At: at(3), Place: 'Phường Hạc Thành' }] })).status).toBe(200);
    expect(await returns(code)).toHaveLength(1);
    expect(await post.notify(itemCode, { events: [{ Status: 12, At: at(2), Place: 'Bưu cục phát' }] })).toMatchObject({ status: 200, body: { Recorded: 1 } });
    expect(await post.notify(itemCode, { events: [{ Status: 14, At: at(3), Place: 'Phường Hạc Thành' }] })).toMatchObject({ status: 200, body: { Recorded: 0, Duplicates: 1 } });
    const order = await postal(code);
    expect(order.status).toBe('delivered');
    expect(order.deliveredAt).toBe(at(3));
    expect(order.tracking.map((e: any) => e.vnpostStatus)).toEqual([12, 14]);
    expect(await returns(code)).toHaveLength(1);
  });

  it('a forged, unsigned or replayed callback is refused with 401, records nothing and is kept in the exchange log', async () => {
    const { code, itemCode } = await resultByPost('3 Lê Lai');
    const fake = { events: [{ Status: 14, At: t.clock.now().toISOString(), Place: 'Kẻ mạo danh' }] };
    const forged = await post.notify(itemCode, { ...fake, secret: 'not-the-shared-secret-xyz' });
    expect(forged.status).toBe(401);
    expect(forged.body).toMatchObject({ code: 'POSTAL_CALLBACK_UNAUTHENTICATED', reason: 'forged' });
    const replayed = await post.notify(itemCode, { ...fake, sentAt: new Date(t.clock.now().getTime() - HOUR) });
    expect(replayed).toMatchObject({ status: 401, body: { code: 'POSTAL_CALLBACK_UNAUTHENTICATED', reason: 'stale' } });
    for (const lang of ['vi', 'en']) {
      const unsigned = await fetch(`${t.url}${PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': lang }, body: JSON.stringify({ ItemCode: itemCode, Events: fake.events }) });
      expect(unsigned.status).toBe(401);
      expect(await unsigned.json()).toMatchObject({ code: 'POSTAL_CALLBACK_UNAUTHENTICATED', reason: 'missing', title: expect.stringContaining(lang === 'vi' ? 'chữ ký hợp lệ' : 'not validly signed') });
    }
    // a body whose shape is wrong is refused on the field (before its signature is looked at)
    const badShape = await post.notify(itemCode, { body: { ItemCode: itemCode, Events: [{ Status: 14, At: '24/11/2026' }] } });
    expect(badShape).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ path: 'body.Events.0.At' })] } });
    // an item this system never booked, or one claimed for another dossier
    expect(await post.notify('EB999999999VN', { body: { ItemCode: 'EB999999999VN', Events: fake.events } })).toMatchObject({ status: 404, body: { code: 'POSTAL_ITEM_UNKNOWN', errors: [expect.objectContaining({ path: 'body.ItemCode' })] } });
    expect(await post.notify(itemCode, { body: { ItemCode: itemCode, OrderNumber: 'KHAC-0001', Events: fake.events } })).toMatchObject({ status: 422, body: { code: 'POSTAL_ORDER_MISMATCH', errors: [expect.objectContaining({ path: 'body.OrderNumber' })] } });

    const order = await postal(code);
    expect(order).toMatchObject({ status: 'booked' });
    expect(order.tracking).toEqual([]);
    expect(await returns(code)).toHaveLength(0);
    const refused = (await callbackLog((rows) => rows.filter((e) => e.status >= 400).length >= 7)).filter((e) => e.status >= 400);
    expect(refused.filter((e) => e.status === 401)).toHaveLength(4);
    expect(refused.find((e) => e.status === 401)).toMatchObject({ method: 'POST', error: expect.stringContaining('POSTAL_CALLBACK_UNAUTHENTICATED') });
    expect(refused.map((e) => e.error).join('\n')).toContain('the signature does not match');
    expect(refused.map((e) => e.status)).toEqual(expect.arrayContaining([400, 404, 422]));
    expect(JSON.stringify(refused)).not.toContain('not-the-shared-secret-xyz');
    // the failed filter of the exchange log lists them
    const failed = (await u['demo.admin']!.get('/api/v1/admin/integrations/exchanges?port=postal&failed=true')).body.items as any[];
    expect(failed.filter((e) => e.path === PATH).length).toBe(refused.length);
  });

  it('without a shared secret no callback is taken', async () => {
    const secret = t.ctx.config.postal.callbackSecret;
    t.ctx.config.postal.callbackSecret = undefined;
    try {
      const r = await post.notify('EB000000001VN', { events: [{ Status: 14, At: t.clock.now().toISOString() }] });
      expect(r).toMatchObject({ status: 403, body: { code: 'POSTAL_CALLBACKS_OFF' } });
    } finally {
      t.ctx.config.postal.callbackSecret = secret;
    }
  });
});
