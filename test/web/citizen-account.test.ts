// The citizen account pages in Chromium at 360×740: sign in with the code read from the built-in sink
// (the recording notifier's message rows), a wrong code answered on its field, the profile form with the
// two-tier address, a representation with an uploaded authorisation PDF, the header's signed-in state and
// sign-out. Screenshots in test-results/web/citizen-account-*.png; axe-core: no serious or critical violation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PDFDocument } from 'pdf-lib';
import { startTestApp, type TestApp } from '../helpers.js';
import { ensureWebBuilt, HAS_CHROMIUM, launch, LONG_SESSIONS, newContext, shot, SKIP_REASON } from './browser.js';
import { describeFindings, seriousViolations, type AxeFinding } from './axe.js';

if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

const PHONE = { width: 360, height: 740 };
let t: TestApp;
let browser: Browser;
let page: Page;
const findings: AxeFinding[] = [];

async function check(name: string): Promise<void> {
  await shot(page, `citizen-account-${name}`);
  findings.push(...(await seriousViolations(page, `account-${name}`)));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name}: wider than the screen`).toBeLessThanOrEqual(0);
}

async function codeSentTo(address: string): Promise<string> {
  const m = await t.ctx.db.selectFrom('notification_messages').select(['body']).where('address', '=', address).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  return /\b(\d{6})\b/.exec(m.body)![1]!;
}

describe.skipIf(!HAS_CHROMIUM)('citizen account (360×740)', () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    t = await startTestApp({ env: { ...LONG_SESSIONS, MOTCUA_CITIZEN_SESSION_IDLE_MINUTES: '600' } });
    browser = await launch();
    const ctx = await newContext(browser, { baseURL: t.url, viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
    page = await ctx.newPage();
    page.on('pageerror', (e) => { throw new Error(`page error: ${e.message}`); });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs in with a code sent by SMS, after a wrong code answered on its field, and comes back to the account page', async () => {
    await page.goto('/tra-cuu');
    await page.getByRole('link', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/tra-cuu');
    await page.goto('/dang-nhap?next=/tai-khoan');
    await page.getByLabel('Số điện thoại di động hoặc thư điện tử').waitFor();
    await check('sign-in');

    await page.getByRole('button', { name: 'Gửi mã xác thực' }).click();
    const summary = page.locator('.c-error-summary');
    await expect.poll(() => summary.textContent()).toContain('Nhập số điện thoại di động hoặc thư điện tử');
    await page.getByLabel('Số điện thoại di động hoặc thư điện tử').fill('12345');
    await page.getByRole('button', { name: 'Gửi mã xác thực' }).click();
    await expect.poll(() => summary.textContent()).toContain('số điện thoại di động Việt Nam');
    expect(await page.getByLabel('Số điện thoại di động hoặc thư điện tử').getAttribute('aria-invalid')).toBe('true');
    await check('sign-in-error');

    await page.getByLabel('Số điện thoại di động hoặc thư điện tử').fill('0912 345 678');
    await page.getByRole('button', { name: 'Gửi mã xác thực' }).click();
    await page.getByText('Đã gửi mã xác thực bằng tin nhắn đến 0912***678.').waitFor();
    expect(await page.getByRole('button', { name: /Gửi lại mã sau \d+ giây/ }).isDisabled()).toBe(true);
    const code = await codeSentTo('0912345678');
    await page.getByLabel('Mã xác thực').fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await expect.poll(() => summary.textContent()).toContain('Mã xác thực không đúng. Bạn còn 4 lần thử.');
    await check('code-wrong');
    await page.getByLabel('Mã xác thực').fill(code);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('heading', { name: 'Tài khoản của tôi' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/tai-khoan');
    await page.locator('.c-account-link', { hasText: '0912345678' }).waitFor();
  });

  it('edits the profile with the two-tier address', async () => {
    await page.getByLabel('Họ và tên', { exact: true }).fill('Nguyễn Thị Bích Ngọc');
    await page.getByLabel('Số định danh cá nhân (CCCD)').first().fill('038190012345');
    await page.getByLabel('Ngày sinh').fill('01/05/1990');
    expect(await page.getByLabel('Ngày sinh').getAttribute('placeholder')).toBe('dd/mm/yyyy');
    await page.getByLabel('Tỉnh, thành phố').selectOption('38');
    const commune = page.getByLabel('Xã, phường, đặc khu');
    await expect.poll(() => commune.locator('option').count()).toBeGreaterThan(10);
    await commune.selectOption('14797');
    await page.getByLabel('Số nhà, đường, thôn/xóm').fill('12 Lê Lợi');
    await page.getByRole('button', { name: 'Lưu thông tin' }).click();
    await page.getByText('Đã lưu thông tin.').waitFor();
    const saved = await (await page.request.get('/api/v1/citizen/profile')).json();
    expect(saved).toMatchObject({ fullName: 'Nguyễn Thị Bích Ngọc', idNumber: '038190012345', birthDate: '1990-05-01', address: { communeCode: '14797', provinceCode: '38', line: '12 Lê Lợi' } });
    await page.locator('.c-account-link', { hasText: 'Nguyễn Thị Bích Ngọc' }).waitFor();
    await check('profile');
  });

  it('adds a representation with an uploaded authorisation PDF, and refuses a text file on the document field', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]).drawText('GIAY UY QUYEN', { x: 50, y: 780, size: 18 });
    const pdf = Buffer.from(await doc.save());
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Thêm', exact: true }) });
    await form.getByLabel('Họ và tên người ủy quyền').fill('Lê Văn Bình');
    await form.getByLabel('Số định danh cá nhân (CCCD)').fill('001085001234');
    await form.getByLabel('Giấy ủy quyền / văn bản đại diện').setInputFiles({ name: 'ghi-chu.pdf', mimeType: 'application/pdf', buffer: Buffer.from('chỉ là văn bản, không phải PDF') });
    await page.getByRole('button', { name: 'Thêm', exact: true }).click();
    const summary = page.locator('.c-section').nth(1).locator('.c-error-summary');
    await expect.poll(() => summary.textContent()).toMatch(/tệp|file/i);
    await check('representation-refused');

    await form.getByLabel('Giấy ủy quyền / văn bản đại diện').setInputFiles({ name: 'giay-uy-quyen.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByRole('button', { name: 'Thêm', exact: true }).click();
    await page.locator('.c-rep', { hasText: 'Lê Văn Bình' }).waitFor();
    await expect.poll(() => page.locator('.c-rep').first().textContent()).toContain('giay-uy-quyen.pdf');
    await check('representations');
  });

  it('signs out from the account page; the header offers sign-in again', async () => {
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('link', { name: 'Đăng nhập' }).waitFor();
    const s = await (await page.request.get('/api/v1/citizen/session')).json();
    expect(s.signedIn).toBe(false);
    console.log(`axe-core over the citizen account pages: ${findings.length} serious/critical violations`);
    expect(findings, describeFindings(findings)).toEqual([]);
  });
});
