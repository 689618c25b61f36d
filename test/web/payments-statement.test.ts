// The cashier imports the gateway's statement on the payments page (Debian's Chromium, demo.thuphi): a bad file
// is refused under the file field with the line named; the fixed CSV statement of 23/11/2026 is matched (no
// payment in motcua that day, so every line is "in the statement, not paid in motcua"), the differences are
// listed, and the workbook with the statement downloads. Screenshots in test-results/web/; axe.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers.js';
import { startDossierApp } from '../dossiers/fixtures.js';
import { ensureWebBuilt, HAS_CHROMIUM, launch, LONG_SESSIONS, shot, signIn, SKIP_REASON } from './browser.js';
import { describeFindings, seriousViolations } from './axe.js';

if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

let t: TestApp;
let browser: Browser;

describe.skipIf(!HAS_CHROMIUM)('cashier: the gateway statement', () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    t = await startDossierApp(LONG_SESSIONS);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a bad file refused on the field; the fixed statement matched, its differences listed, the workbook downloaded', async () => {
    const desk = await signIn(browser, t.url, 'demo.thuphi');
    const page = desk.page;
    await page.getByRole('link', { name: 'Thu phí' }).click();
    await page.getByRole('heading', { name: 'Thu phí, lệ phí trực tuyến' }).waitFor();
    await page.getByLabel('Ngày đối soát').fill('23/11/2026');
    const input = page.getByLabel('Sao kê của cổng thanh toán (CSV hoặc Excel, không bắt buộc)');
    await input.setInputFiles({ name: 'sao-ke-loi.csv', mimeType: 'text/csv', buffer: readFileSync('test/payments/statements/bad-amount.csv') });
    await page.getByRole('button', { name: 'Đối chiếu sao kê' }).click();
    const err = page.getByRole('alert').filter({ hasText: 'Dòng 3 của tệp sao kê' });
    await err.waitFor();
    expect(await input.getAttribute('aria-describedby')).toContain('recon-statement-err');
    await shot(page, '74-cashier-statement-error');

    await input.setInputFiles({ name: 'sao-ke-2026-11-23.csv', mimeType: 'text/csv', buffer: readFileSync('test/payments/statements/statement-2026-11-23.csv') });
    await page.getByRole('button', { name: 'Đối chiếu sao kê' }).click();
    const diffs = page.getByRole('table', { name: 'Chênh lệch với sao kê' });
    await diffs.waitFor();
    expect(await page.getByText('Sao kê có 3 giao dịch thành công: 0 khớp, 3 chênh lệch.').count()).toBe(1);
    expect(await diffs.locator('tbody tr[data-kind="only_in_statement"]').count()).toBe(3);
    expect(await diffs.textContent()).toContain('SIM00009999');
    expect(await diffs.textContent()).toContain('15.000');
    const findings = await seriousViolations(page, 'cashier statement');
    expect(findings, describeFindings(findings)).toEqual([]);
    await shot(page, '75-cashier-statement-differences');
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải báo cáo đối soát kèm sao kê (Excel)' }).click()]);
    expect(file.suggestedFilename()).toBe('doi-soat-2026-11-23.xlsx');
    await desk.ctx.close();
  });
});
