// Browser-test helpers: build the web app if needed, start Debian's Chromium through playwright-core
// against the real server (startTestApp, PGlite by default), sign in through the UI, screenshots.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { startTestApp, type TestApp } from '../helpers.js';

export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const SKIP_REASON = `Debian chromium is not installed at ${CHROMIUM} (apt-get install --no-install-recommends chromium): browser tests skipped`;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WEB = join(ROOT, 'web');
export const SHOTS = join(ROOT, 'test-results', 'web');

function newest(dir: string): number {
  let m = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    m = Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return m;
}

/** Builds web/dist when it is missing or older than web/src (one build at a time across test files). */
export async function ensureWebBuilt(): Promise<void> {
  const index = join(WEB, 'dist', 'index.html');
  const stale = () => !existsSync(index) || statSync(index).mtimeMs < Math.max(newest(join(WEB, 'src')), statSync(join(WEB, 'index.html')).mtimeMs, statSync(join(WEB, 'citizen.html')).mtimeMs, statSync(join(WEB, 'vite.config.ts')).mtimeMs);
  if (!stale()) return;
  const lock = join(WEB, '.build-lock');
  for (let i = 0; ; i++) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // a lock left by a killed run (older than 3 minutes) is taken over
      try {
        if (Date.now() - statSync(lock).mtimeMs > 180_000) { rmdirSync(lock); continue; }
      } catch { /* released meanwhile */ }
      if (i > 240) throw new Error('web build lock held too long');
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    // a production build whatever the test runner's NODE_ENV (vitest sets 'test': React's development build)
    if (stale()) execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(WEB, 'vite.config.ts'), '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  } finally {
    rmdirSync(lock);
  }
}

/**
 * The environment for Chromium without faketime's preload: Debian's /usr/bin/chromium is a shell script
 * that breaks when it inherits libfaketime. The page's clock is set from this process instead (newContext).
 */
function browserEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, LANG: 'vi_VN.UTF-8', LANGUAGE: 'vi' };
  for (const k of Object.keys(env)) if (k === 'LD_PRELOAD' || k.startsWith('FAKETIME') || k.startsWith('DYLD_')) delete env[k];
  return env;
}

/** Sessions that outlive a browser suite (it runs for minutes on a loaded machine). */
export const LONG_SESSIONS = { MOTCUA_SESSION_TTL_MINUTES: '600', MOTCUA_SESSION_IDLE_MINUTES: '600' };

/** What a browser suite starts with: the web app built, a test app with long sessions, Chromium. */
export async function startBrowserSuite(): Promise<{ t: TestApp; browser: Browser }> {
  await ensureWebBuilt();
  const t = await startTestApp({ env: LONG_SESSIONS });
  return { t, browser: await launch() };
}

export async function stopBrowserSuite(s: { t?: TestApp; browser?: Browser }): Promise<void> {
  await s.browser?.close();
  await s.t?.close();
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    env: browserEnv(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--lang=vi-VN'],
  });
}

export interface Desk {
  ctx: BrowserContext;
  page: Page;
}

/** What the browser refused under the app's Content-Security-Policy, in every page of every context. */
export const cspViolations: string[] = [];

/**
 * A browser context whose pages share this test process's notion of "now" (which faketime may have moved):
 * the web app computes "today", "this month" and remaining working time in the browser, and must agree
 * with the server it talks to.
 */
export async function newContext(browser: Browser, opts: BrowserContextOptions = {}): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', ...opts });
  await ctx.clock.install({ time: new Date() });
  ctx.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  return ctx;
}

/** A browser context for one official, signed in through the sign-in page. */
export async function signIn(browser: Browser, base: string, username: string, opts: { lang?: 'vi' | 'en'; viewport?: { width: number; height: number } } = {}): Promise<Desk> {
  const ctx = await newContext(browser, { baseURL: base, viewport: opts.viewport ?? { width: 1366, height: 768 } });
  if (opts.lang === 'en') await ctx.addInitScript(() => localStorage.setItem('motcua.lang', 'en'));
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error(`[browser ${username}]`, e.message));
  await page.goto('/can-bo');
  await page.getByLabel(opts.lang === 'en' ? 'Username' : 'Tên đăng nhập').fill(username);
  await page.getByLabel(opts.lang === 'en' ? 'Password' : 'Mật khẩu').fill('motcua-demo');
  await page.getByRole('button', { name: opts.lang === 'en' ? 'Sign in' : 'Đăng nhập', exact: true }).click();
  await expect.poll(() => page.getByRole('navigation').count(), { timeout: 15_000 }).toBeGreaterThan(0);
  return { ctx, page };
}

export async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

/** Opens a dossier from the inbox tab by its code and waits for its page. */
export async function openFromInbox(page: Page, tab: 'Của tôi' | 'Chờ nhận xử lý' | 'Tất cả trong phạm vi', code: string): Promise<void> {
  await page.getByRole('link', { name: 'Hồ sơ', exact: true }).click();
  await page.getByRole('tab', { name: tab }).click();
  await page.getByRole('link', { name: code, exact: true }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(code);
}

/** Clicks an allowed-action button, fills the dialog's fields (by label) and performs it. */
export async function act(page: Page, action: string, fields: Record<string, string> = {}, selects: Record<string, string> = {}, file?: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await page.locator(`button[data-action="${action}"]`).click();
  const dlg = page.getByRole('dialog');
  await dlg.waitFor();
  for (const [label, value] of Object.entries(fields)) await dlg.getByLabel(label, { exact: false }).first().fill(value);
  for (const [label, value] of Object.entries(selects)) await dlg.getByLabel(label, { exact: false }).first().selectOption(value);
  if (file) {
    await dlg.locator('input[type=file]:not([capture])').setInputFiles(file);
    await dlg.getByText(file.name).waitFor();
  }
  const reloaded = page.waitForResponse((r) => r.url().includes('/allowed-actions') && r.request().method() === 'GET', { timeout: 15_000 });
  await dlg.getByRole('button', { name: 'Thực hiện' }).click();
  await dlg.waitFor({ state: 'detached', timeout: 15_000 });
  await reloaded;
  await page.getByRole('status').filter({ hasText: 'Đã thực hiện' }).waitFor();
}
