// A draft edited from two devices in Chromium on a phone (360×740): the other device (the test's HTTP client on
// the same session) saves first; this page's next save gets 409 DRAFT_VERSION_CONFLICT, merges what only one
// side changed and saves it without asking; a field both changed differently is shown to choose, and the
// choice is saved. Screenshot test-results/web/draft-merge-conflict.png, axe-core.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { HttpClient } from '../helpers.js';
import { HAS_CHROMIUM, SKIP_REASON, shot } from './browser.js';
import { describeFindings, seriousViolations } from './axe.js';
import { phonePage, shareSession, signInOnPage, startCitizenSuite, stopCitizenSuite, type CitizenSuite } from './citizen-session.js';

if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

const KHAI_SINH = '1.001193';
const DESK = '000.11.01.H56';
const EMAIL = 'two.devices@example.vn';

describe.skipIf(!HAS_CHROMIUM)('a draft edited from two devices (360×740)', () => {
  let s: CitizenSuite;
  let ctx: BrowserContext;
  let page: Page;
  let other: HttpClient;
  const draft = async () => (await other.get('/api/v1/citizen/drafts')).body.items[0];
  const otherSaves = async (change: (form: any) => any) => {
    const d = await draft();
    const r = await other.request('PUT', `/api/v1/citizen/drafts/${d.id}`, { version: d.version, form: change(d.form) });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };

  beforeAll(async () => {
    s = await startCitizenSuite();
    ({ ctx, page } = await phonePage(s));
    other = s.t.client();
  }, 300_000);
  afterAll(async () => {
    await stopCitizenSuite(s ?? {});
  });

  it('one-sided changes are merged and saved; a true conflict is asked and the choice saved', async () => {
    await page.goto(`/dang-nhap?next=${encodeURIComponent(`/nop-ho-so/${KHAI_SINH}`)}`);
    await signInOnPage(s, page, EMAIL);
    await page.getByRole('heading', { name: 'Nộp hồ sơ trực tuyến' }).waitFor({ timeout: 30_000 });
    await shareSession(ctx, other);
    await expect.poll(async () => (await draft())?.id, { timeout: 15_000 }).toBeTruthy();
    await page.getByLabel('Họ và tên', { exact: true }).fill('Nguyễn Thị Bích');
    await expect.poll(async () => (await draft()).form.applicant?.fullName, { timeout: 15_000 }).toBe('Nguyễn Thị Bích');

    // the other device picks the desk and a phone; this one then corrects the name: both kept, nothing asked
    await otherSaves((f) => ({ ...f, receivingAgencyCode: DESK, applicant: { ...f.applicant, phone: '0987654321' } }));
    await page.getByLabel('Họ và tên', { exact: true }).fill('Nguyễn Thị Bích Ngọc');
    await expect.poll(() => page.getByTestId('save-status').textContent(), { timeout: 15_000 }).toMatch(/Đã lưu lúc/);
    await expect.poll(async () => (await draft()).form, { timeout: 15_000 }).toMatchObject({ receivingAgencyCode: DESK, applicant: { fullName: 'Nguyễn Thị Bích Ngọc', phone: '0987654321' } });
    expect(await page.getByLabel('Số điện thoại').inputValue()).toBe('0987654321');
    expect(await page.getByLabel('Nơi tiếp nhận').inputValue()).toBe(DESK);
    expect(await page.getByTestId('conflicts').count()).toBe(0);

    // both change the name differently: the page asks
    await otherSaves((f) => ({ ...f, applicant: { ...f.applicant, fullName: 'Trần Thị Hoa' } }));
    await page.getByLabel('Họ và tên', { exact: true }).fill('Lê Thị Cúc');
    const panel = page.getByTestId('conflicts');
    await panel.waitFor({ timeout: 15_000 });
    expect(await panel.locator('[data-conflict]').count()).toBe(1);
    expect(await panel.locator('[data-conflict="applicant.fullName"] legend').textContent()).toBe('Họ và tên');
    expect(await panel.textContent()).toContain('Lê Thị Cúc');
    expect(await panel.textContent()).toContain('Trần Thị Hoa');
    await shot(page, 'draft-merge-conflict');
    await panel.screenshot({ path: 'test-results/web/draft-merge-conflict-panel.png' });
    const findings = await seriousViolations(page, 'draft-merge-conflict');
    expect(findings, describeFindings(findings)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    await panel.getByLabel(/Dùng bản từ thiết bị khác/).check();
    await panel.getByRole('button', { name: 'Lưu lựa chọn' }).click();
    await expect.poll(() => panel.count()).toBe(0);
    await expect.poll(async () => (await draft()).form.applicant, { timeout: 15_000 }).toMatchObject({ fullName: 'Trần Thị Hoa', phone: '0987654321' });
    expect(await page.getByLabel('Họ và tên', { exact: true }).inputValue()).toBe('Trần Thị Hoa');
    await shot(page, 'draft-merge-resolved');
  }, 180_000);
});
