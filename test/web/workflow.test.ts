// The officials' web app in Debian's Chromium against the real server (PGlite by default): a dossier goes
// through the whole default process by clicking (reception + receipt, handler, leader, clerk, return
// officer), the leader's dashboard counts it as on time (the department's row of the progress table); then
// a supplement request and its resumption, a transfer to a commune and back, bulk assignment with the
// assignee picker, and a refusal at the desk.
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../helpers.js';
import { act, cspViolations, HAS_CHROMIUM, openFromInbox, shot, SHOTS, signIn, SKIP_REASON, startBrowserSuite, stopBrowserSuite, type Desk } from './browser.js';

const STP = '000.00.02.H56';
const XA1 = '000.11.00.H56';
const PROC = '1.009832'; // Cấp lại thẻ giám định viên tư pháp cấp tỉnh (15 working days)
/** A 1×1 PNG: a "scan" of the application form. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** The print window shows the server's PDF: saves it under test-results/web and checks it is a PDF. */
async function savePdf(win: Page, name: string): Promise<void> {
  const link = win.getByRole('link', { name: 'Tải PDF' });
  await link.waitFor();
  const bytes = await win.evaluate(async (href) => Array.from(new Uint8Array(await (await fetch(href!)).arrayBuffer())), await link.getAttribute('href'));
  const pdf = Buffer.from(bytes);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  writeFileSync(join(SHOTS, name), pdf);
  // a picture of page 1 next to it (headless Chromium shows no PDF viewer), when poppler-utils is installed
  if (existsSync('/usr/bin/pdftoppm')) execFileSync('/usr/bin/pdftoppm', ['-r', '80', '-png', '-f', '1', '-l', '1', '-singlefile', join(SHOTS, name), join(SHOTS, name.replace(/\.pdf$/, '-page1'))]);
}

if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

let t: TestApp;
let browser: Browser;
const desks: Record<string, Desk> = {};

async function desk(user: string): Promise<Page> {
  desks[user] ??= await signIn(browser, t.url, user);
  return desks[user]!.page;
}

/** A dossier accepted at the centre through the API and handed to the handling step (precondition only). */
async function dossierAtHandler(): Promise<string> {
  const c = await t.login('demo.tiepnhan');
  const r = await c.post('/api/v1/dossiers', {
    procedureCode: PROC, channel: 1, competentAgencyCode: STP,
    applicant: { kind: 'individual', fullName: 'Lê Thị Mai', idNumber: '038190099887', phone: '0912000111' },
    components: [{ name: 'Đơn đề nghị', provided: true, form: 'original', copies: 1 }], delivery: { method: 'counter' },
  }, { 'idempotency-key': randomUUID() });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const code = r.body.dossier.code as string;
  const v = (await c.get(`/api/v1/dossiers/${code}`)).body.version;
  const f = await c.post(`/api/v1/dossiers/${code}/actions/forward`, { version: v });
  expect(f.status, JSON.stringify(f.body)).toBe(200);
  return code;
}

