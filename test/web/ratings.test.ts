// Satisfaction rating on a phone (360×740), on a real catalogue procedure (1.009832): the citizen rates a
// returned dossier from the tracking page opened by the invitation link (/tra-cuu?code=…&secret=…&danh-gia=1),
// a desk official hands another returned dossier to the paired counter tablet, where the citizen rates it;
// QĐ 766 5.4 and the leaders' dashboard show the change. Screenshots: test-results/web/rating-*.png; axe-core
// with no serious or critical violation on the citizen pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HAS_CHROMIUM, ensureWebBuilt, launch, LONG_SESSIONS, newContext, shot, signIn, SKIP_REASON } from './browser.js';
import { describeFindings, seriousViolations, type AxeFinding } from './axe.js';
import { startDossierApp } from '../dossiers/fixtures.js';
import type { ManualClock, TestApp } from '../helpers.js';
import { dossier, loginOfficials, type Officials } from '../ratings/helpers.js';

if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

const PHONE = { width: 360, height: 740 };
const PERIOD = 'from=2026-11-01&to=2026-11-30';
let t: TestApp & { clock: ManualClock };
let o: Officials;
let browser: Browser;
const findings: AxeFinding[] = [];

async function phonePage(): Promise<Page> {
  const ctx = await newContext(browser, { baseURL: t.url, viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => { throw new Error(`page error: ${e.message}`); });
  return page;
}

async function look(page: Page, name: string) {
  await shot(page, `rating-${name}`);
  findings.push(...(await seriousViolations(page, name)));
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${name}: wider than the screen`).toBeLessThanOrEqual(0);
}

const indicator54 = async () => {
  const r = await o.control.get(`/api/v1/reports/indicators?${PERIOD}`);
  return r.body.groups.find((g: any) => g.code === 'MDHL').indicators.find((i: any) => i.code === '5.4');
};

describe.skipIf(!HAS_CHROMIUM)('satisfaction rating on a phone: the invitation link and the counter kiosk', () => {
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

  it('rates from the tracking page and from the kiosk; 5.4 and the dashboard change', async () => {
    const a = await dossier(o);
    const b = await dossier(o);
    const before = await indicator54();
    expect(before).toMatchObject({ available: true, numerator: 2, denominator: 2, score: 6 });

    // 1. the link of the rating invitation (SMS / e-mail)
    const page = await phonePage();
    await page.goto(`/tra-cuu?code=${encodeURIComponent(a.code)}&secret=${encodeURIComponent(a.secret)}&danh-gia=1`);
    const section = page.getByRole('region', { name: 'Đánh giá mức độ hài lòng' });
    await section.waitFor();
    await look(page, 'link-form');
    await section.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await expect.poll(() => section.locator('.c-err').first().textContent()).toContain('Chọn mức đánh giá');
    await section.getByRole('group', { name: /Mức độ hài lòng chung/ }).getByLabel('Không hài lòng').check();
    await section.getByRole('group', { name: /Thái độ/ }).getByLabel('Hài lòng', { exact: true }).check();
    await section.getByLabel('Ý kiến khác (không bắt buộc)').fill('Phải chờ lâu khi nhận kết quả.');
    await section.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await section.getByText('Cảm ơn Ông/Bà đã đánh giá.').waitFor();
    await expect.poll(() => section.textContent()).toContain('Có thể sửa đánh giá đến');
    await look(page, 'link-done');

    const after1 = await indicator54();
    expect(after1).toMatchObject({ numerator: 1, denominator: 2 });
    expect(after1.score).toBe(3.33);

    // 2. the counter kiosk: the return officer pairs the tablet and hands it dossier b
    const desk = await signIn(browser, t.url, 'demo.traketqua');
    await desk.page.goto(`/can-bo/dossiers/${encodeURIComponent(b.code)}`);
    const card = desk.page.getByTestId('dossier-kiosk');
    await card.waitFor();
    await card.getByRole('button', { name: 'Ghép nối máy đánh giá' }).click();
    const link = await card.getByTestId('kiosk-link').textContent();
    expect(link).toContain('/kiosk/danh-gia#k=');
    await shot(desk.page, 'rating-desk-paired');

    const tablet = await phonePage();
    await tablet.goto(link!.replace(t.url, ''));
    await tablet.getByText('Chưa có hồ sơ cần đánh giá').waitFor();
    expect(new URL(tablet.url()).hash).toBe(''); // the token left the address bar
    await look(tablet, 'kiosk-waiting');

    await card.getByRole('button', { name: 'Mời đánh giá tại quầy' }).click();
    await card.getByText(/Đã chuyển hồ sơ đến máy/).waitFor();
    await shot(desk.page, 'rating-desk-handed');

    // the tablet polls every 3 s (its page clock is the browser's installed clock: run it forward)
    await tablet.clock.runFor(3500);
    await tablet.getByText(b.code).waitFor({ timeout: 10_000 });
    await look(tablet, 'kiosk-form');
    await tablet.getByRole('group', { name: /Mức độ hài lòng chung/ }).getByLabel('Rất hài lòng').check();
    await tablet.getByRole('group', { name: /Thời gian giải quyết/ }).getByLabel('Rất hài lòng').check();
    await tablet.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await tablet.getByText('Cảm ơn Ông/Bà đã đánh giá! Màn hình sẽ chờ hồ sơ tiếp theo.').waitFor();
    await look(tablet, 'kiosk-thanks');

    const after2 = await indicator54();
    expect(after2).toMatchObject({ numerator: 1, denominator: 2, score: 3.33 }); // a "rất hài lòng" does not change 5.4

    // 3. the leaders' dashboard: 5.4 and the ratings
    const lead = await signIn(browser, t.url, 'demo.lanhdao');
    await lead.page.goto(`/can-bo/dashboard?p=custom&${PERIOD}`);
    const row = lead.page.getByTestId('indicators-table').locator('tr', { hasText: '5.4' });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('3,33');
    await expect.poll(() => lead.page.getByTestId('ratings-total').textContent()).toBe('2');
    await expect.poll(() => lead.page.getByTestId('ratings-comments').textContent()).toContain('Phải chờ lâu khi nhận kết quả.');
    await lead.page.getByRole('region', { name: 'Đánh giá mức độ hài lòng' }).scrollIntoViewIfNeeded().catch(() => undefined);
    await shot(lead.page, 'rating-dashboard');

    expect(findings, describeFindings(findings)).toEqual([]);
  }, 240_000);
});
