// The national-portal sync in Debian's Chromium: the administrators' dashboard over a real simulated DVCQG
// (HTTP): counts, a refused record with the portal's code and reason and its resend button, a record waiting
// while the portal is down; then a dossier's own sync history on its page. Screenshots in test-results/web/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { outboxHandlers } from '../../src/app.js';
import { deliverDue } from '../../src/platform/outbox/outbox.js';
import { startSimulatedPortal, type SimulatedPortalServer } from '../../src/platform/ports/national-portal-sim.js';
import { pullInboundDossiers, pushToPortal } from '../../src/modules/portal-sync/portal-sync.service.js';
import { trackPostalOrders } from '../../src/modules/postal/postal.service.js';
import type { RecordingPostalService } from '../../src/platform/ports/postal.js';
import type { TestApp } from '../helpers.js';
import { COMMUNE_PROC, DOC, XA1_TT, act, applicant, receive, startDossierApp } from '../dossiers/fixtures.js';
import { ensureWebBuilt, HAS_CHROMIUM, launch, shot, signIn, SKIP_REASON } from './browser.js';

if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

let t: TestApp;
let browser: Browser;
let sim: SimulatedPortalServer;
const codes: Record<'ok' | 'refused' | 'waiting' | 'posted', string> = { ok: '', refused: '', waiting: '', posted: '' };

