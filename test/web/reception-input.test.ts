// The reception form with bad input, in Chromium: dates typed as dd/mm/yyyy (no native date input), the
// form's length limits equal the API's (OpenAPI maxLength), emoji / HTML / wrong dates marked on the field
// with a plain message, the server's refusals (problem+json field errors) marked on the field they name,
// and nothing written until the input is right.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../helpers.js';
import { localDate } from '../../src/modules/calendar/working-time.js';
import { addDaysIso } from '../../src/modules/calendar/civil-date.js';
import { HAS_CHROMIUM, shot, signIn, SKIP_REASON, startBrowserSuite, stopBrowserSuite } from './browser.js';

if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

let t: TestApp;
let browser: Browser;

const dossierCount = async () => Number((await t.ctx.database.pool.query('SELECT count(*)::int n FROM dossiers')).rows[0].n);

/** The field (label → input) is marked: aria-invalid, its box has-error, and shows `message`. */
async function expectMarked(page: Page, label: string, message: string | RegExp) {
  const input = page.getByLabel(label);
  await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
  const box = page.locator('.field.has-error', { has: input });
  await expect.poll(() => box.locator('.err').textContent()).toMatch(typeof message === 'string' ? new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : message);
}

describe.skipIf(!HAS_CHROMIUM)('reception form: bad input is marked on the field', () => {
  beforeAll(async () => {
    ({ t, browser } = await startBrowserSuite());
  });
  afterAll(() => stopBrowserSuite({ t, browser }));

  it('dd/mm/yyyy typing, limits equal to the API, client and server refusals on the field, nothing written', async () => {
    const { ctx, page } = await signIn(browser, t.url, 'demo.tiepnhan');
    await page.getByRole('combobox', { name: 'Thủ tục hành chính' }).fill('1.009832');
    await page.getByRole('listbox').getByRole('option', { name: /1\.009832/ }).click();

    // no native date input anywhere on the desk; typing digits gives dd/mm/yyyy
    expect(await page.locator('input[type=date], input[type=datetime-local]').count()).toBe(0);
    const birth = page.getByLabel('Ngày sinh');
    await birth.pressSequentially('15031990');
    expect(await birth.inputValue()).toBe('15/03/1990');
    expect(await birth.getAttribute('placeholder')).toBe('dd/mm/yyyy');

    // every applicant field's maxLength is the API's
    const api = await (await page.request.get('/openapi.json')).json();
    const body = api.paths['/api/v1/dossiers'].post.requestBody.content['application/json'].schema;
    const a = body.properties.applicant.properties;
    const limits: Array<[string, number]> = [
      ['Họ và tên', a.fullName.maxLength], ['Số định danh cá nhân (CCCD)', a.idNumber.maxLength], ['Số điện thoại', a.phone.maxLength],
      ['Thư điện tử', a.email.maxLength], ['Số nhà, đường, thôn/xóm', a.address.properties.line.maxLength],
    ];
    for (const [label, max] of limits) {
      expect(max, label).toBeGreaterThan(0);
      expect(Number(await page.getByLabel(label).getAttribute('maxlength')), label).toBe(max);
    }
    await page.getByLabel('Tổ chức', { exact: true }).check();
    expect(Number(await page.getByLabel('Tên tổ chức').getAttribute('maxlength'))).toBe(a.organisation.properties.name.maxLength);
    expect(Number(await page.getByLabel('Mã số thuế').getAttribute('maxlength'))).toBe(a.organisation.properties.taxCode.maxLength);
    await page.getByLabel('Cá nhân', { exact: true }).check();
    // typing past the limit stops at it
    await page.getByLabel('Họ và tên').pressSequentially('A'.repeat(a.fullName.maxLength + 5));
    expect((await page.getByLabel('Họ và tên').inputValue()).length).toBe(a.fullName.maxLength);

    // the form's own checks: emoji, HTML, a day that does not exist
    await page.getByLabel('Họ và tên').fill('Nguyễn Văn An 😀');
    await page.getByLabel('Số định danh cá nhân (CCCD)').fill('038090012345');
    await page.getByLabel('Số điện thoại').fill('0912345678');
    await birth.fill('');
    await birth.pressSequentially('30021990');
    await page.getByLabel('Số nhà, đường, thôn/xóm').fill('<b>12</b> Lê Lợi');
    await page.getByRole('button', { name: 'Tiếp nhận và in giấy tiếp nhận' }).click();
    await expectMarked(page, 'Họ và tên', 'Có ký tự không in được trên giấy tờ (😀): hãy xóa hoặc thay bằng chữ');
    await expectMarked(page, 'Ngày sinh', 'Ngày không hợp lệ');
    await expectMarked(page, 'Số nhà, đường, thôn/xóm', 'Không được chứa thẻ HTML hay ký tự < >');
    await shot(page, 'reception-input-client-errors');
    expect(await dossierCount()).toBe(0);

    // corrected by the form's rules, but a birth date after the server's today: the server refuses
    // (400/422 problem+json on body.applicant.birthDate) and the form marks that field
    await page.getByLabel('Họ và tên').fill('Nguyễn Văn An');
    await page.getByLabel('Số nhà, đường, thôn/xóm').fill('');
    // tomorrow by the server's clock (the session cookie follows the same clock as the browser's)
    const tomorrow = addDaysIso(localDate(t.ctx.clock.now()), 1);
    await page.getByLabel('Số định danh cá nhân (CCCD)').fill(`0382${tomorrow.slice(2, 4)}012345`);
    await birth.fill('');
    await birth.pressSequentially(`${tomorrow.slice(8, 10)}${tomorrow.slice(5, 7)}${tomorrow.slice(0, 4)}`);
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/dossiers') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Tiếp nhận và in giấy tiếp nhận' }).click();
    const res = await answer;
    expect(res.status()).toBe(422);
    expect((await res.json()).errors.map((e: any) => e.path)).toContain('body.applicant.birthDate');
    await expectMarked(page, 'Ngày sinh', 'Ngày sinh không được sau hôm nay');
    const summary = page.getByTestId('fix-errors');
    await expect.poll(() => summary.textContent()).toContain('Ngày sinh: Ngày sinh không được sau hôm nay');
    expect(await summary.textContent()).not.toMatch(/body\.|applicant/);
    await shot(page, 'reception-input-server-error');
    await expect.poll(() => page.evaluate(() => document.activeElement?.outerHTML)).toContain('name="birthDate"');
    expect(await dossierCount()).toBe(0);

    // right input: received, the date stored as the API's YYYY-MM-DD
    await birth.fill('');
    await birth.pressSequentially('15/3/1990');
    await page.getByLabel('Số định danh cá nhân (CCCD)').fill('038090012345');
    const popup = page.context().waitForEvent('page');
    await page.getByRole('button', { name: 'Tiếp nhận và in giấy tiếp nhận' }).click();
    await (await popup).close();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Đã tiếp nhận hồ sơ/);
    const row = await t.ctx.database.pool.query(`SELECT applicant FROM dossiers`);
    expect(row.rows.map((r) => [r.applicant.fullName, r.applicant.birthDate])).toEqual([['Nguyễn Văn An', '1990-03-15']]);
    await ctx.close();
  }, 180_000);
});
