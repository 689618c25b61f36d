// The national-portal sync against the simulated DVCQG over real HTTP (the `dvcqg` adapter: session login,
// JSON services): a dossier's whole life arrives in order; an hour's outage and lost answers lose and
// duplicate nothing; a refused payload shows the portal's reason and is resent after the fix; QĐ 766 1.4 and
// the 3.3 factor come from the sync records; the portal's questions are pulled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxHandlers } from '../../src/app.js';
import { deliverDue } from '../../src/platform/outbox/outbox.js';
import { startSimulatedPortal, type SimulatedPortalServer } from '../../src/platform/ports/national-portal-sim.js';
import { NationalPortalHttpClient } from '../../src/platform/ports/national-portal-http.js';
import { pullPortalQuestions, pushToPortal } from '../../src/modules/portal-sync/portal-sync.service.js';
import type { HttpClient, ManualClock, TestApp } from '../helpers.js';
import { DOC, act, receive, startDossierApp } from '../dossiers/fixtures.js';

const MIN = 60_000;
let sim: SimulatedPortalServer;
let t: TestApp & { clock: ManualClock };
const u: Record<string, HttpClient> = {};

beforeAll(async () => {
  sim = await startSimulatedPortal({ username: 'h56-motcua', password: 'bí-mật-1', systemCode: 'H56' });
  t = await startDossierApp({
    MOTCUA_NATIONAL_PORTAL: 'dvcqg', MOTCUA_DVCQG_URL: sim.url, MOTCUA_DVCQG_USERNAME: 'h56-motcua', MOTCUA_DVCQG_PASSWORD: 'bí-mật-1', MOTCUA_DVCQG_SYSTEM_CODE: 'H56',
  });
  for (const n of ['demo.tiepnhan', 'demo.chuyenvien', 'demo.lanhdao', 'demo.vanthu', 'demo.traketqua', 'demo.thuphi', 'demo.admin']) u[n] = await t.login(n);
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
});

/** The outbox (dossier events → sync items), then one push run. */
async function sync() {
  await deliverDue(t.ctx, outboxHandlers);
  return pushToPortal(t.ctx);
}
const history = async (code: string) => (await u['demo.tiepnhan']!.get(`/api/v1/dossiers/${code}/portal-sync`)).body.items as any[];

async function wholeLife(code: string) {
  await act(u['demo.tiepnhan']!, code, 'forward');
  await act(u['demo.chuyenvien']!, code, 'claim');
  await act(u['demo.chuyenvien']!, code, 'request_supplement', { reason: 'Thiếu bản sao', items: ['Bản sao giấy khai sinh'] });
  await act(u['demo.tiepnhan']!, code, 'receive_supplement');
  await act(u['demo.chuyenvien']!, code, 'request_payment', { amount: 50000, reason: 'Lệ phí' });
  await act(u['demo.thuphi']!, code, 'confirm_payment', { amount: 50000, receiptNumber: 'BL-1', method: 'online' });
  await act(u['demo.chuyenvien']!, code, 'forward');
  await act(u['demo.lanhdao']!, code, 'claim');
  await act(u['demo.lanhdao']!, code, 'approve');
  await act(u['demo.vanthu']!, code, 'claim');
  await act(u['demo.vanthu']!, code, 'record_result', { documents: [DOC] });
  await act(u['demo.traketqua']!, code, 'claim');
  await act(u['demo.traketqua']!, code, 'return_result', { method: 'counter', recipient: 'Nguyễn Thị Bích Ngọc' });
}

