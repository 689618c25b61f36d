// The citizen portal in Chromium at 360×740 (a small phone): every page looked at (screenshots in
// test-results/web/citizen-*.png), axe-core with no serious or critical violation on any of them, the
// first-load size of the home page (gzip bytes on the wire, budget 150 KB) and its load time on an
// emulated slow 3G link (400 kbps, 400 ms latency: reported, not asserted), the English toggle, the tracking
// page's error summary that links to the fields and keeps what was typed, and the receipt's QR link.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../helpers.js';
import { HAS_CHROMIUM, newContext, shot, SKIP_REASON, startBrowserSuite, stopBrowserSuite } from './browser.js';
import { describeFindings, seriousViolations, type AxeFinding } from './axe.js';
import { STP } from '../dossiers/fixtures.js';

if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

const PHONE = { width: 360, height: 740 };
/** The 18 common procedures of /work/shared/data/tthc/tthc_sample_18_common.json, plus a few of other shapes. */
const COMMON = ['1.001193', '1.000894', '1.000656', '1.004873', '2.000815', '2.000884', '1.004222', '1.004194', '1.001612', '2.000720', '1.001570', '1.001266', '1.012753', '1.013225', '2.001263', '3.000333', '2.000200', '1.001194'];
const OTHERS = ['1.009832', '1.000419'];

let s: { t: TestApp; browser: Browser };
const findings: AxeFinding[] = [];
const checked: string[] = [];

