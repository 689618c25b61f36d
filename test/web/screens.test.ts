// Every main screen of the web app in Debian's Chromium (screenshots in test-results/web/, Vietnamese, one
// set in English, one on a 10-inch tablet), the session expiring while a form is being typed (re-login
// in a dialog, nothing lost), keyboard use, the process editor's inline errors, `/` served by the server.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers.js';
import { localDate } from '../../web/src/util.js';
import { HAS_CHROMIUM, newContext, shot, signIn, SKIP_REASON, startBrowserSuite } from './browser.js';

if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

let t: TestApp;
let browser: Browser;
let code: string;

describe.skipIf(!HAS_CHROMIUM)('web app screens', () => {
  beforeAll(async () => {
    ({ t, browser } = await startBrowserSuite());
    // a few dossiers so that the lists, the queue and the dashboard have content
    const c = await t.login('demo.tiepnhan');
    const base = {
      procedureCode: '1.009832', competentAgencyCode: '000.00.02.H56',
      components: [{ name: 'Đơn đề nghị', provided: true, form: 'original', copies: 1 }], delivery: { method: 'counter' },
    };
    const people = [['Trần Thị Hường', '038195067890', '0356111222'], ['Phạm Văn Long', '038085001133', '0987000111'], ['Đỗ Minh Châu', '038190044556', '0912777888']];
    for (const [i, [name, id, phone]] of people.entries()) {
      const r = await c.post('/api/v1/dossiers', { ...base, channel: i === 2 ? 2 : 1, applicant: { kind: 'individual', fullName: name, idNumber: id, phone } }, { 'idempotency-key': randomUUID() });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      if (i === 0) {
        code = r.body.dossier.code;
        const v = (await c.get(`/api/v1/dossiers/${code}`)).body.version;
        expect((await c.post(`/api/v1/dossiers/${code}/actions/forward`, { version: v })).status).toBe(200);
      }
    }
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the server serves the built app at / and falls back to it for client routes, not for the API', async () => {
    const root = await fetch(`${t.url}/`);
    expect(root.status).toBe(200);
    expect(await root.text()).toContain('<div id="root">');
    const deep = await fetch(`${t.url}/dossiers/abc`);
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-type')).toMatch(/text\/html/);
    // the hashed assets the page refers to are served (long cache); a missing asset is a 404, not the app
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await (await fetch(`${t.url}/`)).text())![1]!;
    const js = await fetch(`${t.url}${script}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('cache-control')).toMatch(/immutable/);
    expect((await fetch(`${t.url}/assets/nope.js`)).status).toBe(404);
    const api = await fetch(`${t.url}/api/v1/nope`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/problem\+json/);
    const opts = await (await fetch(`${t.url}/api/v1/auth/options`)).json();
    expect(opts).toEqual({ password: true, oidc: false, languages: ['vi', 'en'] });
  });

  it('with OIDC configured the sign-in page offers "Đăng nhập một lần"', async () => {
    const o = await startTestApp({ env: { MOTCUA_OIDC_ISSUER: 'http://127.0.0.1:9/realms/demo', MOTCUA_OIDC_CLIENT_ID: 'motcua', MOTCUA_OIDC_ALLOW_HTTP: 'true' } });
    try {
      expect((await (await fetch(`${o.url}/api/v1/auth/options`)).json()).oidc).toBe(true);
      const ctx = await newContext(browser, { baseURL: o.url });
      const page = await ctx.newPage();
      await page.goto('/can-bo');
      const sso = page.getByRole('link', { name: 'Đăng nhập một lần' });
      await sso.waitFor();
      expect(await sso.getAttribute('href')).toMatch(/^\/api\/v1\/auth\/oidc\/login\?returnTo=/);
      await shot(page, '09-login-sso', false);
      await ctx.close();
    } finally {
      await o.close();
    }
  });

  it('sign-in page, wrong password, and every main screen in Vietnamese', async () => {
    const ctx = await newContext(browser, { baseURL: t.url });
    const page = await ctx.newPage();
    await page.goto('/can-bo');
    await page.getByLabel('Tên đăng nhập').fill('demo.tiepnhan');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('alert').waitFor();
    await shot(page, '10-login-error', false);
    await ctx.close();

    const r = await signIn(browser, t.url, 'demo.tiepnhan');
    await r.page.getByRole('tab', { name: /Hồ sơ nộp trực tuyến/ }).click();
    await r.page.getByRole('button', { name: 'Tiếp nhận', exact: true }).first().waitFor();
    await shot(r.page, '11-reception-online-queue');
    // accepting an online submission gives it a code, opens the receipt and goes to the dossier
    const popup = r.ctx.waitForEvent('page');
    await r.page.getByRole('button', { name: 'Tiếp nhận', exact: true }).first().click();
    await (await popup).close();
    await expect.poll(() => r.page.locator('h1.code').textContent()).toMatch(/^000\.00\.01\.H56-\d{6}-\d{4}$/);
    await r.ctx.close();

    const h = await signIn(browser, t.url, 'demo.chuyenvien');
    await h.page.getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    await h.page.getByRole('tab', { name: 'Tất cả trong phạm vi' }).click();
    await h.page.getByRole('link', { name: code, exact: true }).waitFor();
    await shot(h.page, '12-inbox-all');
    // search without diacritics
    await h.page.getByLabel('Tìm kiếm', { exact: true }).fill('tran thi huong');
    await h.page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await expect.poll(() => h.page.locator('tbody tr').count()).toBe(1);
    await h.ctx.close();

    const admin = await signIn(browser, t.url, 'demo.admin');
    const tabs: Array<[string, string, string]> = [
      ['Người dùng', '13-admin-users', 'demo.tiepnhan'],
      ['Cơ quan, đơn vị', '14-admin-agencies', 'Sở Tư pháp'],
      ['Thủ tục', '15-admin-procedures', 'Tìm kiếm'],
      ['Lịch nghỉ', '16-admin-holidays', 'Năm'],
      ['Giờ làm việc', '17-admin-office-hours', 'Thứ Hai'],
    ];
    await admin.page.getByRole('link', { name: 'Quản trị' }).click();
    for (const [tab, name, text] of tabs) {
      await admin.page.getByRole('tab', { name: tab }).click();
      await admin.page.getByText(text).first().waitFor();
      if (tab === 'Thủ tục') {
        await admin.page.getByPlaceholder(/Gõ tên hoặc mã thủ tục/).fill('giam dinh vien');
        await admin.page.getByRole('button', { name: 'Tìm kiếm' }).click();
        await admin.page.getByRole('button', { name: 'Mở' }).first().click();
        await admin.page.getByText('Cơ quan thực hiện').waitFor();
      }
      if (tab === 'Lịch nghỉ') await admin.page.locator('button.day.off').first().waitFor();
      if (tab === 'Giờ làm việc') await expect.poll(() => admin.page.getByLabel('Thứ Hai').inputValue()).toBe('07:30-11:30, 13:00-17:00');
      await shot(admin.page, name);
    }
    await admin.ctx.close();
  });

  it('the process editor shows validation errors inline', async () => {
    const a = await signIn(browser, t.url, 'demo.admin');
    await a.page.goto('/can-bo/admin/process?procedure=1.009832');
    await a.page.getByLabel('Giờ 2').waitFor();
    await a.page.getByLabel('Giờ 2').fill('500');
    // actions and next steps are picked by their Vietnamese labels, never typed as keys
    expect(await a.page.locator('input[aria-label^="Thao tác"]:not([type=checkbox]), input[aria-label^="Bước tiếp theo"]:not([type=checkbox]), input[aria-label^="Mã bước"]').count()).toBe(0);
    await a.page.getByLabel(/^Thao tác 3: /).first().click(); // opens the picker (its summary)
    await a.page.getByLabel('Thao tác 3: Từ chối tiếp nhận', { exact: true }).check();
    await expect.poll(() => a.page.getByLabel('Giờ 2').inputValue()).toBe('500');
    await a.page.getByRole('button', { name: 'Lưu phiên bản mới' }).click();
    // the step's own error on its row (the action by its label), the process-wide one above the table
    await a.page.locator('tr.overdue .err', { hasText: '“Từ chối tiếp nhận”' }).waitFor();
    expect(await a.page.locator('tr.overdue .err').textContent()).not.toMatch(/\brefuse\b/);
    await a.page.getByRole('alert').filter({ hasText: 'vượt thời hạn giải quyết' }).waitFor();
    await shot(a.page, '18-admin-process-editor-errors');
    // fixed, it saves as a new version (procedure-wide), with its settings
    await a.page.getByLabel('Giờ 2').fill('72');
    await a.page.getByLabel('Thao tác 3: Từ chối tiếp nhận', { exact: true }).uncheck();
    await a.page.getByLabel('Số lần yêu cầu bổ sung tối đa').fill('1');
    await a.page.getByRole('button', { name: 'Lưu phiên bản mới' }).click();
    await a.page.getByRole('status').filter({ hasText: 'Đã lưu' }).waitFor();
    expect(await a.page.locator('tr.overdue').count()).toBe(0);
    expect(await a.page.getByText(/Phiên bản \d+/).first().textContent()).not.toContain('mặc định');
    await a.ctx.close();
  });

  it('the holiday year view: mark a day off, then remove it', async () => {
    // a plain working day at least two weeks ahead of the test's clock, in a month without public holidays
    const day = plainWorkdayAfter(new Date(Date.now() + 14 * 86_400_000));
    const a = await signIn(browser, t.url, 'demo.admin');
    await a.page.goto('/can-bo/admin/holidays');
    if (day.slice(0, 4) !== localDate(new Date()).slice(0, 4)) await a.page.getByRole('button', { name: `Năm ${day.slice(0, 4)}` }).click();
    // days are named dd/mm/yyyy, like every date on screen
    const shown = `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
    const button = a.page.getByRole('button', { name: shown, exact: true });
    await button.click();
    const dlg = a.page.getByRole('dialog', { name: shown });
    await dlg.getByLabel('Tên ngày').fill('Nghỉ đột xuất (thử)');
    await dlg.getByRole('button', { name: 'Đánh dấu nghỉ' }).click();
    const marked = a.page.getByRole('button', { name: `${shown} — Nghỉ đột xuất (thử)` });
    await expect.poll(() => marked.getAttribute('class')).toContain('off');
    await marked.click();
    await a.page.getByRole('dialog').getByRole('button', { name: 'Bỏ đánh dấu' }).click();
    await expect.poll(() => a.page.getByRole('button', { name: shown, exact: true }).getAttribute('class')).not.toContain('off');
    await a.ctx.close();
  });

  it('English, and a 10-inch tablet', async () => {
    const e = await signIn(browser, t.url, 'demo.tiepnhan', { lang: 'en' });
    await e.page.getByRole('heading', { name: 'Reception desk' }).waitFor();
    await e.page.getByRole('combobox', { name: 'Procedure' }).fill('1.009832');
    await e.page.getByRole('listbox').getByRole('option', { name: /1\.009832/ }).click();
    await e.page.getByText('Dossier components').first().waitFor();
    await shot(e.page, '19-reception-english');
    await e.page.getByRole('link', { name: 'Dossiers' }).click();
    await e.page.getByRole('tab', { name: 'All in my scope' }).click();
    await e.page.getByRole('link', { name: code, exact: true }).click();
    await e.page.getByRole('heading', { name: 'Control slip (form 06)' }).waitFor();
    await shot(e.page, '20-dossier-english');
    // back to Vietnamese with the toggle
    await e.page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await e.page.getByRole('heading', { name: 'Phiếu kiểm soát quá trình giải quyết (mẫu 06)' }).waitFor();
    await e.ctx.close();

    const tab = await signIn(browser, t.url, 'demo.tiepnhan', { viewport: { width: 800, height: 1280 } });
    await tab.page.getByRole('combobox', { name: 'Thủ tục hành chính' }).fill('1.009832');
    await tab.page.getByRole('listbox').getByRole('option', { name: /1\.009832/ }).click();
    await tab.page.getByText('Thành phần hồ sơ').first().waitFor();
    await shot(tab.page, '21-reception-tablet-portrait', false);
    // nothing wider than the screen
    expect(await tab.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
    await tab.ctx.close();
  });

  it('session expiry while typing: re-login in a dialog, the form is kept and the dossier is received', async () => {
    const d = await signIn(browser, t.url, 'demo.tiepnhan');
    const page = d.page;
    await page.getByRole('combobox', { name: 'Thủ tục hành chính' }).fill('1.009832');
    await page.getByRole('listbox').getByRole('option', { name: /1\.009832/ }).click();
    await page.getByLabel('Họ và tên').fill('Vũ Thị Thanh');
    await page.getByLabel('Số định danh cá nhân (CCCD)').fill('038190055667');
    await page.getByLabel('Số điện thoại').fill('0905123456');
    // a reload keeps the draft (sessionStorage)
    await page.reload();
    await expect.poll(() => page.getByLabel('Họ và tên').inputValue()).toBe('Vũ Thị Thanh');
    await page.getByText('Đã khôi phục dữ liệu đang nhập').waitFor();
    // the session ends on the server (as after the idle timeout)
    const me = await (await page.request.get('/api/v1/auth/me')).json();
    expect((await page.request.post('/api/v1/auth/logout', { headers: { 'x-csrf-token': me.csrfToken } })).status()).toBe(204);
    await page.getByRole('button', { name: 'Tiếp nhận và in giấy tiếp nhận' }).click();
    const dlg = page.getByRole('dialog', { name: 'Phiên làm việc đã hết hạn' });
    await dlg.waitFor();
    await shot(page, '22-session-expired-relogin', false);
    await dlg.getByLabel('Mật khẩu').fill('motcua-demo');
    const popup = page.context().waitForEvent('page');
    await dlg.getByRole('button', { name: 'Đăng nhập' }).click();
    await (await popup).close();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Đã tiếp nhận hồ sơ 000\.00\.01\.H56-/);
    await d.ctx.close();
  });

  it('keyboard only: sign in, pick a procedure with the arrow keys, reach the actions', async () => {
    const ctx = await newContext(browser, { baseURL: t.url });
    const page = await ctx.newPage();
    await page.goto('/can-bo');
    await page.getByLabel('Tên đăng nhập').focus();
    await page.keyboard.type('demo.tiepnhan');
    await page.keyboard.press('Tab');
    await page.keyboard.type('motcua-demo');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Tiếp nhận hồ sơ' }).waitFor();
    // the skip link is the first stop
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Bỏ qua, đến nội dung chính');
    await page.getByRole('combobox', { name: 'Thủ tục hành chính' }).focus();
    await page.keyboard.type('giam dinh vien tu phap');
    await page.getByRole('listbox').getByRole('option').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('combobox', { name: 'Thủ tục hành chính' }).inputValue()).toMatch(/^\d\.\d{6} — /);
    // every form control has an accessible name
    const unnamed = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea, button')]
      .filter((el) => {
        const e = el as HTMLInputElement;
        return !(e.labels && e.labels.length > 0) && !e.getAttribute('aria-label') && !(e.textContent ?? '').trim() && e.type !== 'hidden';
      }).map((el) => el.outerHTML.slice(0, 80)));
    expect(unnamed).toEqual([]);
    await ctx.close();
  });
});

/** The first Wednesday on or after `from` in June–August or October–December (no public holiday there), ISO. */
function plainWorkdayAfter(from: Date): string {
  for (let t = from.getTime(); ; t += 86_400_000) {
    const d = localDate(new Date(t));
    const month = Number(d.slice(5, 7));
    if (new Date(`${d}T00:00:00Z`).getUTCDay() === 3 && [6, 7, 8, 10, 11, 12].includes(month)) return d;
  }
}