describe.skipIf(!HAS_CHROMIUM)('national-portal sync and postal tracking in the browser', () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    sim = await startSimulatedPortal({ username: 'h56', password: 'secret-1', systemCode: 'H56' });
    t = await startDossierApp({
      MOTCUA_SESSION_TTL_MINUTES: '600', MOTCUA_SESSION_IDLE_MINUTES: '600',
      MOTCUA_NATIONAL_PORTAL: 'dvcqg', MOTCUA_DVCQG_URL: sim.url, MOTCUA_DVCQG_USERNAME: 'h56', MOTCUA_DVCQG_PASSWORD: 'secret-1', MOTCUA_DVCQG_SYSTEM_CODE: 'H56',
    });
    browser = await launch();
    const desk = await t.login('demo.tiepnhan');
    const handler = await t.login('demo.chuyenvien');
    codes.ok = (await receive(desk)).dossier.code;
    await act(desk, codes.ok, 'forward');
    await act(handler, codes.ok, 'claim');
    await act(handler, codes.ok, 'request_supplement', { reason: 'Thiếu bản sao giấy khai sinh' });
    codes.refused = (await receive(desk, { applicant: applicant({ fullName: 'Lê Thị Hoa' }) })).dossier.code;
    sim.portal.refuse(codes.refused, '-2', 'Mã thủ tục không có trong CSDL quốc gia về TTHC');
    await deliverDue(t.ctx, outboxHandlers);
    await pushToPortal(t.ctx);
    sim.down = true;
    codes.waiting = (await receive(desk, { applicant: applicant({ fullName: 'Trần Văn Đức' }) })).dossier.code;
    await deliverDue(t.ctx, outboxHandlers);
    await pushToPortal(t.ctx);
    // a result returned by post through the built-in simulated post office, tracked to delivered
    codes.posted = (await receive(desk, { delivery: { method: 'post', address: { line: '25 Trần Phú', communeCode: '14797' } } })).dossier.code;
    await act(desk, codes.posted, 'forward');
    await act(handler, codes.posted, 'claim');
    await act(handler, codes.posted, 'forward');
    const leader = await t.login('demo.lanhdao');
    await act(leader, codes.posted, 'claim');
    await act(leader, codes.posted, 'approve');
    const clerk = await t.login('demo.vanthu');
    await act(clerk, codes.posted, 'claim');
    await act(clerk, codes.posted, 'record_result', { documents: [DOC] });
    await deliverDue(t.ctx, outboxHandlers);
    const office = (t.ctx.postal as RecordingPostalService).office;
    const item = [...office.orders.values()][0]!.itemCode;
    office.advance(item, 6, 'Bưu cục Hạc Thành');
    office.advance(item, 12, 'Bưu cục Hạc Thành');
    office.advance(item, 14, 'Phường Hạc Thành');
    await trackPostalOrders(t.ctx);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await sim?.close();
  });

  it('the dashboard: counts, the portal\'s reason on a refused record, resend, a record retried while the portal is down', async () => {
    const a = await signIn(browser, t.url, 'demo.admin');
    await a.page.goto('/admin/portalSync');
    await a.page.getByRole('heading', { name: 'Đồng bộ Cổng Dịch vụ công quốc gia' }).waitFor();
    await a.page.getByTestId('sync-table').waitFor();
    const counts = await a.page.getByTestId('sync-counts').textContent();
    expect(counts).toContain('Bị Cổng từ chối1');
    expect(counts).toContain('Lỗi kết nối, đang thử lại1');
    const refused = a.page.locator('[data-testid="sync-row"][data-status="rejected"]');
    expect(await refused.count()).toBe(1);
    expect(await refused.textContent()).toContain('Cổng từ chối, mã -2: Mã thủ tục không có trong CSDL quốc gia về TTHC');
    expect(await refused.textContent()).toContain(codes.refused);
    const waiting = a.page.locator('[data-testid="sync-row"][data-status="pending"]').filter({ hasText: codes.waiting });
    expect(await waiting.textContent()).toContain('HTTP 503');
    expect(await waiting.textContent()).toMatch(/Thử lại lúc \d\d\/\d\d\/\d{4}/);
    expect(await a.page.getByTestId('sync-table').textContent()).toMatch(/\d\d\/\d\d\/\d{4}/);
    await shot(a.page, '60-admin-portal-sync');
    sim.portal.allow(codes.refused);
    await refused.getByRole('button', { name: 'Gửi lại' }).click();
    await a.page.getByRole('status').filter({ hasText: 'Đã xếp lịch gửi lại' }).waitFor();
    await expect.poll(() => a.page.locator('[data-testid="sync-row"][data-status="rejected"]').count()).toBe(0);
    await a.ctx.close();
  });

  it('dossiers filed on the national portal: one in the commune desk queue with a link, one refused with the reason', async () => {
    sim.down = false;
    const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64');
    const base = { MaTTHC: COMMUNE_PROC, MaDonViTiepNhan: XA1_TT, NgayNopHoSo: '20261122203000', ChuHoSo: 'Phạm Thị Lan', SoGiayToChuHoSo: '038190054321', SoDienThoai: '0987654321', LoaiDoiTuong: 0 as const, HinhThucNhanKetQua: 0 as const, TaiKhoanDuocXacThucVoiVNeID: 1 as const };
    sim.portal.addInboundDossier({ ...base, MaHoSoQG: 'G22.99-261122-0001', TaiLieuNop: [{ TenTepDinhKem: 'to-khai.pdf', NoiDungTep: PDF, DuocLayTuKhoDMQG: 0 }] });
    sim.portal.addInboundDossier({ ...base, MaHoSoQG: 'G22.99-261122-0002', MaTTHC: '9.999999', TaiLieuNop: [] });
    const pulled = await pullInboundDossiers(t.ctx);
    expect(pulled, JSON.stringify((await t.ctx.db.selectFrom('portal_inbound_dossiers').select(['portal_id', 'reason', 'errors']).execute()))).toMatchObject({ registered: 1, refused: 1, acknowledged: 2 });
    const a = await signIn(browser, t.url, 'demo.admin');
    await a.page.goto('/admin/portalSync');
    const section = a.page.getByTestId('portal-inbound');
    await section.getByRole('heading', { name: 'Hồ sơ nộp trên Cổng DVCQG chuyển về' }).waitFor();
    const ok = section.locator('[data-testid="inbound-row"][data-status="registered"]');
    expect(await ok.textContent()).toContain('Đã vào hàng chờ tiếp nhận');
    expect(await ok.textContent()).toContain('22/11/2026');
    const bad = section.locator('[data-testid="inbound-row"][data-status="refused"]');
    expect(await bad.textContent()).toContain('Không tiếp nhận được');
    expect(await bad.textContent()).toContain('body.procedureCode');
    await section.scrollIntoViewIfNeeded();
    await shot(a.page, '63-admin-portal-inbound');
    const href = await ok.getByRole('link', { name: 'Mở hồ sơ' }).getAttribute('href');
    await a.ctx.close();
    // the commune desk opens it from the link: the applicant as the portal gave it, waiting for reception
    const desk = await signIn(browser, t.url, 'demo.xa.tiepnhan');
    await desk.page.goto(href!);
    await desk.page.getByText('Phạm Thị Lan').first().waitFor();
    await shot(desk.page, '64-desk-portal-dossier');
    await desk.ctx.close();
  });

  it("a dossier's page shows its sync history in order", async () => {
    const a = await signIn(browser, t.url, 'demo.tiepnhan');
    await a.page.goto(`/dossiers/${encodeURIComponent(codes.ok)}`);
    const card = a.page.getByTestId('dossier-sync');
    await card.getByTestId('sync-table').waitFor();
    const rows = card.getByTestId('sync-row');
    expect(await rows.count()).toBe(4);
    const texts = await rows.allTextContents();
    expect(texts[0]).toContain('DongBoHoSoMC');
    expect(texts[0]).toContain('2 — Được tiếp nhận');
    expect(texts[2]).toContain('CapNhatTienDoHoSoMC');
    expect(texts[3]).toContain('5 — Yêu cầu bổ sung giấy tờ');
    expect(texts.every((x) => x.includes('Cổng đã nhận'))).toBe(true);
    await card.scrollIntoViewIfNeeded();
    await shot(a.page, '61-dossier-portal-sync');
    await a.ctx.close();
  });

  it("a dossier returned by post shows its postal tracking and the completed return", async () => {
    const a = await signIn(browser, t.url, 'demo.tiepnhan');
    await a.page.goto(`/dossiers/${encodeURIComponent(codes.posted)}`);
    const card = a.page.getByTestId('dossier-postal');
    await card.waitFor();
    const text = await card.textContent();
    expect(text).toContain('Gửi kết quả cho người dân');
    expect(text).toContain('Đã phát thành công');
    expect(text).toContain('Đang phát · Bưu cục Hạc Thành');
    expect(text).toMatch(/đã ghi trả kết quả lúc \d\d\/\d\d\/\d{4}/);
    expect(text).toContain('Bưu điện mô phỏng');
    expect(await a.page.getByText('Đã trả kết quả').first().count()).toBe(1);
    await card.scrollIntoViewIfNeeded();
    await shot(a.page, '62-dossier-postal-tracking');
    await a.ctx.close();
  });
});
