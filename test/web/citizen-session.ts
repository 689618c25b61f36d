// Citizen browser-test helpers: a test app with a local SMTP server for the sign-in codes, a phone-sized
// browser context, signing in through the portal's sign-in page, and handing that session to the test's own
// HTTP client (the same cookie and CSRF token).
import type { BrowserContext, Page } from 'playwright-core';
import { outboxHandlers } from '../../src/app.js';
import { deliverDue } from '../../src/platform/outbox/outbox.js';
import { startTestApp, type HttpClient, type TestApp } from '../helpers.js';
import { startSmtpSink, type SmtpSink } from '../notifications/smtp-sink.js';
import { LONG_SESSIONS, ensureWebBuilt, launch, newContext } from './browser.js';
import type { Browser } from 'playwright-core';

export const PHONE = { width: 360, height: 740 };

export interface CitizenSuite {
  t: TestApp;
  smtp: SmtpSink;
  browser: Browser;
}

/** The web app built, an SMTP sink, a test app mailing codes to it with long citizen sessions, Chromium. */
export async function startCitizenSuite(env: Record<string, string> = {}, opts: Parameters<typeof startTestApp>[0] = {}): Promise<CitizenSuite> {
  await ensureWebBuilt();
  const smtp = await startSmtpSink();
  const t = await startTestApp({ ...opts, env: { ...LONG_SESSIONS, MOTCUA_SMTP_URL: smtp.url, MOTCUA_CITIZEN_SESSION_TTL_MINUTES: '600', MOTCUA_CITIZEN_SESSION_IDLE_MINUTES: '600', ...env } });
  return { t, smtp, browser: await launch() };
}

export async function stopCitizenSuite(s: Partial<CitizenSuite>): Promise<void> {
  await s.browser?.close();
  await s.t?.close();
  await s.smtp?.close();
}

/** A phone-sized context (360×740, touch) and its page; a page error fails the test. */
export async function phonePage(s: CitizenSuite, opts: { acceptDownloads?: boolean } = {}): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await newContext(s.browser, { baseURL: s.t.url, viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 1, ...opts });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => { throw new Error(`page error: ${e.message}`); });
  return { ctx, page };
}

/** The last six-digit code mailed to `email` after `before` messages, delivering the outbox until it comes. */
export async function mailedCode(s: CitizenSuite, email: string, before = 0): Promise<string> {
  const mine = () => s.smtp.received.filter((m) => JSON.stringify(m.to).includes(email));
  for (let i = 0; i < 100 && mine().length <= before; i++) {
    await deliverDue(s.t.ctx, outboxHandlers);
    if (mine().length <= before) await new Promise((r) => setTimeout(r, 100));
  }
  const last = mine().at(-1);
  if (!last || mine().length <= before) throw new Error(`no sign-in code reached ${email}`);
  return /\b(\d{6})\b/.exec(last.text ?? '')![1]!;
}

/**
 * Signs in on the portal's sign-in page (already open: /dang-nhap?next=…) with the code mailed to `email`.
 * `beforeSubmit` runs with the code typed (a screenshot, axe). Returns when the sign-in button was pressed.
 */
export async function signInOnPage(s: CitizenSuite, page: Page, email: string, beforeSubmit?: () => Promise<void>): Promise<void> {
  const before = s.smtp.received.filter((m) => JSON.stringify(m.to).includes(email)).length;
  await page.getByLabel('Số điện thoại di động hoặc thư điện tử').fill(email);
  await page.getByRole('button', { name: 'Gửi mã xác thực' }).click();
  await page.getByLabel('Mã xác thực').fill(await mailedCode(s, email, before));
  await beforeSubmit?.();
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
}

/** The browser's citizen session on the test's HTTP client (cookies and the CSRF token). */
export async function shareSession(ctx: BrowserContext, http: HttpClient): Promise<void> {
  for (const c of await ctx.cookies()) http.cookies.set(c.name, c.value);
  http.csrf = (await http.get('/api/v1/citizen/session')).body.csrfToken;
}
