// The portal's header on a phone (360×740) with a citizen signed in by a long e-mail address: the identity is
// cut with an ellipsis (the whole address in its title), every menu item is on screen without scrolling
// sideways, the page is no wider than the screen. Screenshot in test-results/web/, axe-core.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HAS_CHROMIUM, SKIP_REASON, shot } from './browser.js';
import { describeFindings, seriousViolations } from './axe.js';
import { phonePage, signInOnPage, startCitizenSuite, stopCitizenSuite, type CitizenSuite } from './citizen-session.js';

if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

const EMAIL = 'nguyen.thi.bich.ngoc.phuong.hoa.1990@so-tu-phap.tinh-mau.gov.vn';

describe.skipIf(!HAS_CHROMIUM)('the header on a phone, signed in with a long e-mail', () => {
  let s: CitizenSuite;
  let page: Page;

  beforeAll(async () => {
    s = await startCitizenSuite();
    ({ page } = await phonePage(s));
  }, 300_000);
  afterAll(async () => {
    await stopCitizenSuite(s ?? {});
  });

  it('identity truncated with a title, all five menu items (with petitions) on screen, nothing wider than the screen', async () => {
    await page.goto('/dang-nhap?next=%2F');
    await signInOnPage(s, page, EMAIL);
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
