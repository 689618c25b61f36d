// Collection at home (nhận hồ sơ tại nhà, channel 3) at the reception desk, in Chromium: the officer chooses
// "Thu gom hồ sơ tại nhà (bưu điện)" for the filing being prepared (khai sinh 1.001193 at a commune desk), a
// missing phone is marked on the field by the API, a desk without its phone configured sees
// POSTAL_DESK_PHONE_MISSING; the booked order shows its NHS- reference and the postal worker's checklist; the
// list "Thu gom tại nhà" shows it booked, then — the built-in simulated post office advanced to collected and
// tracked — waiting for reception, and received with its dossier code. axe clean; screenshots in test-results/web/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { outboxHandlers } from '../../src/app.js';
import { deliverDue } from '../../src/platform/outbox/outbox.js';
import { trackPostalOrders } from '../../src/modules/postal/postal.service.js';
import type { RecordingPostalService } from '../../src/platform/ports/postal.js';
import { startTestApp, type TestApp } from '../helpers.js';
import { describeFindings, seriousViolations, type AxeFinding } from './axe.js';
import { ensureWebBuilt, HAS_CHROMIUM, launch, LONG_SESSIONS, shot, signIn, SKIP_REASON } from './browser.js';

if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

const PROC = '1.001193';
let t: TestApp;
let browser: Browser;
const findings: AxeFinding[] = [];

async function fillFiling(page: Page, phone: string) {
  await page.getByRole('combobox', { name: 'Thủ tục hành chính' }).fill(PROC);
  await page.getByRole('listbox').getByRole('option', { name: /1\.001193/ }).click();
  const caseSelect = page.locator('select[name=caseKey]');
  await expect.poll(async () => (await caseSelect.count()) + (await page.locator('table.checklist').count()), { timeout: 15_000 }).toBeGreaterThan(0);
  if (await caseSelect.count()) await caseSelect.selectOption({ index: 1 });
  await page.getByLabel('Họ và tên').fill('Nguyễn Thị Bích Ngọc');
  await page.getByLabel('Số định danh cá nhân (CCCD)').fill('038190012345');
  await page.getByLabel('Số điện thoại').fill(phone);
  await page.locator('select[name=province]').selectOption('38');
  await page.locator('select[name=commune]').selectOption('14797');
  await page.getByLabel('Số nhà, đường, thôn/xóm').fill('8 Bà Triệu');
  await page.getByLabel('Thu gom hồ sơ tại nhà (bưu điện)').check();
}

