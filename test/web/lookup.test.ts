// The citizen's lookup page that the receipt's QR code opens: no sign-in, code + secret, the status shown.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers.js';
import { ensureWebBuilt, HAS_CHROMIUM, launch, newContext, shot, SKIP_REASON } from './browser.js';

if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

let t: TestApp;
let browser: Browser;

describe.skipIf(!HAS_CHROMIUM)('public lookup page /tra-cuu', () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    t = await startTestApp();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the status of a dossier from the QR link, and a clear message for a wrong secret', async () => {
    const desk = await t.login('demo.tiepnhan');
    const r = await desk.post('/api/v1/dossiers', {
      procedureCode: '1.009832', competentAgencyCode: '000.00.02.H56', channel: 1,
      applicant: { kind: 'individual', fullName: 'Vương Thị Ánh Tuyết', idNumber: '038195012345', phone: '0912345678' },
      components: [{ name: 'Đơn đề nghị', provided: true, form: 'original', copies: 1 }], delivery: { method: 'counter' },
    }, { 'idempotency-key': randomUUID() });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const { code } = r.body.dossier;
    const secret = r.body.receipt.secret;
    const page = await (await newContext(browser)).newPage();
    await page.goto(`${t.url}/tra-cuu?code=${encodeURIComponent(code)}&secret=${encodeURIComponent(secret)}`);
    await page.getByRole('heading', { name: code }).waitFor();
    const text = await page.locator('.lookup-result').innerText();
    expect(text).toContain('Được tiếp nhận');
    expect(text).toContain('Cấp lại thẻ giám định viên tư pháp cấp tỉnh');
    expect(text).not.toContain('Vương Thị Ánh Tuyết'); // no personal data beyond the receipt's
    await shot(page, 'tra-cuu');
    await page.goto(`${t.url}/tra-cuu?code=${encodeURIComponent(code)}&secret=sai-ma`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Không tìm thấy hồ sơ');
    await page.close();
  });
});
