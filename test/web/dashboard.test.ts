// The leader's dashboard on the reports API in Debian's Chromium (PGlite by default): the progress table by
// agency and by channel, a drill-down from a figure to the dossiers behind it, the Excel exports, the QĐ 766
// indicators with the unavailable ones greyed, results by official with names and their drill-down; the report
// and inbox tabs by keyboard (WAI-ARIA tabs pattern); the period and agency pickers
// kept in the URL; the inbox filters (channel, field, received dates) kept in the URL; removing a role
// assignment in the administration. Screenshots (Vietnamese, English, tablet) in test-results/web/.
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Response } from 'playwright-core';
import type { HttpClient, TestApp } from '../helpers.js';
import { act, applicant, COMMUNE_PROC, receive, STP, XA1 } from '../dossiers/fixtures.js';
import { localDate } from '../../web/src/util.js';
import { HAS_CHROMIUM, shot, SHOTS, signIn, SKIP_REASON, startBrowserSuite } from './browser.js';

if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

let t: TestApp;
let browser: Browser;
const u: Record<string, HttpClient> = {};
/** A in process (in person), B returned (in person), C accepted online, D at the commune (another field). */
const code: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' };
let communeField = '';

/** The progress table's cell of a row (by key) and a measure. */
const cell = (page: Page, key: string, measure: string) => page.locator(`[data-testid=progress-table] tr[data-key="${key}"] [data-measure=${measure}]`);
const isXlsx = (r: Response, name: string) => r.url().includes(`/api/v1/reports/${name}.xlsx`) && r.request().method() === 'GET';

