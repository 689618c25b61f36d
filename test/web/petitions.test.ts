// Petitions and Q&A in Chromium: a citizen on a phone (360×740) sends a petition; the province's
// procedure-control office assigns it to the Department of Justice, whose official answers and publishes it;
// the citizen rates the answer. The citizen asks a question on a real catalogue procedure's page (1.009832);
// the official answers and publishes it; it shows on the procedure page and is found by a query without
// diacritics. QĐ 766 5.1 and 5.3 change accordingly. Screenshots in test-results/web/petitions-*.png;
// axe-core on the new citizen pages: no serious or critical violation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers.js';
import { ensureWebBuilt, HAS_CHROMIUM, launch, LONG_SESSIONS, newContext, shot, signIn, SKIP_REASON, type Desk } from './browser.js';
import { describeFindings, seriousViolations, type AxeFinding } from './axe.js';

if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

const PHONE = { width: 360, height: 740 };
const PROC = '1.009832';
const STP = '000.00.02.H56';
let t: TestApp;
let browser: Browser;
let page: Page;
let petitionCode = '';
const findings: AxeFinding[] = [];

async function check(name: string): Promise<void> {
  await shot(page, `petitions-${name}`);
  findings.push(...(await seriousViolations(page, `petitions-${name}`)));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name}: wider than the screen`).toBeLessThanOrEqual(0);
}

async function indicators() {
  const c = await t.login('demo.lanhdaotinh');
  const r = await c.get('/api/v1/reports/indicators');
  expect(r.status).toBe(200);
  const all = r.body.groups.flatMap((g: any) => g.indicators);
  return { i51: all.find((i: any) => i.code === '5.1'), i53: all.find((i: any) => i.code === '5.3') };
}

describe.skipIf(!HAS_CHROMIUM)('petitions and Q&A in the browser', () => {
  let before: Awaited<ReturnType<typeof indicators>>;
  beforeAll(async () => {
    await ensureWebBuilt();
    t = await startTestApp({ env: { ...LONG_SESSIONS, MOTCUA_CITIZEN_SESSION_IDLE_MINUTES: '600' } });
    browser = await launch();
    const ctx = await newContext(browser, { baseURL: t.url, viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
    page = await ctx.newPage();
    page.on('pageerror', (e) => { throw new Error(`page error: ${e.message}`); });
    before = await indicators();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    expect(findings, describeFindings(findings)).toEqual([]);
  });

  it('a signed-in citizen sends a petition from the phone', async () => {
    expect(before.i51).toMatchObject({ available: true, denominator: 0, score: 6 });
    await page.goto('/phan-anh');
    await page.getByRole('link', { name: 'Đăng nhập để gửi phản ánh, kiến nghị' }).click();
    await page.getByLabel('Số điện thoại di động hoặc thư điện tử').fill('0912345678');
    await page.getByRole('button', { name: 'Gửi mã xác thực' }).click();
    await page.getByLabel('Mã xác thực').waitFor();
    const m = await t.ctx.db.selectFrom('notification_messages').select(['body']).where('address', '=', '0912345678').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    await page.getByLabel('Mã xác thực').fill(/\b(\d{6})\b/.exec(m.body)![1]!);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('heading', { name: 'Gửi phản ánh, kiến nghị' }).waitFor();
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await page.getByText('Vui lòng nhập tiêu đề.').waitFor();
    await check('form-errors');
    await page.getByLabel('Hành vi hành chính (cách cán bộ phục vụ)').check();
    await page.getByLabel('Tiêu đề').fill('Cán bộ hẹn sai ngày trả kết quả');
    await page.getByLabel('Nội dung').fill('Tôi được hẹn nhận kết quả nhưng đến nơi thì chưa có.');
    await page.getByLabel('Mã thủ tục liên quan (nếu có)').fill(PROC);
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    const sent = page.getByTestId('petition-sent');
    await sent.waitFor();
    expect(await sent.textContent()).toMatch(/Đã gửi phản ánh PAKN-\d{6}-\w+\. Hạn trả lời: \d{2}\/\d{2}\/\d{4}\./);
    petitionCode = /PAKN-\d{6}-\w+/.exec((await sent.textContent())!)![0];
    await page.locator(`[data-code="${petitionCode}"]`).getByText('Đã tiếp nhận').waitFor();
    await check('sent');
  });

  it('the province office assigns it; the Department of Justice answers and publishes it', async () => {
    const office: Desk = await signIn(browser, t.url, 'demo.kiemsoat');
    await office.page.getByRole('link', { name: 'Phản ánh, hỏi đáp' }).click();
    await office.page.getByRole('button', { name: petitionCode }).click();
    const panel = office.page.getByTestId('petition-panel');
    await panel.getByText('0912345678').first().waitFor();
    // the facts are labelled in full; a citizen who gave no name is "Người dân" with the phone once
    await expect.poll(() => panel.locator('dt').first().textContent()).toBe('Trạng thái');
    expect(await office.page.getByTestId('petition-list').locator('th').last().textContent()).toBe('Trạng thái');
    expect(await panel.getByTestId('petition-petitioner').textContent()).toBe('Người dân · 0912345678');
    expect(await panel.getByTestId('petition-history').textContent()).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} — Đã tiếp nhận — Người dân$/);
    await panel.getByRole('button', { name: 'Giao xử lý' }).click();
    await panel.getByLabel('Mã cơ quan xử lý').fill(STP);
    await panel.getByRole('button', { name: 'Thực hiện' }).click();
    await expect.poll(() => panel.getByTestId('petition-status').textContent()).toBe('Đang xử lý');
    await expect.poll(() => panel.getByTestId('petition-history').locator('li').last().textContent()).toMatch(/— Đang xử lý — Bùi Thị Kim Oanh$/);
    expect(await panel.textContent()).not.toContain('citizen:');
    await shot(office.page, 'petitions-office');
    await office.ctx.close();

    const dept: Desk = await signIn(browser, t.url, 'demo.chuyenvien');
    await dept.page.goto('/can-bo/petitions');
    await dept.page.getByRole('button', { name: petitionCode }).click();
    const p2 = dept.page.getByTestId('petition-panel');
    await p2.getByRole('button', { name: 'Trả lời' }).click();
    await p2.getByLabel('Nội dung trả lời').fill('Sở đã kiểm tra; kết quả được trả đúng hẹn từ ngày hôm sau. Xin lỗi ông/bà vì sự bất tiện.');
    await p2.getByRole('button', { name: 'Thực hiện' }).click();
    await expect.poll(() => p2.getByTestId('petition-status').textContent()).toBe('Đã trả lời');
    await p2.getByRole('button', { name: 'Công khai / gửi trả lời' }).click();
    await p2.getByRole('button', { name: 'Thực hiện' }).click();
    await expect.poll(() => p2.getByTestId('petition-status').textContent()).toBe('Đã công khai / gửi trả lời');
    const lines = await p2.getByTestId('petition-history').locator('li').allTextContents();
    expect(lines.map((l) => l.split(' — ').slice(1).join(' — '))).toEqual([
      'Đã tiếp nhận — Người dân', 'Đang xử lý — Bùi Thị Kim Oanh', 'Đã trả lời — Trần Minh Đức', 'Đã công khai / gửi trả lời — Trần Minh Đức',
    ]);
    await shot(dept.page, 'petitions-answered');
    await dept.ctx.close();
  });

  it('the citizen reads the answer and rates it', async () => {
    await page.goto('/phan-anh');
    const card = page.locator(`[data-code="${petitionCode}"]`);
    await card.getByText('Xin lỗi ông/bà').waitFor();
    await check('answer');
    await card.getByRole('button', { name: 'Hài lòng', exact: true }).click();
    await card.getByTestId('petition-rated').waitFor();
    expect(await card.getByTestId('petition-rated').textContent()).toBe('Bạn đã đánh giá: Hài lòng');
    await check('rated');
  });

  it('asks a question on the procedure page; the answer is published and found without diacritics', async () => {
    await page.goto(`/thu-tuc/${PROC}`);
    await page.getByRole('heading', { name: 'Hỏi đáp về thủ tục' }).waitFor();
    const select = page.getByLabel('Cơ quan nhận câu hỏi');
    if (await select.count()) await select.selectOption(STP);
    await page.getByLabel('Câu hỏi của bạn').fill('Có được nộp bản chụp thẻ giám định viên bị hỏng không?');
    await page.getByRole('button', { name: 'Gửi câu hỏi' }).click();
    await page.getByTestId('qa-sent').getByText(/Đã gửi câu hỏi HD-/).waitFor();
    await check('question-sent');

    const dept: Desk = await signIn(browser, t.url, 'demo.chuyenvien');
    await dept.page.goto('/can-bo/petitions/qa');
    const item = dept.page.getByTestId('question-list').locator('li', { hasText: 'thẻ giám định viên bị hỏng' });
    await item.getByLabel('Nội dung trả lời').fill('Được: nộp bản chụp kèm thẻ cũ để đối chiếu.');
    await item.getByRole('button', { name: 'Trả lời' }).click();
    await dept.page.getByText('Không có câu hỏi nào.').waitFor();
    await shot(dept.page, 'petitions-qa-answered');
    await dept.ctx.close();

    await page.goto(`/thu-tuc/${PROC}`);
    await page.getByTestId('qa-list').getByText('Được: nộp bản chụp kèm thẻ cũ để đối chiếu.').waitFor();
    await page.getByLabel('Tìm trong hỏi đáp').fill('ban chup the cu doi chieu');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await expect.poll(() => page.getByTestId('qa-list').locator('li').count()).toBe(1);
    await page.getByLabel('Tìm trong hỏi đáp').fill('ho khau');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByText('Chưa có câu hỏi nào được trả lời công khai.').waitFor();
    await page.getByLabel('Tìm trong hỏi đáp').fill('giám định');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByTestId('qa-list').waitFor();
    await page.locator('#hoi-dap').scrollIntoViewIfNeeded();
    await check('procedure-qa');
  });

  it('QĐ 766 5.1 and 5.3 follow the records', async () => {
    const after = await indicators();
    expect(after.i51).toMatchObject({ available: true, numerator: 1, denominator: 1, ratio: 100, score: 6 });
    expect(after.i53).toMatchObject({ available: true, numerator: 1, denominator: 1, ratio: 100, score: 6 });
    expect(before.i53).toMatchObject({ denominator: 0, ratio: null });
  });
});
