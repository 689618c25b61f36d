// The administrators' rating criteria in Debian's Chromium as demo.admin (Quản trị → Tiêu chí đánh giá): a bad
// key and a key in use refused on the key field, add a required criterion, move it up, disable one; `overall`
// (QĐ 766 5.4) is locked: no disable button, its required box cannot be unticked; the citizen's rating form then
// asks the new criteria in the new order. The counter kiosk link a desk official pairs is shown with its QR code,
// the very QR of that link (rendered again here with the page's options). axe: no serious or critical violation. Screenshots in test-results/web/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HAS_CHROMIUM, ensureWebBuilt, launch, LONG_SESSIONS, newContext, shot, signIn, SKIP_REASON } from './browser.js';
import { describeFindings, seriousViolations, type AxeFinding } from './axe.js';
import { startDossierApp } from '../dossiers/fixtures.js';
import type { ManualClock, TestApp } from '../helpers.js';
import { dossier, loginOfficials, type Officials } from '../ratings/helpers.js';
import QRCode from 'qrcode';
import { KIOSK_QR, svgDataUrl } from '../../web/src/pages/kiosk-qr.js';

if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

const VISITS = 'Số lần phải đi lại để hoàn thành hồ sơ';
let t: TestApp & { clock: ManualClock };
let o: Officials;
let browser: Browser;
const findings: AxeFinding[] = [];

const rowKeys = (page: Page) => page.getByTestId('criteria-table').locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));