describe.skipIf(!HAS_CHROMIUM)('web app: the leader dashboard, drill-down, exports, inbox filters', () => {
  beforeAll(async () => {
    ({ t, browser } = await startBrowserSuite());
    for (const n of ['demo.tiepnhan', 'demo.chuyenvien', 'demo.lanhdao', 'demo.vanthu', 'demo.traketqua', 'demo.xa.tiepnhan', 'demo.kiemsoat']) u[n] = await t.login(n);
    const rc = u['demo.tiepnhan']!;
    const a = await receive(rc, { channel: 1, applicant: applicant({ fullName: 'Hoàng Thị Thu', idNumber: '038190011111' }) });
    code.A = a.dossier.code;
    await act(rc, code.A, 'forward');
    const b = await receive(rc, { channel: 1, applicant: applicant({ fullName: 'Lê Văn Bình', idNumber: '038190022222' }) });
    code.B = b.dossier.code;
    await act(rc, code.B, 'forward');
    await act(u['demo.chuyenvien']!, code.B, 'claim');
    await act(u['demo.chuyenvien']!, code.B, 'forward');
    await act(u['demo.lanhdao']!, code.B, 'claim');
    await act(u['demo.lanhdao']!, code.B, 'approve');
    await act(u['demo.vanthu']!, code.B, 'claim');
    await act(u['demo.vanthu']!, code.B, 'record_result', { documents: [{ number: '21/QĐ-STP', date: localDate(new Date()), signer: 'Phạm Quốc Hưng' }] });
    await act(u['demo.traketqua']!, code.B, 'claim');
    await act(u['demo.traketqua']!, code.B, 'return_result', { method: 'counter', recipient: 'Lê Văn Bình' });
    // an online submission, accepted at the desk
    const c = await receive(rc, { channel: 2, applicant: applicant({ fullName: 'Đỗ Minh Châu', idNumber: '038190033333' }) });
    const accepted = await act(rc, c.dossier.id, 'accept');
    code.C = accepted.dossier.code;
    // a commune dossier of another field
    const d = await receive(u['demo.xa.tiepnhan']!, { procedureCode: COMMUNE_PROC, competentAgencyCode: undefined, applicant: applicant({ fullName: 'Trịnh Văn Dũng', idNumber: '038190044444' }) });
    code.D = d.dossier.code;
    communeField = (await u['demo.kiemsoat']!.get(`/api/v1/procedures/${COMMUNE_PROC}`)).body.field;
    expect(communeField).toBeTruthy();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the progress table counts by agency and channel; a figure opens the dossiers behind it; officials by name', async () => {
    const { page, ctx } = await signIn(browser, t.url, 'demo.lanhdao');
    await page.getByRole('link', { name: 'Thống kê' }).click();
    await page.getByRole('heading', { name: 'Thống kê, theo dõi' }).waitFor();
    // this month by default
    expect(await page.getByLabel('Kỳ báo cáo').inputValue()).toBe('this_month');
    // the period's dates are shown dd/mm/yyyy
    expect(await page.getByLabel('Đến ngày').inputValue()).toBe(localDate(new Date()).split('-').reverse().join('/'));
    await expect.poll(() => cell(page, STP, 'received').textContent(), { timeout: 20_000 }).toBe('3');
    expect(await cell(page, STP, 'resolved').textContent()).toBe('1');
    expect(Number(await cell(page, STP, 'resolvedEarly').textContent()) + Number(await cell(page, STP, 'resolvedOnTime').textContent())).toBe(1);
    expect(await cell(page, STP, 'resolvedLate').textContent()).toBe('0');
    expect(await cell(page, STP, 'newOnline').textContent()).toBe('1');
    expect(await cell(page, STP, 'newInPerson').textContent()).toBe('2');
    expect(await cell(page, STP, 'inProcess').textContent()).toBe('2');
    expect(await cell(page, STP, 'onTimeRate').textContent()).toBe('100%');
    expect(await page.getByTestId('on-time').textContent()).toContain('100%');
    // results by official: names, not ids
    await page.getByTestId('officials-table').getByText('Trần Minh Đức').waitFor();
    // the indicators: groups with scores, unavailable ones greyed with what is missing
    const na = page.locator('[data-testid=indicators-table] tr.na');
    await expect.poll(() => na.count()).toBeGreaterThan(0);
    expect(await na.first().locator('.note').textContent()).toMatch(/Chưa có số liệu/);
    await page.locator('.chart svg').first().waitFor();
    await page.locator('.chart svg').nth(1).waitFor();
    await shot(page, '30-dashboard-leader');
    // screen readers: every control named, every table named, every header cell scoped
    const a11y = await page.evaluate(() => ({
      unnamed: [...document.querySelectorAll('main input, main select, main button, main a')].filter((el) => {
        const e = el as HTMLInputElement;
        return !(e.labels && e.labels.length > 0) && !e.getAttribute('aria-label') && !(e.textContent ?? '').trim();
      }).map((el) => el.outerHTML.slice(0, 80)),
      unnamedTables: [...document.querySelectorAll('main table')].filter((tb) => !tb.querySelector('caption') && !tb.getAttribute('aria-labelledby')).length,
      unscoped: [...document.querySelectorAll('main th')].filter((th) => !th.getAttribute('scope')).length,
    }));
    expect(a11y).toEqual({ unnamed: [], unnamedTables: 0, unscoped: 0 });

    // by channel: the labels in the interface language
    await page.getByRole('tab', { name: 'Theo kênh' }).click();
    await expect.poll(() => cell(page, '2', 'received').textContent()).toBe('1');
    expect(await page.locator('[data-testid=progress-table] tr[data-key="2"] th').textContent()).toBe('Trực tuyến');
    expect(page.url()).toContain('by=channel');
    await page.getByRole('tab', { name: 'Theo cơ quan' }).click();

    // drill-down: the three dossiers received by the department, each a link to its page
    await cell(page, STP, 'received').getByRole('link').click();
    await page.getByRole('heading', { name: /Hồ sơ nhận giải quyết — Sở Tư pháp/ }).waitFor();
    for (const c of [code.A, code.B, code.C]) await page.getByTestId('drill-table').getByRole('link', { name: c, exact: true }).waitFor();
    expect(await page.getByTestId('drill-table').getByRole('link', { name: code.D, exact: true }).count()).toBe(0);
    await shot(page, '31-dashboard-drill-down');
    // a reload keeps the list (the query is in the URL)
    await page.reload();
    await page.getByTestId('drill-table').getByRole('link', { name: code.B, exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(code.B);
    await page.goBack();
    await page.getByRole('link', { name: /Quay lại thống kê/ }).click();
    await expect.poll(() => cell(page, STP, 'received').textContent()).toBe('3');

    // the resolved-late figure is 0 and not a link; resolved is, and lists B only
    expect(await cell(page, STP, 'resolvedLate').getByRole('link').count()).toBe(0);
    await cell(page, STP, 'resolved').getByRole('link').click();
    await page.getByTestId('drill-table').getByRole('link', { name: code.B, exact: true }).waitFor();
    expect(await page.locator('[data-testid=drill-table] tbody tr').count()).toBe(1);
    expect(await page.locator('[data-testid=drill-table] tbody tr .badge.on_time').textContent()).toBe('Đúng hạn');

    // results by official: a number opens the steps behind it, the official named in the heading
    await page.getByRole('link', { name: /Quay lại thống kê/ }).click();
    const handler = page.locator('[data-testid=officials-table] tr[data-user="demo.chuyenvien"]');
    await handler.waitFor();
    expect(await handler.locator('[data-measure=holding]').getByRole('link').count()).toBe(0); // 0: not a link
    await handler.getByRole('link', { name: '1 — Lượt xử lý xong: Trần Minh Đức' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lượt xử lý xong — Trần Minh Đức (demo.chuyenvien)' }).waitFor();
    await page.getByTestId('drill-table').getByRole('link', { name: code.B, exact: true }).waitFor();
    expect(await page.locator('[data-testid=drill-table] tbody tr').count()).toBe(1);
    expect(await page.getByTestId('drill-table').getByRole('columnheader', { name: 'Xử lý xong bước' }).count()).toBe(1);
    expect(page.url()).toContain('measure=stepsDone');
    await shot(page, '37-dashboard-official-drill-down');
    // a reload keeps it (the query is in the URL)
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /Trần Minh Đức/ }).waitFor();
    await page.getByRole('link', { name: /Quay lại thống kê/ }).click();
    await handler.waitFor();
    await ctx.close();
  });

  it('the report and inbox tabs follow the WAI-ARIA tabs pattern: arrows, Home and End move and select; Tab goes to the panel', async () => {
    const { page, ctx } = await signIn(browser, t.url, 'demo.lanhdao');
    await page.goto('/can-bo/dashboard');
    await expect.poll(() => cell(page, STP, 'received').textContent(), { timeout: 20_000 }).toBe('3');
    const tabs = page.getByRole('tablist', { name: 'Tình hình, kết quả giải quyết thủ tục hành chính' }).getByRole('tab');
    const state = () => tabs.evaluateAll((els) => els.map((e) => `${e.textContent}:${e.getAttribute('aria-selected')}:${e.getAttribute('tabindex')}`));
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    expect(await state()).toEqual([
      'Theo cơ quan:true:0', 'Theo lĩnh vực:false:-1', 'Theo thủ tục:false:-1', 'Theo kênh:false:-1', 'Theo tháng:false:-1',
    ]);
    const panel = page.getByRole('tabpanel');
    expect(await tabs.first().getAttribute('aria-controls')).toBe(await panel.getAttribute('id'));
    expect(await panel.getAttribute('aria-labelledby')).toBe(await tabs.first().getAttribute('id'));
    // Tab reaches the selected tab only; the arrows move and select
    await tabs.first().focus();
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('Theo lĩnh vực');
    await expect.poll(() => page.url()).toContain('by=field');
    expect(await state()).toEqual([
      'Theo cơ quan:false:-1', 'Theo lĩnh vực:true:0', 'Theo thủ tục:false:-1', 'Theo kênh:false:-1', 'Theo tháng:false:-1',
    ]);
    await expect.poll(() => panel.getAttribute('aria-labelledby')).toBe(await tabs.nth(1).getAttribute('id'));
    await page.keyboard.press('End');
    expect(await focused()).toBe('Theo tháng');
    await expect.poll(() => page.url()).toContain('by=month');
    await page.keyboard.press('ArrowRight'); // wraps to the first
    expect(await focused()).toBe('Theo cơ quan');
    await expect.poll(() => page.url()).not.toContain('by=');
    await page.keyboard.press('ArrowLeft'); // and back to the last
    expect(await focused()).toBe('Theo tháng');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('Theo kênh');
    await expect.poll(() => cell(page, '2', 'received').textContent()).toBe('1'); // the panel shows the channel table
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('tabpanel');

    // the inbox: the same pattern
    await page.goto('/can-bo/inbox');
    const inbox = page.getByRole('tablist', { name: 'Hồ sơ' }).getByRole('tab');
    await expect.poll(() => inbox.evaluateAll((els) => els.map((e) => `${e.textContent}:${e.getAttribute('aria-selected')}:${e.getAttribute('tabindex')}`)))
      .toEqual(['Của tôi:true:0', 'Chờ nhận xử lý:false:-1', 'Tất cả trong phạm vi:false:-1']);
    await inbox.first().focus();
    await page.keyboard.press('ArrowLeft');
    expect(await focused()).toBe('Tất cả trong phạm vi');
    await expect.poll(() => page.url()).toContain('tab=all');
    await page.getByRole('tabpanel').getByRole('link', { name: code.A, exact: true }).waitFor();
    await page.keyboard.press('Home');
    expect(await focused()).toBe('Của tôi');
    await expect.poll(() => page.url()).toContain('tab=mine');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    expect(await focused()).toBe('Chờ nhận xử lý');
    await expect.poll(() => page.url()).toContain('tab=pool');
    await ctx.close();
  });

  it('exports download Excel workbooks from the server', async () => {
    const { page, ctx } = await signIn(browser, t.url, 'demo.lanhdao');
    await page.goto('/can-bo/dashboard');
    await cell(page, STP, 'received').waitFor({ timeout: 20_000 });
    for (const [id, name] of [['export-progress', 'progress'], ['export-indicators', 'indicators']] as const) {
      const res = page.waitForResponse((r) => isXlsx(r, name));
      const dl = page.waitForEvent('download');
      await page.getByTestId(id).click();
      const r = await res;
      expect(r.status()).toBe(200);
      expect(r.headers()['content-type']).toMatch(/application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/);
      expect(r.headers()['content-disposition']).toMatch(/attachment; filename="?[\x20-\x7e]+\.xlsx/);
      // the file the browser saved: a zip container (xlsx) of some size
      const file = await dl;
      expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
      const body = readFileSync((await file.path())!);
      expect(body.length).toBeGreaterThan(3000);
      expect(body.subarray(0, 2).toString()).toBe('PK');
      copyFileSync((await file.path())!, join(SHOTS, `export-${name}.xlsx`));
      await page.getByRole('status').filter({ hasText: /Đã tải xuống .*\.xlsx/ }).first().waitFor({ state: 'attached' });
    }
    await ctx.close();
  });

  it('a province leader in English: the agency picker narrows to the department; the period is kept in the URL', async () => {
    const { page, ctx } = await signIn(browser, t.url, 'demo.lanhdaotinh', { lang: 'en' });
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await expect.poll(() => cell(page, STP, 'received').textContent(), { timeout: 20_000 }).toBe('3');
    await expect.poll(() => cell(page, XA1, 'received').textContent()).toBe('1');
    await page.getByLabel('Agency', { exact: true }).selectOption(STP);
    await expect.poll(() => page.locator(`[data-testid=progress-table] tr[data-key="${XA1}"]`).count()).toBe(0);
    expect(await cell(page, STP, 'received').textContent()).toBe('3');
    await page.getByLabel('Reporting period').selectOption('this_year');
    await expect.poll(() => page.url()).toContain('p=this_year');
    expect(page.url()).toContain(`agency=${STP}`);
    await page.locator('.chart svg').first().waitFor();
    await shot(page, '32-dashboard-english');
    await page.reload();
    await expect.poll(() => page.getByLabel('Reporting period').inputValue()).toBe('this_year');
    await expect.poll(() => page.getByLabel('Agency', { exact: true }).inputValue()).toBe(STP);
    // last month has none of these dossiers (all received today)
    await page.getByLabel('Reporting period').selectOption('last_month');
    await expect.poll(() => page.getByTestId('progress-table').textContent()).toContain('No dossiers in the period');
    await ctx.close();
  });

  it('on a 10-inch tablet nothing is wider than the screen (dashboard, inbox)', async () => {
    const { page, ctx } = await signIn(browser, t.url, 'demo.lanhdao', { viewport: { width: 800, height: 1280 } });
    await page.goto('/can-bo/dashboard');
    await expect.poll(() => cell(page, STP, 'received').textContent(), { timeout: 20_000 }).toBe('3');
    await page.locator('.chart svg').nth(1).waitFor();
    await shot(page, '33-dashboard-tablet');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
    // the inbox with its filters and the bulk-assignment bar
    await page.getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    await page.getByRole('tab', { name: 'Tất cả trong phạm vi' }).click();
    await page.getByRole('checkbox', { name: `Chọn hồ sơ ${code.A}` }).check();
    await page.getByLabel('Cán bộ được phân công').locator('option', { hasText: 'demo.chuyenvien' }).waitFor({ state: 'attached' });
    await shot(page, '36-inbox-tablet');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
    await ctx.close();
  });

  it('inbox filters by channel, field and received date narrow the list and survive a reload', async () => {
    const { page, ctx } = await signIn(browser, t.url, 'demo.kiemsoat');
    await page.getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    await page.getByRole('tab', { name: 'Tất cả trong phạm vi' }).click();
    const rows = page.locator('[data-testid=inbox-table] tbody tr');
    await page.getByRole('link', { name: code.D, exact: true }).waitFor();
    await expect.poll(() => rows.count()).toBe(4);
    await page.getByLabel('Kênh tiếp nhận').selectOption('2');
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByRole('link', { name: code.C, exact: true }).waitFor();
    expect(page.url()).toContain('channel=2');
    await page.reload();
    await page.getByRole('link', { name: code.C, exact: true }).waitFor();
    expect(await rows.count()).toBe(1);
    expect(await page.getByLabel('Kênh tiếp nhận').inputValue()).toBe('2');
    // field instead of channel
    await page.getByLabel('Kênh tiếp nhận').selectOption('');
    await page.getByLabel('Lĩnh vực').selectOption(communeField);
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByRole('link', { name: code.D, exact: true }).waitFor();
    await page.getByLabel('Lĩnh vực').selectOption('');
    await page.getByLabel('Sắp xếp').selectOption('due_asc');
    await expect.poll(() => rows.count()).toBe(4);
    await shot(page, '34-inbox-filters');
    // received from tomorrow: nothing
    const tomorrow = localDate(new Date(Date.now() + 86_400_000));
    // typed as dd/mm/yyyy (the field is not the browser's locale-dependent date input)
    await page.getByLabel('Tiếp nhận từ ngày').pressSequentially(`${tomorrow.slice(8, 10)}${tomorrow.slice(5, 7)}${tomorrow.slice(0, 4)}`);
    expect(await page.getByLabel('Tiếp nhận từ ngày').inputValue()).toBe(`${tomorrow.slice(8, 10)}/${tomorrow.slice(5, 7)}/${tomorrow.slice(0, 4)}`);
    await page.getByText('Không có hồ sơ').waitFor();
    expect(page.url()).toContain(`receivedFrom=${tomorrow}`);
    await page.getByRole('button', { name: 'Xóa bộ lọc' }).click();
    await expect.poll(() => rows.count()).toBe(4);
    await ctx.close();
  });

  it('the administrator sees each user\'s role assignments and removes one', async () => {
    const { page, ctx } = await signIn(browser, t.url, 'demo.admin');
    await page.getByRole('link', { name: 'Quản trị' }).click();
    const row = page.locator('[data-testid=users-table] tr[data-user="demo.xa2.chuyenvien"]');
    await row.waitFor();
    await expect.poll(() => row.locator('.role-list li').count()).toBe(3);
    await row.getByRole('button', { name: /^Bỏ vai trò Văn thư tại / }).click();
    const dlg = page.getByRole('dialog');
    await dlg.getByText(/Bỏ vai trò «Văn thư» tại .* của Cao Văn Long\?/).waitFor();
    await dlg.getByRole('button', { name: 'Xóa' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã bỏ vai trò Văn thư' }).waitFor();
    await expect.poll(() => row.locator('.role-list li').count()).toBe(2);
    expect(await row.textContent()).not.toContain('Văn thư');
    await shot(page, '35-admin-users-roles');
    await ctx.close();
  });
});
