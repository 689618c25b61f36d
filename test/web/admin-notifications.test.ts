// The admins' notifications page in Debian's Chromium as demo.admin: the outbox after a real khai sinh
// dossier (SMS and e-mail of the built-in sink marked "chưa gửi ra ngoài", a failed SMS to a landline with
// its reason and a resend button), then a template edited with an unknown variable (the server's 422 shown on
// the field), previewed with the dossier's real code, saved as version 2. Screenshots in test-results/web/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { outboxHandlers } from '../../src/app.js';
import { deliverDue } from '../../src/platform/outbox/outbox.js';
import type { TestApp } from '../helpers.js';
import { applicant, receive, startDossierApp } from '../dossiers/fixtures.js';
import { ensureWebBuilt, HAS_CHROMIUM, launch, shot, signIn, SKIP_REASON } from './browser.js';

if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

let t: TestApp;
let browser: Browser;
let code: string;

describe.skipIf(!HAS_CHROMIUM)('admin: notifications', () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    t = await startDossierApp({ MOTCUA_SESSION_TTL_MINUTES: '600', MOTCUA_SESSION_IDLE_MINUTES: '600' });
    browser = await launch();
    const desk = await t.login('demo.xa.tiepnhan');
    const good = await receive(desk, { procedureCode: '1.001193', competentAgencyCode: undefined, applicant: applicant({ fullName: 'Trần Văn Đức', email: 'duc.tran@example.vn' }), components: [{ name: 'Tờ khai', provided: true, form: 'original', copies: 1 }] });
    code = good.dossier.code;
    await receive(desk, { procedureCode: '1.001193', competentAgencyCode: undefined, applicant: applicant({ fullName: 'Lê Thị Hoa', phone: '0237 385 2222', email: undefined }), components: [{ name: 'Tờ khai', provided: true, form: 'original', copies: 1 }] });
    await deliverDue(t.ctx, outboxHandlers);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('outbox: built-in sink marked, a failed SMS with its reason and a resend action', async () => {
    const a = await signIn(browser, t.url, 'demo.admin');
    await a.page.goto('/admin/notifications');
    await a.page.getByRole('heading', { name: 'Thông báo', exact: true }).waitFor();
    await a.page.getByTestId('notifications-table').waitFor();
    await expect.poll(() => a.page.getByTestId('sink-sms').count()).toBe(1);
    expect(await a.page.getByTestId('sink-sms').textContent()).toContain('chưa gửi ra ngoài');
    const rows = a.page.getByTestId('notification-row');
    expect(await rows.count()).toBe(3);
    const failed = a.page.locator('[data-testid="notification-row"][data-status="failed"]');
    expect(await failed.count()).toBe(1);
    expect(await failed.textContent()).toContain('không phải số di động Việt Nam');
    expect(await failed.getByRole('button', { name: 'Gửi lại' }).count()).toBe(1);
    const sent = a.page.locator('[data-testid="notification-row"][data-status="sent"]').filter({ hasText: code });
    expect(await sent.count()).toBe(2);
    expect(await sent.first().textContent()).toContain('(chưa gửi ra ngoài)');
    expect(await a.page.getByTestId('notifications-table').textContent()).toMatch(/\d\d\/\d\d\/\d{4}/);
    await shot(a.page, '50-admin-notifications-outbox');
    await a.page.getByLabel('Chỉ thư lỗi, không rõ kết quả').check();
    await expect.poll(() => rows.count()).toBe(1);
  });

  it('templates: unknown variable marked on the field, preview with a real dossier, saved as a new version', async () => {
    const a = await signIn(browser, t.url, 'demo.admin');
    await a.page.goto('/admin/notifications');
    await a.page.getByRole('tab', { name: 'Mẫu thông báo' }).click();
    const row = a.page.getByTestId('template-row').filter({ hasText: 'Tiếp nhận hồ sơ' }).filter({ hasText: 'Tin nhắn SMS' });
    await row.getByRole('button', { name: 'Sửa' }).click();
    const dialog = a.page.getByRole('dialog');
    await dialog.getByLabel('Nội dung').fill('Hồ sơ {{dossierCode}} hẹn {{ngayHen}}');
    await dialog.getByRole('button', { name: 'Lưu phiên bản mới' }).click();
    await dialog.getByText('{{ngayHen}}').first().waitFor();
    await shot(a.page, '51-admin-notifications-template-error');
    await dialog.getByLabel('Nội dung').fill('Hồ sơ {{dossierCode}} ({{procedureName}}) hẹn trả {{appointment}}');
    await dialog.getByLabel('Mã hồ sơ để xem thử').fill(code);
    await dialog.getByRole('button', { name: 'Xem thử' }).click();
    const pv = dialog.getByTestId('template-preview');
    await pv.waitFor();
    expect(await pv.textContent()).toContain(`Hồ sơ ${code} (`);
    expect(await pv.textContent()).toMatch(/hẹn trả \d\d\/\d\d\/\d{4} \d\d:\d\d/);
    expect(await dialog.getByTestId('sms-segments').textContent()).toMatch(/^1 tin nhắn \(mã hóa GSM7\)Gửi đi không dấu/);
    await shot(a.page, '52-admin-notifications-template-preview');
    await dialog.getByRole('button', { name: 'Lưu phiên bản mới' }).click();
    await a.page.getByText('Đã lưu phiên bản 2').waitFor();
    await expect.poll(() => row.textContent()).toContain('v2');
    await shot(a.page, '53-admin-notifications-templates');
  });
});
