// A citizen pays a dossier's fee from the public tracking page on a phone (360×740), through the simulated
// gateway (its own HTTP server, its own page), comes back and downloads the electronic receipt; the same
// gateway's repeated callback changes nothing and a forged one is refused; a payment whose callback never
// arrives is shown as waiting and settled by the status query. Screenshots: test-results/web/pay-*.png; axe-core
// with no serious or critical violation on each page (the tracking page before / after, the gateway's page).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { sql } from 'kysely';
import { HAS_CHROMIUM, ensureWebBuilt, launch, LONG_SESSIONS, newContext, shot, signIn, SKIP_REASON } from './browser.js';
import { describeFindings, seriousViolations, type AxeFinding } from './axe.js';
import { queryPendingPayments } from '../../src/modules/payments/payments.service.js';
import { dossierAwaitingPayment, eventually, setMode, signed, startPaymentWorld, type PaymentWorld } from '../payments/helpers.js';

if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

const PHONE = { width: 360, height: 740 };
let w: PaymentWorld;
let browser: Browser;
const findings: AxeFinding[] = [];

async function phonePage(): Promise<Page> {
  const ctx = await newContext(browser, { baseURL: w.t.url, viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => { throw new Error(`page error: ${e.message}`); });
  return page;
}

async function look(page: Page, name: string) {
  await shot(page, `pay-${name}`);
  findings.push(...(await seriousViolations(page, name)));
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${name}: wider than the screen`).toBeLessThanOrEqual(0);
}

const confirmEvents = async (code: string) =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id WHERE d.code = ${code} AND e.action = 'confirm_payment'`.execute(w.t.ctx.db)).rows[0]!.n);

describe.skipIf(!HAS_CHROMIUM)('online payment from the tracking page (360×740)', () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    w = await startPaymentWorld(LONG_SESSIONS);
    browser = await launch();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await w?.close();
  });

  it('pays through the gateway, comes back paid, gets the receipt; a repeated callback changes nothing, a forged one is refused', async () => {
    const d = await dossierAwaitingPayment(w, 50_000);
    const page = await phonePage();
    await page.goto(`/tra-cuu?code=${encodeURIComponent(d.code)}&secret=${encodeURIComponent(d.secret)}`);
    const section = page.getByRole('region', { name: 'Thanh toán phí, lệ phí' });
    await section.waitFor();
    await expect.poll(() => section.locator('#pay-total').textContent()).toContain('50.000');
    await look(page, 'owed');

    await section.getByRole('button', { name: 'Thanh toán trực tuyến' }).click();
    await page.waitForURL(`${w.sim.url}/pay/**`);
    await page.getByRole('button', { name: 'Thanh toán', exact: true }).waitFor();
    expect(await page.locator('#sim-total').textContent()).toContain('50.000');
    await look(page, 'gateway');

    await page.getByRole('button', { name: 'Thanh toán', exact: true }).click();
    await page.waitForURL(/\/tra-cuu\?code=.*thanh-toan=paid/);
    const back = page.getByRole('region', { name: 'Thanh toán phí, lệ phí' });
    await back.getByRole('status').filter({ hasText: 'Thanh toán thành công' }).waitFor();
    const link = back.getByRole('link', { name: 'Tải biên lai điện tử (PDF)' });
    await link.waitFor();
    await look(page, 'paid');
    const receipt = await page.request.get(new URL((await link.getAttribute('href'))!, w.t.url).toString());
    expect(receipt.status()).toBe(200);
    expect(receipt.headers()['content-type']).toBe('application/pdf');
    expect((await receipt.body()).subarray(0, 5).toString()).toBe('%PDF-');
    // the status shown is no longer "chờ thanh toán"
    await expect.poll(() => page.locator('.c-status').textContent()).not.toContain('nghĩa vụ tài chính');

    // the gateway's callback, sent again as it was (a retry): nothing changes
    const sent = await eventually(() => w.sim.state.sent.filter((x) => x.fields.status === 'paid' && x.url.includes('/callback/')), (x) => x.length > 0);
    const last = sent[sent.length - 1]!.fields;
    const again = await w.t.client().post('/api/v1/payments/callback/simulated', last);
    expect(again.body).toEqual({ ok: true, outcome: 'duplicate' });
    expect(await confirmEvents(d.code)).toBe(1);
    // forged: the same message with a changed amount, or signed with a guessed key
    const forged = await w.t.client().post('/api/v1/payments/callback/simulated', { ...last, amount: '5000' });
    expect(forged.status).toBe(401);
    const guessed = await w.t.client().post('/api/v1/payments/callback/simulated', signed({ ...last, signature: '' }, 'guess'));
    expect(guessed.body).toEqual({ ok: false, outcome: 'forged' });
    expect(await confirmEvents(d.code)).toBe(1);
    await page.context().close();
  });

  it('a payment whose callback never arrives waits, and the status query settles it', async () => {
    const d = await dossierAwaitingPayment(w, 20_000);
    await setMode(w, 'no_callback');
    const page = await phonePage();
    await page.goto(`/tra-cuu?code=${encodeURIComponent(d.code)}&secret=${encodeURIComponent(d.secret)}`);
    await page.getByRole('button', { name: 'Thanh toán trực tuyến' }).click();
    await page.waitForURL(`${w.sim.url}/pay/**`);
    // the return is lost too (the citizen closed the phone): the status query is the only channel left
    await page.goto(`/tra-cuu?code=${encodeURIComponent(d.code)}&secret=${encodeURIComponent(d.secret)}`);
    const paidAtGateway = await fetch(page.url().replace(/.*/, `${w.sim.url}/pay/${[...w.sim.state.orders.keys()].pop()}`), {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'action=pay', redirect: 'manual',
    });
    expect(paidAtGateway.status).toBe(303);
    await setMode(w, 'normal');
    await page.reload();
    const section = page.getByRole('region', { name: 'Thanh toán phí, lệ phí' });
    await section.getByText('Chờ thanh toán').waitFor();
    await look(page, 'pending');
    w.t.clock.advance(16 * 60_000);
    expect((await queryPendingPayments(w.t.ctx)).paid).toBe(1);
    await page.reload();
    await section.getByRole('link', { name: 'Tải biên lai điện tử (PDF)' }).waitFor();
    await look(page, 'settled-by-query');
    expect(await confirmEvents(d.code)).toBe(1);
    await page.context().close();
  });

  it("the cashier's page lists the payments by status with their receipts, and downloads the reconciliation", async () => {
    const desk = await signIn(browser, w.t.url, 'demo.thuphi');
    const page = desk.page;
    await page.getByRole('link', { name: 'Thu phí' }).click();
    await page.getByRole('heading', { name: 'Thu phí, lệ phí trực tuyến' }).waitFor();
    await page.getByRole('button', { name: /^Đã thanh toán \(2\)$/ }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(2);
    expect(await page.locator('tbody').textContent()).toContain('BLDT-26-');
    await shot(page, 'pay-cashier');
    findings.push(...(await seriousViolations(page, 'cashier')));
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải báo cáo đối soát (Excel)' }).click()]);
    expect(file.suggestedFilename()).toMatch(/^doi-soat-\d{4}-\d{2}-\d{2}\.xlsx$/);
    await desk.ctx.close();
  });

  it('no serious or critical accessibility violation on the payment pages', () => {
    expect(findings, describeFindings(findings)).toEqual([]);
  });
});
