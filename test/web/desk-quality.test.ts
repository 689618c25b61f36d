// Desk quality found by a new user (issue 11, item 5), in Chromium: the online queue lists only online
// (channel 2) filings with their age; forward picks an official from a list; the event log names people
// and steps; the send-back dialog offers step names, never internal keys.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers.js';
import { HAS_CHROMIUM, shot, signIn, SKIP_REASON, startBrowserSuite } from './browser.js';

if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

let t: TestApp;
let browser: Browser;
const base = {
  procedureCode: '1.009832', competentAgencyCode: '000.00.02.H56',
  components: [{ name: 'Đơn đề nghị', provided: true, form: 'original', copies: 1 }], delivery: { method: 'counter' },
};
const person = (fullName: string, idNumber: string) => ({ kind: 'individual', fullName, idNumber, phone: '0912345678' });
const codes: Record<string, string> = {};

describe.skipIf(!HAS_CHROMIUM)('desk quality', () => {
  beforeAll(async () => {
    ({ t, browser } = await startBrowserSuite());
    const c = await t.login('demo.tiepnhan');
    const post = async (b: Record<string, unknown>) => {
      const r = await c.post('/api/v1/dossiers', { ...base, ...b }, { 'idempotency-key': randomUUID() });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.dossier;
    };
    // an online filing waiting for the desk, and a counter one only registered (also status 1)
    await post({ channel: 2, applicant: person('Đỗ Minh Châu', '038190044556') });
    await post({ channel: 1, outcome: 'register', applicant: person('Lê Văn Tạm', '038085001199') });
    codes.A = (await post({ channel: 1, applicant: person('Trần Thị Hường', '038195067890') })).code;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the online queue lists only online filings, with their age', async () => {
    const { page, ctx } = await signIn(browser, t.url, 'demo.tiepnhan');
    await page.getByRole('tab', { name: /Hồ sơ nộp trực tuyến chờ tiếp nhận/ }).click();
    const rows = page.locator('[role=tabpanel] tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Đỗ Minh Châu');
    expect(await page.getByRole('tab', { name: /Hồ sơ nộp trực tuyến/ }).textContent()).toContain('(1)');
    expect(await page.getByTestId('age').first().textContent()).toMatch(/^\d+ (phút|giờ|ngày)$/);
    await shot(page, 'desk-online-queue');
    await ctx.close();
  });

  it('forward to an official picked by name; the log names people and steps; send-back offers step names', async () => {
    const desk = await signIn(browser, t.url, 'demo.tiepnhan');
    await desk.page.goto(`/can-bo/dossiers/${encodeURIComponent(codes.A!)}`);
    await desk.page.locator('button[data-action="forward"]').click();
    const dlg = desk.page.getByRole('dialog');
    const picker = dlg.getByLabel('Giao cho cán bộ (không bắt buộc)');
    await expect.poll(() => picker.locator('option').allTextContents()).toContain('Trần Minh Đức — Chuyên viên thụ lý');
    expect(await dlg.locator('input[name=assigneeId]').count()).toBe(0); // no typed username
    await picker.selectOption({ label: 'Trần Minh Đức — Chuyên viên thụ lý' });
    await shot(desk.page, 'desk-forward-picker', false);
    await dlg.getByRole('button', { name: 'Thực hiện' }).click();
    await desk.page.getByRole('status').filter({ hasText: 'Đã thực hiện' }).waitFor();
    const log = desk.page.locator('section[aria-labelledby=d-ev] li');
    await expect.poll(() => log.allTextContents()).toEqual(expect.arrayContaining([
      expect.stringMatching(/Tiếp nhận · Nguyễn Thị Hồng Nhung/),
      expect.stringMatching(/Chuyển xử lý · Nguyễn Thị Hồng Nhung · giao cho Trần Minh Đức · bước «Thẩm định, xử lý hồ sơ»/),
    ]));
    const ids = [...(await log.allTextContents()).join(' ').matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-/g)];
    expect(ids).toEqual([]);
    await desk.ctx.close();

    // the handler sends the dossier on; the leader's send-back lists the visited steps by name
    const h = await t.login('demo.chuyenvien');
    const v = (await h.get(`/api/v1/dossiers/${codes.A}`)).body.version;
    expect((await h.post(`/api/v1/dossiers/${codes.A}/actions/forward`, { version: v })).status).toBe(200);
    const l = await t.login('demo.lanhdao');
    const v2 = (await l.get(`/api/v1/dossiers/${codes.A}`)).body.version;
    expect((await l.post(`/api/v1/dossiers/${codes.A}/actions/claim`, { version: v2 })).status).toBe(200);
    const leader = await signIn(browser, t.url, 'demo.lanhdao');
    await leader.page.goto(`/can-bo/dossiers/${encodeURIComponent(codes.A!)}`);
    await leader.page.locator('button[data-action="send_back"]').click();
    const back = leader.page.getByRole('dialog').getByLabel('Trả lại bước');
    const options = await back.locator('option').allTextContents();
    expect(options).toContain('Thẩm định, xử lý hồ sơ');
    expect(options.join(' ')).not.toMatch(/\b(reception|handling|approval)\b/);
    await shot(leader.page, 'desk-send-back-steps', false);
    await leader.ctx.close();
  });
});
