// axe-core over the officials' main pages (signed in as the demo users): no serious or critical violation.
// Also checks that the officials' workspace lives under /can-bo and that an old link (/inbox) lands there.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers.js';
import { HAS_CHROMIUM, newContext, shot, signIn, SKIP_REASON, startBrowserSuite, stopBrowserSuite } from './browser.js';
import { describeFindings, seriousViolations, type AxeFinding } from './axe.js';
import { STP } from '../dossiers/fixtures.js';

if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

let s: { t: TestApp; browser: Browser };
const findings: AxeFinding[] = [];
const checked: string[] = [];

describe.skipIf(!HAS_CHROMIUM)('officials\' workspace: axe-core', () => {
  beforeAll(async () => { s = await startBrowserSuite(); }, 300_000);
  afterAll(async () => { await stopBrowserSuite(s); });

  it('sign-in page', async () => {
    const ctx = await newContext(s.browser, { baseURL: s.t.url });
    const page = await ctx.newPage();
    await page.goto('/can-bo');
    await page.getByLabel('Tên đăng nhập').waitFor();
    findings.push(...(await seriousViolations(page, 'sign-in')));
    checked.push('sign-in');
    await ctx.close();
  });

  it('reception, inbox, a dossier (reception officer); old links redirect under /can-bo', async () => {
    const d = await signIn(s.browser, s.t.url, 'demo.tiepnhan');
    await d.page.getByRole('heading', { name: 'Tiếp nhận hồ sơ' }).waitFor();
    expect(new URL(d.page.url()).pathname).toBe('/can-bo/reception');
    findings.push(...(await seriousViolations(d.page, 'reception')));
    await d.page.goto('/inbox?tab=all'); // an old link
    expect(new URL(d.page.url()).pathname).toBe('/can-bo/inbox');
    await d.page.getByRole('tablist').waitFor();
    await d.page.waitForLoadState('networkidle');
    findings.push(...(await seriousViolations(d.page, 'inbox')));
    checked.push('reception', 'inbox');
    const desk = await s.t.login('demo.tiepnhan');
    const r = await desk.post('/api/v1/dossiers', {
      procedureCode: '1.009832', competentAgencyCode: STP, channel: 1,
      applicant: { kind: 'individual', fullName: 'Hà Văn Nam', idNumber: '038195012346', phone: '0912345679' },
      components: [{ name: 'Đơn đề nghị', provided: true, form: 'original', copies: 1 }], delivery: { method: 'counter' },
    }, { 'idempotency-key': randomUUID() });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    await d.page.goto(`/dossiers/${encodeURIComponent(r.body.dossier.code)}`); // an old link
    expect(new URL(d.page.url()).pathname).toMatch(/^\/can-bo\/dossiers\//);
    await d.page.getByRole('heading', { level: 1 }).filter({ hasText: r.body.dossier.code }).waitFor();
    await d.page.locator('button[data-action]').first().waitFor();
    findings.push(...(await seriousViolations(d.page, 'dossier')));
    checked.push('dossier');
    await d.ctx.close();
  });

  it('dashboard (leader)', async () => {
    const d = await signIn(s.browser, s.t.url, 'demo.lanhdao');
    await d.page.goto('/can-bo/dashboard');
    await d.page.locator('[data-testid], .kpi').first().waitFor();
    await d.page.waitForLoadState('networkidle');
    await shot(d.page, 'axe-dashboard');
    findings.push(...(await seriousViolations(d.page, 'dashboard')));
    checked.push('dashboard');
    await d.ctx.close();
  });

  it('administration (admin)', async () => {
    const d = await signIn(s.browser, s.t.url, 'demo.admin');
    for (const tab of ['users', 'procedures', 'holidays', 'ratingCriteria']) {
      await d.page.goto(`/can-bo/admin/${tab}`);
      await d.page.getByRole('tablist').waitFor();
      await d.page.waitForLoadState('networkidle');
      findings.push(...(await seriousViolations(d.page, `admin-${tab}`)));
      checked.push(`admin-${tab}`);
    }
    await d.ctx.close();
  });

  it('first load of the workspace, signed in (gzip on the wire): under 300 KB, dashboard and admin code not loaded', async () => {
    const d = await signIn(s.browser, s.t.url, 'demo.chuyenvien');
    const cdp = await d.ctx.newCDPSession(d.page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const urls = new Map<string, string>();
    const loaded: { url: string; encoded: number }[] = [];
    cdp.on('Network.responseReceived', (e) => { urls.set(e.requestId, e.response.url); });
    cdp.on('Network.loadingFinished', (e) => { loaded.push({ url: urls.get(e.requestId) ?? '', encoded: e.encodedDataLength }); });
    await d.ctx.setExtraHTTPHeaders({ 'accept-encoding': 'gzip' }); // what every client accepts; brotli is smaller
    await d.page.goto('/can-bo/inbox', { waitUntil: 'networkidle' });
    await d.page.getByRole('tablist').waitFor();
    const total = loaded.reduce((n, x) => n + x.encoded, 0);
    console.log(`officials' inbox first load (gzip, on the wire, signed in): ${total} bytes in ${loaded.length} requests\n${loaded.map((x) => `  ${x.encoded}\t${x.url.replace(s.t.url, '')}`).join('\n')}`);
    expect(total).toBeLessThan(300 * 1024);
    const assets = loaded.map((x) => x.url).filter((u) => u.includes('/assets/'));
    expect(assets.some((u) => /\/assets\/officials-[^/]+\.js$/.test(u))).toBe(true);
    expect(assets.filter((u) => /\/assets\/(Dashboard|Admin)-/.test(u))).toEqual([]);
    await d.ctx.close();
  });

  it('no serious or critical violation', () => {
    console.log(`axe-core over ${checked.length} officials' pages (${checked.join(', ')}): ${findings.length} serious/critical violations\n${describeFindings(findings)}`);
    expect(findings, describeFindings(findings)).toEqual([]);
  });
});