describe.skipIf(!HAS_CHROMIUM)('web app: the whole road of a dossier in the browser', () => {
  beforeAll(async () => {
    ({ t, browser } = await startBrowserSuite());
  });
  afterAll(() => stopBrowserSuite({ t, browser }));

  it('reception receives in person and prints the receipt; handler → leader → clerk → return; the dashboard counts it on time', async () => {
    const page = await desk('demo.tiepnhan');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Tiếp nhận hồ sơ');
    // procedure by typing, without diacritics
    await page.getByRole('combobox', { name: 'Thủ tục hành chính' }).fill('cap lai the giam dinh vien');
    await page.getByRole('option', { name: new RegExp(PROC.replace('.', '\\.')) }).click();
    await page.locator('select[name=competent]').selectOption(STP);
    // validation: a wrong citizen ID and phone are flagged before anything is sent
    await page.getByLabel('Họ và tên').fill('Nguyễn Thị Bích Ngọc');
    await page.getByLabel('Số định danh cá nhân (CCCD)').fill('03819001');
    await page.getByLabel('Số điện thoại').fill('12345');
    await page.getByRole('button', { name: 'Tiếp nhận và in giấy tiếp nhận' }).click();
    await expect.poll(() => page.getByText('Số định danh cá nhân phải gồm đúng 12 chữ số').count()).toBe(1);
    await expect.poll(() => page.getByText('Số điện thoại không hợp lệ').count()).toBe(1);
    await page.getByLabel('Số định danh cá nhân (CCCD)').fill('038190012345');
    await page.getByLabel('Số điện thoại').fill('0912 345 678');
    await page.locator('select[name=province]').selectOption('38');
    await page.locator('select[name=commune]').selectOption('14797');
    await page.getByLabel('Số nhà, đường, thôn/xóm').fill('12 Lê Lợi');
    // a scan of the first component (staged upload, attached at reception)
    await page.locator('table.checklist input[type=file]:not([capture])').first().setInputFiles({ name: 'don-de-nghi.png', mimeType: 'image/png', buffer: PNG });
    await page.getByTestId('scan').filter({ hasText: 'don-de-nghi.png' }).waitFor();
    // the appointment is shown live
    await expect.poll(() => page.getByTestId('appointment').textContent()).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    await shot(page, '01-reception-filled');

    const popup = page.context().waitForEvent('page');
    await page.getByRole('button', { name: 'Tiếp nhận và in giấy tiếp nhận' }).click();
    const receipt = await popup;
    await savePdf(receipt, 'receipt-form-01.pdf');
    await receipt.close();
    const accepted = await page.getByRole('status').textContent();
    const code = /(\d{3}\.\d{2}\.\d{2}\.H56-\d{6}-\d{4})/.exec(accepted ?? '')?.[1];
    expect(code, accepted ?? '').toBeTruthy();

    // reception hands it over to the department
    await page.getByRole('link', { name: `Mở ${code}` }).click();
    await page.getByRole('link', { name: 'don-de-nghi.png' }).waitFor(); // the scan is on the dossier
    await page.getByRole('button', { name: 'Xem' }).first().click();
    const viewer = page.getByRole('dialog', { name: 'don-de-nghi.png' });
    await viewer.getByRole('img', { name: 'don-de-nghi.png' }).waitFor();
    await viewer.getByRole('button', { name: 'Đóng' }).click();
    await act(page, 'forward');

    // the handler takes it from the pool and forwards it
    const h = await desk('demo.chuyenvien');
    await page.waitForTimeout(0);
    await h.getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    await h.getByRole('tab', { name: 'Chờ nhận xử lý' }).click();
    await h.getByRole('link', { name: code!, exact: true }).waitFor();
    await shot(h, '03-inbox-pool-handler');
    await openFromInbox(h, 'Chờ nhận xử lý', code!);
    await act(h, 'claim');
    await shot(h, '04-dossier-handler');
    await act(h, 'forward');

    // the leader approves
    const l = await desk('demo.lanhdao');
    await openFromInbox(l, 'Chờ nhận xử lý', code!);
    await act(l, 'claim');
    await act(l, 'approve');

    // the clerk records the result
    const c = await desk('demo.vanthu');
    await openFromInbox(c, 'Chờ nhận xử lý', code!);
    await act(c, 'claim');
    const decision = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    await act(c, 'record_result', { 'Số văn bản': '15/QĐ-STP', 'Người ký': 'Phạm Quốc Hưng' }, {}, { name: 'quyet-dinh-15.pdf', mimeType: 'application/pdf', buffer: decision });
    await c.getByRole('link', { name: 'quyet-dinh-15.pdf' }).waitFor(); // the signed decision is among the dossier's files

    // the return officer returns it
    const r = await desk('demo.traketqua');
    await openFromInbox(r, 'Chờ nhận xử lý', code!);
    await act(r, 'claim');
    await act(r, 'return_result');
    await expect.poll(() => r.locator('.dossier-head .badge').first().textContent()).toBe('Đã trả kết quả');
    // the control slip shows every hand-over with its on-time mark
    expect(await r.locator('section[aria-labelledby=d-slip] tbody tr').count()).toBe(5);
    expect(await r.locator('section[aria-labelledby=d-slip] .badge.late').count()).toBe(0);
    await shot(r, '05-dossier-returned-control-slip');

    // the leader's dashboard counts it as resolved on time: the department's row of the progress table
    await l.getByRole('link', { name: 'Thống kê' }).click();
    const row = l.locator(`[data-testid=progress-table] tr[data-key="${STP}"]`);
    const n = async (m: string) => Number(await row.locator(`[data-measure=${m}]`).textContent());
    await expect.poll(() => row.locator('[data-measure=resolved]').textContent(), { timeout: 20_000 }).toBe('1');
    expect(await n('received')).toBe(1);
    expect((await n('resolvedEarly')) + (await n('resolvedOnTime'))).toBe(1);
    expect(await n('resolvedLate')).toBe(0);
    expect(await row.locator('[data-measure=onTimeRate]').textContent()).toBe('100%');
    expect(await l.getByTestId('on-time').textContent()).toContain('100%');
    await l.locator('.chart svg').first().waitFor();
    await shot(l, '06-dashboard-leader');
  });

  it('supplement: the handler asks for more papers, the desk receives them and processing resumes', async () => {
    const code = await dossierAtHandler();
    const h = await desk('demo.chuyenvien');
    await openFromInbox(h, 'Chờ nhận xử lý', code);
    await act(h, 'claim');
    await act(h, 'request_supplement', { 'Lý do': 'Thiếu ảnh chân dung', 'Giấy tờ cần bổ sung': 'Ảnh 2x3\nBản sao thẻ cũ' });
    await expect.poll(() => h.locator('.dossier-head .badge').first().textContent()).toBe('Chờ bổ sung');
    expect(await h.locator('dl.kv').textContent()).toContain('tạm dừng tính thời gian'); // the clock is stopped
    const desk1 = await desk('demo.tiepnhan');
    await openFromInbox(desk1, 'Tất cả trong phạm vi', code);
    await act(desk1, 'receive_supplement');
    await expect.poll(() => desk1.locator('.dossier-head .badge').first().textContent()).toBe('Đang xử lý');
    await shot(desk1, '07-supplement-resumed');
  });

  it('transfer to a commune and back (liên thông)', async () => {
    const code = await dossierAtHandler();
    const h = await desk('demo.chuyenvien');
    await openFromInbox(h, 'Chờ nhận xử lý', code);
    await act(h, 'claim');
    await act(h, 'transfer', { 'Thời hạn (giờ làm việc)': '16' }, { 'Cơ quan nhận': XA1 });
    await expect.poll(() => h.locator('dl.kv').textContent()).toContain('Ủy ban nhân dân Phường Hạc Thành');
    const x = await desk('demo.xa.chuyenvien');
    await openFromInbox(x, 'Tất cả trong phạm vi', code);
    await act(x, 'claim');
    await act(x, 'return_transfer', { 'Số văn bản': '07/XN-UBND', 'Người ký': 'Trịnh Xuân Bách' });
    await expect.poll(() => h.reload().then(() => h.locator('dl.kv').textContent())).toContain('Sở Tư pháp tỉnh Thanh Hóa');
    const slip = await h.locator('section[aria-labelledby=d-slip]').textContent();
    expect(slip).toContain('Phường Hạc Thành');
    await shot(h, '08-transfer-returned');
  });

  it('a leader assigns dossiers in bulk from the inbox', async () => {
    const codes = [await dossierAtHandler(), await dossierAtHandler()];
    const l = await desk('demo.lanhdao');
    await l.getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    await l.getByRole('tab', { name: 'Tất cả trong phạm vi' }).click();
    for (const c of codes) await l.getByRole('checkbox', { name: `Chọn hồ sơ ${c}` }).check();
    // the assignee is picked from the department's officials (by name), not typed as an id
    await l.getByLabel('Tìm cán bộ').fill('Đức');
    const picker = l.getByLabel('Cán bộ được phân công');
    const option = picker.locator('option', { hasText: 'demo.chuyenvien' });
    await option.waitFor({ state: 'attached' });
    expect(await option.textContent()).toContain('Trần Minh Đức');
    await picker.selectOption((await option.getAttribute('value'))!);
    await shot(l, '10-inbox-bulk-assign');
    await l.getByRole('button', { name: 'Phân công 2 hồ sơ' }).click();
    await expect.poll(() => l.getByRole('status').textContent()).toBe('Đã phân công 2 hồ sơ, lỗi 0');
    const mine = await (await t.login('demo.chuyenvien')).get('/api/v1/dossiers?mine=true&pageSize=100');
    expect(mine.body.items.map((i: { code: string }) => i.code)).toEqual(expect.arrayContaining(codes));
  });

  it('incomplete at the desk prints the guidance (form 02)', async () => {
    const page = await desk('demo.tiepnhan');
    await page.getByRole('link', { name: 'Tiếp nhận' }).click();
    if (await page.getByRole('button', { name: 'Tiếp nhận hồ sơ mới' }).count()) await page.getByRole('button', { name: 'Tiếp nhận hồ sơ mới' }).click();
    await page.getByRole('button', { name: 'Xóa dữ liệu đang nhập' }).click();
    await page.getByRole('combobox', { name: 'Thủ tục hành chính' }).fill(PROC);
    await page.getByRole('listbox').getByRole('option', { name: /1\.009832/ }).click();
    await page.getByLabel('Họ và tên').fill('Đinh Văn Tùng');
    await page.getByLabel('Số định danh cá nhân (CCCD)').fill('038087003344');
    await page.getByLabel('Số điện thoại').fill('0977123456');
    await page.getByRole('button', { name: 'Hướng dẫn bổ sung (mẫu 02)' }).click();
    const dlg = page.getByRole('dialog');
    await dlg.getByLabel('Lý do').fill('Thiếu giấy tờ');
    await dlg.getByLabel('Giấy tờ cần bổ sung').fill('Ảnh chân dung 2x3');
    const popup = page.context().waitForEvent('page');
    await dlg.getByRole('button', { name: 'Xác nhận' }).click();
    const form = await popup;
    await savePdf(form, 'guidance-form-02.pdf');
    await form.close();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('mẫu 02');
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ mới' }).click();
  });

  it('refusal at the desk prints form 03', async () => {
    const page = await desk('demo.tiepnhan');
    await page.getByRole('link', { name: 'Tiếp nhận' }).click();
    await page.getByRole('button', { name: 'Xóa dữ liệu đang nhập' }).click();
    await page.getByRole('combobox', { name: 'Thủ tục hành chính' }).fill(PROC);
    await page.getByRole('option', { name: new RegExp(PROC.replace('.', '\\.')) }).click();
    await page.getByLabel('Họ và tên').fill('Hoàng Văn Nam');
    await page.getByLabel('Số định danh cá nhân (CCCD)').fill('038085001122');
    await page.getByLabel('Số điện thoại').fill('0987654321');
    await page.getByRole('button', { name: 'Từ chối tiếp nhận (mẫu 03)' }).click();
    const dlg = page.getByRole('dialog');
    await dlg.getByLabel('Lý do').fill('Thủ tục không thuộc thẩm quyền của tỉnh');
    const popup = page.context().waitForEvent('page');
    await dlg.getByRole('button', { name: 'Xác nhận' }).click();
    const form = await popup;
    await savePdf(form, 'refusal-form-03.pdf');
    await form.close();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('mẫu 03');
  });

  it('every screen and print window above ran under the Content-Security-Policy without a refusal', () => {
    expect(cspViolations).toEqual([]);
  });
});
