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
    for (const tab of ['users', 'procedures', 'holidays']) {
      await d.page.goto(`/can-bo/admin/${tab}`);
      await d.page.getByRole('tablist').waitFor();
      await d.page.waitForLoadState('networkidle');
      findings.push(...(await seriousViolations(d.page, `admin-${tab}`)));
      checked.push(`admin-${tab}`);
    }
    await d.ctx.close();
  });

  it('no serious or critical violation', () => {
    console.log(`axe-core over ${checked.length} officials' pages (${checked.join(', ')}): ${findings.length} serious/critical violations\n${describeFindings(findings)}`);
    expect(findings, describeFindings(findings)).toEqual([]);
  });
});