describe('a dossier synchronised with the national portal', () => {
  it('its whole life arrives in order: DongBoHoSoMC first, every status, progress lines, returned last', async () => {
    const code = (await receive(u['demo.tiepnhan']!)).dossier.code as string;
    await sync();
    expect(sim.portal.dossiers.get(code)!.applied).toEqual([{ service: 'DongBoHoSoMC', order: 1, status: 2 }]);
    await wholeLife(code);
    const r = await sync();
    expect(r.failed + r.rejected).toBe(0);
    const applied = sim.portal.dossiers.get(code)!.applied;
    expect(applied.map((a) => a.order)).toEqual([...applied.map((a) => a.order)].sort((a, b) => a - b));
    expect(applied.map((a) => a.status)).toEqual([2, 4, 4, 5, 4, 6, 4, 4, 4, 4, 4, 9, 9, 10]);
    expect(applied.filter((a) => a.service === 'CapNhatTienDoHoSoMC').map((a) => a.order)).toEqual([3, 8, 9, 10, 11, 13]);
    expect(sim.portal.dossiers.get(code)!.TrangThaiHoSo).toBe(10);
    // what went over the wire: a session from the login, the system code on the login, the payload's fields
    const services = sim.requests.filter((q) => q.path === '/api/service');
    expect(services.every((q) => q.headers.session)).toBe(true);
    expect(sim.requests.find((q) => q.path === '/api/auth')!.headers.dstcode).toBe('H56');
    const last = services.at(-1)!.body as any;
    expect(last).toMatchObject({ service: 'DongBoHoSoMC', data: { MaHoSo: code, MaTTHC: '1.009832', KenhThucHien: 1, TrangThaiHoSo: 10, DuocThanhToanTrucTuyen: 2, HinhThuc: 0 } });
    expect(last.data.NgayTiepNhan).toMatch(/^20261123090000$/);
    expect(last.data.DanhSachHoSoBoSung).toHaveLength(1);
    expect(last.data.DanhSachHoSoBoSung[0]).toMatchObject({ NoiDungBoSung: 'Thiếu bản sao: Bản sao giấy khai sinh' });
    expect(last.data.DanhSachGiayToKetQua[0]).toMatchObject({ MaGiayToKetQua: DOC.number });
    // the adapter's own record of the exchanges masks personal data
    const ex = (t.ctx.nationalPortal as NationalPortalHttpClient).exchanges.find((e) => (e.request as any)?.service === 'DongBoHoSoMC')!;
    expect(JSON.stringify(ex.request)).not.toContain('038190012345');
    expect(JSON.stringify(ex.request)).not.toContain('ngoc@example.vn');
    expect(JSON.stringify((t.ctx.nationalPortal as NationalPortalHttpClient).exchanges)).not.toContain('bí-mật-1');
    // the dossier's history: every item accepted, in order
    const h = await history(code);
    expect(h.map((i) => i.eventVersion)).toEqual(applied.map((a) => a.order));
    expect(h.every((i) => i.status === 'accepted')).toBe(true);
    // notifications got the same events through their own subscription
    const msgs = (await u['demo.admin']!.get(`/api/v1/admin/notifications/messages?pageSize=200&dossier=${code}`)).body.items as any[];
    expect(msgs.map((m) => m.event)).toEqual(expect.arrayContaining(['accepted', 'supplement_requested', 'payment_requested', 'result_ready']));
  });

  it('the portal down for an hour, then answers lost after taking effect: nothing lost, nothing applied twice', async () => {
    const a = (await receive(u['demo.tiepnhan']!)).dossier.code as string;
    const b = (await receive(u['demo.tiepnhan']!)).dossier.code as string;
    sim.down = true;
    await act(u['demo.tiepnhan']!, a, 'forward');
    await act(u['demo.tiepnhan']!, b, 'forward');
    await act(u['demo.chuyenvien']!, a, 'claim');
    for (let m = 0; m < 60; m += 5) {
      const r = await sync();
      expect(r.accepted).toBe(0);
      t.clock.advance(5 * MIN);
    }
    const dash = (await u['demo.admin']!.get('/api/v1/admin/portal-sync?failing=true')).body;
    expect(dash.counts.failing).toBe(2); // the head of each dossier's queue; the rest waits behind it
    expect(dash.items.every((i: any) => i.lastError.includes('503'))).toBe(true);
    expect(sim.portal.dossiers.has(a) || sim.portal.dossiers.has(b)).toBe(false);
    sim.down = false;
    sim.loseAnswers = 2; // the portal applies the next two calls, the answers never arrive
    t.clock.advance(60 * MIN);
    await sync();
    t.clock.advance(60 * MIN);
    await sync();
    for (const code of [a, b]) {
      const applied = sim.portal.dossiers.get(code)!.applied;
      expect(new Set(applied.map((x) => x.order)).size).toBe(applied.length);
      expect((await history(code)).every((i) => i.status === 'accepted')).toBe(true);
    }
    expect(sim.portal.dossiers.get(a)!.applied.map((x) => x.order)).toEqual([1, 2, 3]);
    expect(sim.portal.dossiers.get(b)!.applied.map((x) => x.order)).toEqual([1, 2]);
    expect((await u['demo.admin']!.get('/api/v1/admin/portal-sync')).body.counts).toMatchObject({ pending: 0, failing: 0 });
  });

  it('a refused payload shows the portal\'s code and reason, later items wait for nothing, a resend after the fix is accepted', async () => {
    const code = (await receive(u['demo.tiepnhan']!)).dossier.code as string;
    sim.portal.refuse(code, '-2', 'Mã thủ tục không có trong CSDL quốc gia về TTHC');
    await sync();
    const [item] = await history(code);
    expect(item).toMatchObject({ status: 'rejected', portalErrorCode: '-2', portalErrorMessage: 'Mã thủ tục không có trong CSDL quốc gia về TTHC', service: 'DongBoHoSoMC' });
    const dash = (await u['demo.admin']!.get('/api/v1/admin/portal-sync?status=rejected')).body;
    expect(dash.items.map((i: any) => i.dossierCode)).toContain(code);
    // only administrators resend; only rejected items; an unknown id is a 404 with its code
    expect((await u['demo.tiepnhan']!.post(`/api/v1/admin/portal-sync/items/${item.id}/resend`, {})).status).toBe(403);
    const unknown = await u['demo.admin']!.post('/api/v1/admin/portal-sync/items/00000000-0000-4000-8000-000000000000/resend', {});
    expect([unknown.status, unknown.body.code]).toEqual([404, 'SYNC_ITEM_NOT_FOUND']);
    sim.portal.allow(code);
    const again = await u['demo.admin']!.post(`/api/v1/admin/portal-sync/items/${item.id}/resend`, {});
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('pending');
    const twice = await u['demo.admin']!.post(`/api/v1/admin/portal-sync/items/${item.id}/resend`, {});
    expect([twice.status, twice.body.code]).toEqual([409, 'SYNC_ITEM_NOT_RESENDABLE']);
    await sync();
    expect((await history(code))[0]).toMatchObject({ status: 'accepted', portalErrorCode: null });
    expect(sim.portal.dossiers.get(code)!.TrangThaiHoSo).toBe(2);
  });

  it('QĐ 766: 1.4 counts the dossiers the portal accepted; 3.3 is multiplied by that rate', async () => {
    const never = (await receive(u['demo.tiepnhan']!)).dossier.code as string;
    sim.portal.refuse(never, '-1', 'Dữ liệu không hợp lệ');
    await sync();
    const ind = (await u['demo.admin']!.get('/api/v1/reports/indicators?from=2026-11-01&to=2026-11-30')).body;
    const byCode = Object.fromEntries(ind.groups.flatMap((g: any) => g.indicators).map((i: any) => [i.code, i]));
    const i14 = byCode['1.4'];
    expect(i14.available).toBe(true);
    const items = (await u['demo.admin']!.get('/api/v1/admin/portal-sync?pageSize=200')).body.items as any[];
    const synced = new Set(items.filter((i) => i.status === 'accepted').map((i) => i.dossierCode));
    expect(synced.has(never)).toBe(false);
    expect(i14.numerator).toBe(synced.size);
    expect(i14.denominator).toBe(synced.size + 1);
    expect(i14.score).toBeCloseTo((6 * synced.size) / (synced.size + 1), 2);
    const i33 = byCode['3.3'];
    expect(i33.factor).toBeCloseTo(synced.size / (synced.size + 1), 6);
    expect(i33.numerator).toBe(0); // every dossier here came in person
    sim.portal.allow(never);
  });

  it('questions citizens sent on the portal are pulled once (and handed to the Q&A inbox: questions-qa.test.ts)', async () => {
    sim.portal.addQuestion({ ID: 'HD-1', HOVATEN: 'Lê Văn Nam', NOIDUNG: 'Thủ tục cấp phiếu lý lịch tư pháp cần giấy tờ gì?', MATTHCDP: '1.009832' });
    expect(await pullPortalQuestions(t.ctx)).toMatchObject({ pulled: 1, new: 1 });
    expect(await pullPortalQuestions(t.ctx)).toMatchObject({ pulled: 1, new: 0 });
    const q = (await u['demo.admin']!.get('/api/v1/admin/portal-sync/questions')).body.items;
    expect(q).toEqual([expect.objectContaining({ portalId: 'HD-1', askerName: 'Lê Văn Nam', procedureCode: '1.009832' })]);
  });
});