async function phonePage(lang: 'vi' | 'en' = 'vi'): Promise<Page> {
  const ctx = await newContext(s.browser, { baseURL: s.t.url, viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
  if (lang === 'en') await ctx.addInitScript(() => localStorage.setItem('motcua.lang', 'en'));
  const page = await ctx.newPage();
  page.on('pageerror', (e) => { throw new Error(`page error: ${e.message}`); });
  return page;
}

/** Looks at the page: a screenshot, axe, nothing wider than the phone. */
async function check(page: Page, name: string): Promise<void> {
  await shot(page, `citizen-${name}`);
  await shot(page, `citizen-${name}-top`, false);
  findings.push(...(await seriousViolations(page, name)));
  checked.push(name);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name}: wider than the screen`).toBeLessThanOrEqual(0);
}

describe.skipIf(!HAS_CHROMIUM)('citizen portal (360×740)', () => {
  beforeAll(async () => { s = await startBrowserSuite(); }, 300_000);
  afterAll(async () => {
    await stopBrowserSuite(s);
  });

  it('first load of the home page: gzip bytes under 150 KB, and its time on slow 3G (reported)', async () => {
    const ctx = await newContext(s.browser, { baseURL: s.t.url, viewport: PHONE });
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const bytes = new Map<string, { url: string; encoded: number; encoding: string }>();
    const urls = new Map<string, string>();
    cdp.on('Network.responseReceived', (e) => { urls.set(e.requestId, `${e.response.url} ${e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? ''}`); });
    cdp.on('Network.loadingFinished', (e) => { const [url = '', encoding = ''] = (urls.get(e.requestId) ?? '').split(' '); bytes.set(e.requestId, { url, encoded: e.encodedDataLength, encoding }); });
    // gzip only (what every client accepts; brotli is smaller still)
    await ctx.setExtraHTTPHeaders({ 'accept-encoding': 'gzip' });
    await page.goto('/', { waitUntil: 'networkidle' });
    await page.getByRole('searchbox').waitFor();
    const list = [...bytes.values()];
    const total = list.reduce((n, x) => n + x.encoded, 0);
    console.log(`citizen home first load (gzip, on the wire): ${total} bytes in ${list.length} requests\n${list.map((x) => `  ${x.encoded}\t${x.encoding || '-'}\t${x.url.replace(s.t.url, '')}`).join('\n')}`);
    for (const x of list) if (/\.(js|css)$/.test(x.url)) expect(x.encoding, x.url).toBe('gzip');
    expect(total).toBeLessThan(150 * 1024);

    // slow 3G: 400 kbps down and up, 400 ms round trip, cache off
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 400, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8 });
    await ctx.setExtraHTTPHeaders({});
    const t0 = performance.now();
    await page.goto('/', { waitUntil: 'commit' });
    await page.getByRole('searchbox').waitFor({ timeout: 60_000 });
    const usable = performance.now() - t0;
    await page.waitForLoadState('load');
    const loaded = performance.now() - t0;
    await page.locator('.c-grid a').first().waitFor({ timeout: 60_000 });
    const withData = performance.now() - t0;
    console.log(`citizen home on slow 3G (400 kbps, 400 ms; Chromium's own accept-encoding: br): search box usable after ${Math.round(usable)} ms, load event ${Math.round(loaded)} ms, fields list shown ${Math.round(withData)} ms`);
    await ctx.close();
  });

  it('home, search without diacritics, browse by field / level / agency, not found', async () => {
    const page = await phonePage();
    await page.goto('/');
    await page.locator('.c-grid a').first().waitFor();
    await check(page, '01-home');
    await page.getByRole('searchbox', { name: 'Tìm thủ tục hành chính' }).fill('dang ky khai sinh');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.getByRole('link', { name: /Thủ tục đăng ký khai sinh/ }).first().waitFor();
    expect(page.url()).toContain('/thu-tuc?q=dang%20ky%20khai%20sinh');
    await check(page, '02-search');
    // a count past the search's cap reads "1.000+" (vi-VN), and the pager still offers the next page
    await page.goto('/thu-tuc?level=province');
    await page.getByText('1.000+ thủ tục').waitFor();
    await page.getByText('Trang 1 / 50+').waitFor();
    for (const [by, expectText] of [['field', 'Hộ tịch'], ['level', 'Cấp xã'], ['agency', 'Sở Tư pháp']] as const) {
      await page.goto(`/danh-muc?by=${by}`);
      await page.getByText(new RegExp(expectText)).first().waitFor();
      await check(page, `03-browse-${by}`);
    }
    // by agency: open Sở Tư pháp's fields, then one field's procedures
    await page.locator('summary', { hasText: /Sở Tư pháp/ }).first().click();
    await check(page, '03-browse-agency-open');
    await page.locator('details[open] .c-grid a').first().click();
    await page.getByText('Đang lọc').waitFor();
    await page.locator('.c-card').first().waitFor();
    await check(page, '04-agency-results');
    await page.goto('/khong-co-trang-nay');
    await page.getByRole('heading', { name: 'Không tìm thấy trang' }).waitFor();
    await check(page, '05-not-found');
    await page.context().close();
  });

  it('the page of each common procedure (and a few others) shows its record', async () => {
    const page = await phonePage();
    for (const code of [...COMMON, ...OTHERS]) {
      const p = (await s.t.client().get(`/api/v1/procedures/${code}`)).body;
      await page.goto(`/thu-tuc/${code}`);
      await page.getByRole('heading', { level: 1, name: p.name }).waitFor();
      const text = await page.locator('main').innerText();
      expect(text).toContain(code);
      for (const ch of p.channels) expect(await page.locator(`[data-channel="${ch.kind}"]`).count(), `${code} ${ch.kind}`).toBe(p.channels.filter((x: { kind: string }) => x.kind === ch.kind).length);
      expect(await page.locator(`[data-online="${p.onlineLevel}"]`).count()).toBe(1);
      if (p.legalBasis.length) expect(text).toContain(p.legalBasis[0].title.slice(0, 15));
      await check(page, `10-procedure-${code}`);
    }
    await page.goto('/thu-tuc/9.999999');
    await page.getByRole('heading', { name: /Không tìm thấy thủ tục 9.999999/ }).waitFor();
    await page.context().close();
  }, 600_000);

  it('tracking: error summary linked to the fields, input kept on a failed lookup, the QR link, the result', async () => {
    const desk = await s.t.login('demo.tiepnhan');
    const r = await desk.post('/api/v1/dossiers', {
      procedureCode: '1.009832', competentAgencyCode: STP, channel: 1,
      applicant: { kind: 'individual', fullName: 'Lò Thị Mai', idNumber: '038195012345', phone: '0912345678' },
      components: [{ name: 'Đơn đề nghị', provided: true, form: 'original', copies: 1 }], delivery: { method: 'counter' },
    }, { 'idempotency-key': randomUUID() });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const code: string = r.body.dossier.code;
    const secret: string = r.body.receipt.secret;

    const page = await phonePage();
    await page.goto('/tra-cuu');
    await check(page, '20-track');
    await page.locator('#track-code').fill(code);
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    const summary = page.getByRole('alert');
    await summary.waitFor();
    expect(await summary.innerText()).toContain('Nhập mã tra cứu');
    await check(page, '21-track-errors');
    await summary.getByRole('link', { name: 'Nhập mã tra cứu' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('track-secret');
    expect(await page.locator('#track-code').inputValue()).toBe(code); // nothing lost
    await page.locator('#track-secret').fill('ABCDE FGHJK LMNPQ');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByRole('alert').filter({ hasText: 'Không tìm thấy hồ sơ' }).waitFor();
    expect(await page.locator('#track-code').inputValue()).toBe(code);
    expect(await page.locator('#track-secret').inputValue()).toBe('ABCDE FGHJK LMNPQ');
    await check(page, '22-track-not-found');
    await page.locator('#track-secret').fill(secret.toLowerCase());
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByRole('heading', { name: code }).waitFor();
    const text = await page.locator('.c-result').innerText();
    expect(text).toContain('Được tiếp nhận');
    expect(text).toContain('Bạn cần làm gì bây giờ');
    expect(text).toContain('Quá trình giải quyết');
    expect(text).not.toContain('Lò Thị Mai'); // nothing personal beyond the receipt's
    expect(text).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    await check(page, '23-track-result');
    // the receipt's QR link opens the same page and looks up at once
    await page.goto(`/tra-cuu?code=${encodeURIComponent(code)}&secret=${encodeURIComponent(secret)}`);
    await page.getByRole('heading', { name: code }).waitFor();
    await page.context().close();
  });

  it('in English through the toggle, and back', async () => {
    const page = await phonePage();
    await page.goto('/');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('searchbox', { name: 'Find an administrative procedure' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.locator('.c-grid a').first().waitFor();
    await check(page, '30-home-en');
    await page.goto('/thu-tuc/1.001193');
    await page.getByRole('heading', { name: 'How to file, time limit and fees' }).waitFor();
    await check(page, '31-procedure-en');
    await page.goto('/tra-cuu');
    await page.getByRole('button', { name: 'Track' }).click();
    await page.getByRole('alert').filter({ hasText: 'Type the dossier code' }).waitFor();
    await check(page, '32-track-errors-en');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('heading', { name: 'Tra cứu hồ sơ' }).waitFor();
    await page.context().close();
  });

  it('axe-core: no serious or critical violation on any citizen page', () => {
    console.log(`axe-core over ${checked.length} citizen pages (${checked.join(', ')}): ${findings.length} serious/critical violations`);
    expect(findings, describeFindings(findings)).toEqual([]);
  });
});
