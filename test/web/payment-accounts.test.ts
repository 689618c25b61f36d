// The administrators' payment accounts page in Debian's Chromium as demo.admin: add an agency's merchant
// account (a secret reference the server does not hold is refused on its field), the list with the
// reference and "Đã có khoá" — never the secret —, edit, disable; dates dd/mm/yyyy; axe finds no serious
// violation. Screenshots in test-results/web/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers.js';
import { CENTRE, startDossierApp } from '../dossiers/fixtures.js';
import { ensureWebBuilt, HAS_CHROMIUM, launch, LONG_SESSIONS, shot, signIn, SKIP_REASON } from './browser.js';
import { describeFindings, seriousViolations } from './axe.js';

if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

const SECRET = 'centre-merchant-secret-browser-1';
let t: TestApp;
let browser: Browser;

describe.skipIf(!HAS_CHROMIUM)('admin: payment accounts', () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    t = await startDossierApp({ ...LONG_SESSIONS, MOTCUA_PAYMENT_SECRET_CENTRE_SIM: SECRET });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('add (a missing secret refused on its field), list without the secret, edit, disable', async () => {
    const a = await signIn(browser, t.url, 'demo.admin');
    const page = a.page;
    await page.goto('/can-bo/admin/paymentAccounts');
    await page.getByRole('heading', { name: 'Tài khoản thu phí, lệ phí trực tuyến' }).waitFor();
    await page.getByText('Chưa có tài khoản nào').waitFor();
    await page.getByRole('button', { name: 'Thêm tài khoản' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Cơ quan').selectOption(CENTRE);
    await dialog.getByLabel('Cổng thanh toán').selectOption('simulated');
    await dialog.getByLabel('Mã đơn vị (merchant / đối tác)').fill('TTPVHCC');
    await dialog.getByLabel('Số tài khoản thụ hưởng').fill('3713.0.1055555');
    await dialog.getByLabel('Mã ngân hàng / Kho bạc').fill('KBNN');
    await dialog.getByLabel('Tên tài khoản thụ hưởng').fill('Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa');
    await dialog.getByLabel('Ký hiệu biên lai').fill('BL-TTHCC/26E');
    await dialog.getByLabel('Tham chiếu khoá bí mật').fill('CENTRE_VNPAY');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    // the server's 422 under the field it concerns
    const refError = dialog.getByRole('alert').filter({ hasText: 'MOTCUA_PAYMENT_SECRET_CENTRE_VNPAY' });
    await refError.waitFor();
    expect(await dialog.getByLabel('Tham chiếu khoá bí mật').getAttribute('aria-describedby')).toContain(await refError.getAttribute('id'));
    await shot(page, '70-admin-payment-accounts-secret-missing');
    await dialog.getByLabel('Tham chiếu khoá bí mật').fill('CENTRE_SIM');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu tài khoản TTPVHCC' }).waitFor();
    const table = page.getByRole('table');
    expect(await table.textContent()).toContain('CENTRE_SIM');
    expect(await table.textContent()).toContain('Đã có khoá');
    expect(await table.textContent()).toContain('Đang dùng');
    expect(await table.textContent()).toMatch(/\d\d\/\d\d\/\d{4}/);
    expect(await page.content()).not.toContain(SECRET);
    const findings = await seriousViolations(page, 'admin payment accounts');
    expect(findings, describeFindings(findings)).toEqual([]);
    await shot(page, '71-admin-payment-accounts-list');

    await page.getByRole('button', { name: 'Sửa tài khoản TTPVHCC của' }).click();
    await dialog.getByLabel('Ký hiệu biên lai').fill('BL-TTHCC/27E');
    expect(await dialog.getByLabel('Cơ quan').isDisabled()).toBe(true);
    await shot(page, '72-admin-payment-accounts-edit');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => table.textContent()).toContain('BL-TTHCC/27E');
    await page.getByRole('button', { name: 'Ngừng dùng tài khoản TTPVHCC của' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã ngừng dùng' }).waitFor();
    await expect.poll(() => table.textContent()).toContain('Ngừng dùng');
    await shot(page, '73-admin-payment-accounts-disabled');
  });
});
