// The portal's header on a phone (360×740) with a citizen signed in by a long e-mail address: the identity is
// cut with an ellipsis (the whole address in its title), every menu item is on screen without scrolling
// sideways, the page is no wider than the screen. Screenshot in test-results/web/, axe-core.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { outboxHandlers } from '../../src/app.js';
import { deliverDue } from '../../src/platform/outbox/outbox.js';
import { startTestApp, type TestApp } from '../helpers.js';
import { startSmtpSink, type SmtpSink } from '../notifications/smtp-sink.js';
import { HAS_CHROMIUM, LONG_SESSIONS, SKIP_REASON, ensureWebBuilt, launch, newContext, shot } from './browser.js';
import { describeFindings, seriousViolations } from './axe.js';

if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

const EMAIL = 'nguyen.thi.bich.ngoc.phuong.hoa.1990@so-tu-phap.tinh-mau.gov.vn';

describe.skipIf(!HAS_CHROMIUM)('the header on a phone, signed in with a long e-mail', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await ensureWebBuilt();
    smtp = await startSmtpSink();
    t = await startTestApp({ env: { ...LONG_SESSIONS, MOTCUA_SMTP_URL: smtp.url } });
    browser = await launch();
    const ctx = await newContext(browser, { baseURL: t.url, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
    page = await ctx.newPage();
    page.on('pageerror', (e) => { throw new Error(`page error: ${e.message}`); });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.close();
  });

  it('identity truncated with a title, all five menu items (with petitions) on screen, nothing wider than the screen', async () => {
    await page.goto('/dang-nhap?next=%2F');
    const mine = () => smtp.received.filter((m) => JSON.stringify(m.to).includes(EMAIL));
    await page.getByLabel('Số điện thoại di động hoặc thư điện tử').fill(EMAIL);
    await page.getByRole('button', { name: 'Gửi mã xác thực' }).click();
    for (let i = 0; i < 100 && mine().length === 0; i++) {
      await deliverDue(t.ctx, outboxHandlers);
      if (mine().length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    await page.getByLabel('Mã xác thực').fill(/\b(\d{6})\b/.exec(mine().at(-1)!.text ?? '')![1]!);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    const account = page.locator('.c-account-link');
    await expect.poll(() => account.getAttribute('title'), { timeout: 20_000 }).toBe(EMAIL);

    const box = (await account.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    // cut with an ellipsis, not wrapped over lines nor pushed off screen
    const cut = await account.locator('span').evaluate((el) => ({ over: el.scrollWidth > el.clientWidth, ellipsis: getComputedStyle(el).textOverflow }));
    expect(cut).toEqual({ over: true, ellipsis: 'ellipsis' });

    const items = page.getByRole('navigation').getByRole('link');
    expect(await items.count()).toBe(5);
    for (let i = 0; i < 5; i++) {
      const b = (await items.nth(i).boundingBox())!;
      expect(b.x, `menu item ${i + 1}`).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width, `menu item ${i + 1}`).toBeLessThanOrEqual(360);
      expect(b.height).toBeGreaterThanOrEqual(44);
    }
    const ul = await page.getByRole('navigation').locator('ul').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(ul).toBeLessThanOrEqual(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await shot(page, 'header-phone-long-email', false);
    const findings = await seriousViolations(page, 'header');
    expect(findings, describeFindings(findings)).toEqual([]);
  }, 120_000);
});
