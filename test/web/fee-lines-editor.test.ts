// The official's request-payment dialog on the dossier page: the fee lines pre-filled from the catalogue,
// edited, one exempted with its reason and legal basis; a bad amount is refused on its own line; the request
// is recorded with the lines and the citizen's tracking page lists them with the exemption.
// Screenshots: test-results/web/fee-lines-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { HAS_CHROMIUM, ensureWebBuilt, launch, LONG_SESSIONS, newContext, shot, signIn, SKIP_REASON } from './browser.js';
import { act, receive } from '../dossiers/fixtures.js';
import { startPaymentWorld, type PaymentWorld } from '../payments/helpers.js';

if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

let w: PaymentWorld;
let browser: Browser;

describe.skipIf(!HAS_CHROMIUM)('the fee lines editor of a payment request', () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    w = await startPaymentWorld(LONG_SESSIONS);
    browser = await launch();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await w?.close();
  });

  it('pre-fills, edits, exempts a line with its reason, shows a line error, records the lines', async () => {
    const r = await receive(w.desk);
    const code = r.dossier.code as string;
    const secret = (r.receipt as { secret: string }).secret;
    await act(w.desk, code, 'forward');
    await act(w.handler, code, 'claim');
    const suggested = (await w.handler.get(`/api/v1/dossiers/${code}/fee-lines`)).body.lines as unknown[];

    const { page } = await signIn(browser, w.t.url, 'demo.chuyenvien');
    await page.goto(`/can-bo/dossiers/${encodeURIComponent(code)}`);
    await page.getByRole('button', { name: 'Yêu cầu thực hiện nghĩa vụ tài chính' }).click();
    const dlg = page.getByRole('dialog');
    const lines = dlg.getByRole('group', { name: /^Khoản thứ/ });
    await expect.poll(() => lines.count()).toBe(Math.max(1, suggested.length));
    await shot(page, 'fee-lines-prefilled');
    // keep one line, then two of the official's own
    while ((await lines.count()) > 1) await dlg.getByRole('button', { name: `Xóa khoản thứ ${await lines.count()}` }).click();
    const line = (n: number) => dlg.getByRole('group', { name: `Khoản thứ ${n}` });
    await line(1).getByLabel('Tên khoản thu').fill('Lệ phí cấp giấy phép');
    await line(1).getByLabel('Mức thu (đồng)').fill('50000');
    await line(1).getByLabel('Số lượng').fill('1');
    await line(1).getByLabel('Miễn khoản này').uncheck();
    await dlg.getByRole('button', { name: 'Thêm khoản thu' }).click();
    await line(2).getByLabel('Tên khoản thu').fill('Phí sao y bản chính');
    await line(2).getByLabel('Loại').selectOption('phi');
    await line(2).getByLabel('Mức thu (đồng)').fill('-5');
    await line(2).getByLabel('Số lượng').fill('3');
    await dlg.getByRole('button', { name: 'Thêm khoản thu' }).click();
    await line(3).getByLabel('Tên khoản thu').fill('Phí thẩm định');
    await line(3).getByLabel('Mức thu (đồng)').fill('100000');
    await line(3).getByLabel('Miễn khoản này').check();
    await line(3).getByLabel('Lý do miễn').fill('Hộ nghèo');
    await line(3).getByLabel('Căn cứ pháp lý (không bắt buộc)').fill('Nghị quyết 12/2020/NQ-HĐND');

    await dlg.getByRole('button', { name: 'Thực hiện' }).click();
    // the server's field error lands on line 2's amount
    await expect.poll(() => line(2).locator('.err').count()).toBe(1);
    expect(await line(2).locator('.err').textContent()).toContain('Khoản thứ 2: mức thu (đồng) phải là số nguyên từ 0 trở lên');
    await shot(page, 'fee-lines-error');

    await line(2).getByLabel('Mức thu (đồng)').fill('2000');
    await expect.poll(() => dlg.locator('.fee-total').textContent()).toContain('56.000');
    await shot(page, 'fee-lines-filled');
    await dlg.getByRole('button', { name: 'Thực hiện' }).click();
    await expect.poll(async () => (await w.handler.get(`/api/v1/dossiers/${code}`)).body.nationalStatus).toBe(6);

    const events = (await w.handler.get(`/api/v1/dossiers/${code}/events`)).body;
    const ev = (Array.isArray(events) ? events : events.items).find((e: any) => e.action === 'request_payment');
    expect(ev.payload).toMatchObject({ amount: 56_000, lines: [
      { name: 'Lệ phí cấp giấy phép', kind: 'le_phi', amount: 50_000, quantity: 1, total: 50_000 },
      { name: 'Phí sao y bản chính', kind: 'phi', amount: 2_000, quantity: 3, total: 6_000 },
      { name: 'Phí thẩm định', amount: 100_000, total: 0, exemptReason: 'Hộ nghèo', legalBasis: 'Nghị quyết 12/2020/NQ-HĐND' },
    ] });

    // the citizen sees the lines and the exemption
    const cctx = await newContext(browser, { baseURL: w.t.url, viewport: { width: 360, height: 740 } });
    const cp = await cctx.newPage();
    await cp.goto(`/tra-cuu?code=${encodeURIComponent(code)}&secret=${encodeURIComponent(secret)}`);
    const section = cp.getByRole('region', { name: 'Thanh toán phí, lệ phí' });
    await section.waitFor();
    await expect.poll(() => section.locator('#pay-total').textContent()).toContain('56.000');
    const text = await section.textContent();
    expect(text).toContain('Phí sao y bản chính');
    expect(text).toContain('Hộ nghèo');
    expect(text).toContain('Nghị quyết 12/2020/NQ-HĐND');
    await shot(cp, 'fee-lines-citizen');
  }, 180_000);
});