describe.skipIf(!HAS_CHROMIUM)('admin: rating criteria', () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    t = await startDossierApp(LONG_SESSIONS);
    o = await loginOfficials(t);
    browser = await launch();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('adds, reorders and disables criteria, overall locked; the citizen form follows', async () => {
    const d = await dossier(o);
    const { page } = await signIn(browser, t.url, 'demo.admin');
    await page.goto('/can-bo/admin/ratingCriteria');
    await page.getByRole('heading', { name: 'Tiêu chí đánh giá mức độ hài lòng' }).waitFor();
    await expect.poll(() => rowKeys(page)).toEqual(['overall', 'attitude', 'timeliness', 'convenience', 'transparency']);
    findings.push(...(await seriousViolations(page, 'criteria list')));
    await shot(page, '80-admin-rating-criteria');

    // overall: locked, no disable button, its required box cannot be unticked
    const overall = page.locator('tr[data-key="overall"]');
    expect(await overall.textContent()).toContain('Cố định');
    expect(await overall.getByRole('button', { name: /^Tắt tiêu chí/ }).count()).toBe(0);
    await overall.getByRole('button', { name: /^Sửa tiêu chí/ }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByLabel('Bắt buộc trả lời').isDisabled()).toBe(true);
    expect(await dialog.getByLabel('Bắt buộc trả lời').isChecked()).toBe(true);
    expect(await dialog.textContent()).toContain('Căn cứ chỉ số 5.4');
    await shot(page, '81-admin-rating-criteria-overall-locked');
    await dialog.getByRole('button', { name: 'Hủy' }).click();

    // add: a bad key, then a key in use, each refused on the key field
    await page.getByRole('button', { name: 'Thêm tiêu chí' }).click();
    await dialog.getByLabel('Mã').fill('Số lần');
    await dialog.getByLabel('Tên tiêu chí (tiếng Việt)').fill(VISITS);
    await dialog.getByLabel('Tên tiêu chí (tiếng Anh)').fill('Visits needed to complete the dossier');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    const keyError = dialog.locator('.field.has-error .err');
    await keyError.waitFor();
    expect(await dialog.getByLabel('Mã').getAttribute('aria-describedby')).toContain(await keyError.getAttribute('id'));
    findings.push(...(await seriousViolations(page, 'criteria add: bad key')));
    await shot(page, '82-admin-rating-criteria-bad-key');
    await dialog.getByLabel('Mã').fill('attitude');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => keyError.textContent()).toContain('Đã có tiêu chí mã attitude');
    await dialog.getByLabel('Mã').fill('visits');
    await dialog.getByLabel('Bắt buộc trả lời').check();
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('status').filter({ hasText: `Đã thêm tiêu chí «${VISITS}»` }).waitFor();
    await expect.poll(() => rowKeys(page)).toEqual(['overall', 'attitude', 'timeliness', 'convenience', 'transparency', 'visits']);

    // move it up to second place; the keyboard stays on its button
    const up = page.getByRole('button', { name: `Đưa tiêu chí «${VISITS}» lên` });
    for (let i = 0; i < 4; i++) {
      await up.click();
      await page.getByRole('status').filter({ hasText: `ở vị trí ${5 - i}` }).waitFor();
    }
    await expect.poll(() => rowKeys(page)).toEqual(['overall', 'visits', 'attitude', 'timeliness', 'convenience', 'transparency']);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-move'))).toMatch(/^visits:/);

    // disable "attitude"
    const attitude = page.locator('tr[data-key="attitude"]');
    const off = attitude.getByRole('button', { name: /^Tắt tiêu chí/ });
    const attitudeName = /«(.+)»/.exec((await off.getAttribute('aria-label'))!)![1]!;
    await off.click();
    await page.getByRole('status').filter({ hasText: 'Đã tắt tiêu chí' }).waitFor();
    await expect.poll(() => attitude.textContent()).toContain('Đã tắt');
    await attitude.getByRole('button', { name: /^Bật lại tiêu chí/ }).waitFor();
    findings.push(...(await seriousViolations(page, 'criteria after changes')));
    await shot(page, '83-admin-rating-criteria-changed');

    // the citizen's rating form: the new criterion second, required; "attitude" no longer asked
    const ctx = await newContext(browser, { baseURL: t.url, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const phone = await ctx.newPage();
    await phone.goto(`/tra-cuu?code=${encodeURIComponent(d.code)}&secret=${encodeURIComponent(d.secret)}&danh-gia=1`);
    const section = phone.getByRole('region', { name: 'Đánh giá mức độ hài lòng' });
    await section.locator('fieldset legend').first().waitFor();
    const legends = await section.locator('fieldset legend').allTextContents();
    expect(legends).toHaveLength(5);
    expect(legends[0]).toMatch(/hài lòng chung/);
    expect(legends[1]).toBe(`${VISITS} *`);
    expect(legends.map((l) => l.replace(/ \*$/, ''))).not.toContain(attitudeName);
    await shot(phone, '84-rating-form-new-criteria');

    expect(findings, describeFindings(findings)).toEqual([]);
  }, 240_000);

  it('shows the counter kiosk link with its QR code', async () => {
    const d = await dossier(o);
    const desk = await signIn(browser, t.url, 'demo.traketqua');
    await desk.page.goto(`/can-bo/dossiers/${encodeURIComponent(d.code)}`);
    const card = desk.page.getByTestId('dossier-kiosk');
    await card.waitFor();
    await card.getByRole('button', { name: 'Ghép nối máy đánh giá' }).click();
    const link = (await card.getByTestId('kiosk-link').textContent())!;
    expect(link.startsWith(`${t.url}/kiosk/danh-gia#k=`), link).toBe(true);
    expect(link.split('#k=')[1]!.length).toBeGreaterThan(20);
    expect(await card.getByTestId('kiosk-link').getAttribute('href')).toBe(link);
    const qr = card.getByRole('img', { name: 'Mã QR của đường dẫn máy đánh giá tại quầy' });
    await qr.waitFor();
    expect(await qr.isVisible()).toBe(true);
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await qr.getAttribute('src')).toBe(svgDataUrl(await QRCode.toString(link, KIOSK_QR)));
    await card.scrollIntoViewIfNeeded();
    const kioskFindings = await seriousViolations(desk.page, 'dossier kiosk QR');
    expect(kioskFindings, describeFindings(kioskFindings)).toEqual([]);
    await shot(desk.page, '85-dossier-kiosk-qr');
  }, 120_000);

  it('reads in English with the toggle', async () => {
    const { page } = await signIn(browser, t.url, 'demo.admin', { lang: 'en' });
    await page.goto('/can-bo/admin/ratingCriteria');
    await page.getByRole('heading', { name: 'Satisfaction rating criteria' }).waitFor();
    const overall = page.locator('tr[data-key="overall"]');
    expect(await overall.textContent()).toContain('Locked');
    expect(await overall.textContent()).toContain('Overall satisfaction');
    await page.getByRole('button', { name: 'Add a criterion' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await page.getByRole('dialog').locator('.field.has-error .err').first().waitFor();
    expect(await page.getByRole('dialog').locator('.field.has-error .err').first().textContent()).toContain('Lower-case letters');
    await shot(page, '86-admin-rating-criteria-en');
  }, 60_000);
});