describe.skipIf(!HAS_CHROMIUM)('collection at home at the reception desk', () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    t = await startTestApp({ env: { ...LONG_SESSIONS, MOTCUA_POSTAL_SENDER_TEL: '0237 385 2222' } });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('books a pickup, shows the checklist, lists it, and follows it to a received dossier with its code', async () => {
    const { page } = await signIn(browser, t.url, 'demo.xa.tiepnhan');
    await page.goto('/reception');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Tiếp nhận hồ sơ');
    await fillFiling(page, '');
    await expect.poll(() => page.getByTestId('pickup-hint').count()).toBe(1);
    // the counter-only outcomes are gone; the primary action books the post office
    expect(await page.getByRole('button', { name: 'Từ chối tiếp nhận (mẫu 03)' }).count()).toBe(0);
    await shot(page, 'pickup-01-form');
    findings.push(...await seriousViolations(page, 'pickup form'));

    // no phone: the API's field error on the phone field, the summary links to it
    await page.getByRole('button', { name: 'Đặt bưu điện thu gom' }).click();
    const phone = page.getByLabel('Số điện thoại');
    await expect.poll(() => phone.getAttribute('aria-invalid')).toBe('true');
    const summary = page.getByTestId('fix-errors');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Số điện thoại');
    await page.getByRole('link', { name: 'Số điện thoại' }).click();
    expect(await phone.evaluate((el) => el === document.activeElement)).toBe(true);
    await shot(page, 'pickup-02-phone-missing');
    findings.push(...await seriousViolations(page, 'pickup phone missing'));

    // the desk phone not configured: the API's 422 POSTAL_DESK_PHONE_MISSING shown plainly
    await phone.fill('0912 345 678');
    const tel = t.ctx.config.postal.senderTel;
    (t.ctx.config.postal as { senderTel?: string }).senderTel = undefined;
    try {
      await page.getByRole('button', { name: 'Đặt bưu điện thu gom' }).click();
      await expect.poll(() => page.getByRole('alert').filter({ hasText: 'MOTCUA_POSTAL_SENDER_TEL' }).count()).toBeGreaterThan(0);
      expect(await page.getByRole('alert').filter({ hasText: 'MOTCUA_POSTAL_SENDER_TEL' }).first().textContent()).toContain('Chưa cấu hình số điện thoại của Bộ phận Một cửa');
      await shot(page, 'pickup-03-desk-phone-missing');
    } finally {
      (t.ctx.config.postal as { senderTel?: string }).senderTel = tel;
    }

    // booked: the reference, the state, the postal worker's checklist = the case's components
    await page.getByRole('button', { name: 'Đặt bưu điện thu gom' }).click();
    const booked = page.getByTestId('pickup-booked');
    await booked.waitFor({ timeout: 15_000 });
    const ref = (await booked.getByTestId('pickup-ref').textContent())!;
    expect(ref).toMatch(/^NHS-[0-9A-F]{12}$/);
    expect(await booked.getByTestId('pickup-state').textContent()).toBe('Đang đặt');
    const checklist = await booked.getByTestId('pickup-checklist').locator('li').allTextContents();
    expect(checklist.length).toBeGreaterThan(0);
    const row = (await t.ctx.db.selectFrom('postal_orders').select('pickup').where('dossier_code', '=', ref).executeTakeFirstOrThrow()).pickup as { checklist: { name: string }[] };
    expect(checklist.map((x) => x.replace(/ \(bắt buộc\)$/, ''))).toEqual(row.checklist.map((c) => c.name));
    await shot(page, 'pickup-04-booked');
    findings.push(...await seriousViolations(page, 'pickup booked'));

    // the post office books it (the outbox): the list shows it booked, dd/mm/yyyy
    await deliverDue(t.ctx, outboxHandlers);
    await page.getByRole('tab', { name: 'Thu gom tại nhà' }).click();
    const line = page.locator(`[data-testid="pickup-row"][data-ref="${ref}"]`);
    await line.waitFor();
    expect(await line.getByTestId('pickup-state').textContent()).toBe('Đã đặt');
    expect(await line.locator('td').first().textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    await shot(page, 'pickup-05-list-booked');
    findings.push(...await seriousViolations(page, 'pickups list'));

    // the postal worker collects the papers (simulated post office, scheduled query): registered, waiting
    const office = (t.ctx.postal as RecordingPostalService).office;
    const order = [...office.orders.values()].find((o) => o.order.OrderNumber === ref)!;
    office.advance(order.itemCode, 6, 'Bưu cục Hạc Thành');
    await trackPostalOrders(t.ctx);
    await page.getByRole('tab', { name: 'Tiếp nhận trực tiếp' }).click();
    await page.getByRole('tab', { name: 'Thu gom tại nhà' }).click();
    await expect.poll(() => line.getByTestId('pickup-state').textContent()).toBe('Đã nhận giấy tờ, chờ tiếp nhận');

    // the desk receives it: the dossier code in the list
    const popup = page.context().waitForEvent('page');
    await line.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    await (await popup).close();
    await expect.poll(() => line.getByTestId('pickup-state').textContent(), { timeout: 15_000 }).toMatch(/^Đã tiếp nhận, mã hồ sơ \S+-\d{6}-\d{4}$/);
    const code = /mã hồ sơ (\S+)$/.exec((await line.getByTestId('pickup-state').textContent())!)![1]!;
    const dossier = await t.ctx.db.selectFrom('dossiers').select(['channel', 'code']).where('code', '=', code).executeTakeFirstOrThrow();
    expect(dossier.channel).toBe(3);
    expect(await line.getByRole('link', { name: 'Mở', exact: true }).getAttribute('href')).toContain(encodeURIComponent(code));
    await shot(page, 'pickup-06-list-received');
    findings.push(...await seriousViolations(page, 'pickups list received'));
    expect(findings, describeFindings(findings)).toEqual([]);
  });
});
