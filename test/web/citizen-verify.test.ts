// The public verify page (/xac-thuc) in Chromium on a phone (360×740): opened with ?sha256= of a result
// issued on a dossier of the bundled catalogue it says "Văn bản hợp lệ" with the dossier code, procedure,
// agency, number, date dd/mm/yyyy and signer; the citizen picks the PDF instead and the page hashes it in
// the browser (crypto.subtle) — the file is never uploaded; a changed copy is "Không tìm thấy"; a malformed
// hash is an error on the field. Screenshots in test-results/web/verify-*.png, axe-core on each state.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { HttpClient } from '../helpers.js';
import { testPki } from '../documents/pki.js';
import { RESULT_OFFICIALS, issuedResult, samplePdf } from '../documents/issued-result.js';
import { HAS_CHROMIUM, SKIP_REASON, shot } from './browser.js';
import { describeFindings, seriousViolations, type AxeFinding } from './axe.js';
import { phonePage, startCitizenSuite, stopCitizenSuite, type CitizenSuite } from './citizen-session.js';

if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

describe.skipIf(!HAS_CHROMIUM)('the verify page on a phone (360×740)', () => {
  let s: CitizenSuite;
  let page: Page;
  const u: Record<string, HttpClient> = {};
  const findings: AxeFinding[] = [];
  const pkiDir = mkdtempSync(join(tmpdir(), 'motcua-pki-'));
  let result: Awaited<ReturnType<typeof issuedResult>>;
  let signedPdf: Buffer;

  async function look(name: string) {
    await shot(page, `verify-${name}`);
    findings.push(...(await seriousViolations(page, name)));
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${name}: wider than the screen`).toBeLessThanOrEqual(0);
  }

  beforeAll(async () => {
    // the certificate is valid around this process's clock, which the app also uses
    const pki = testPki(new Date());
    writeFileSync(join(pkiDir, 'default.p12'), pki.issue('Sở Tư pháp tỉnh Thanh Hóa', 'UBND tỉnh Thanh Hóa', { serial: '5103' }).p12('bí-mật'));
    s = await startCitizenSuite({ MOTCUA_SIGNING_P12: join(pkiDir, 'default.p12'), MOTCUA_SIGNING_PASSWORD: 'bí-mật' });
    for (const name of RESULT_OFFICIALS) u[name] = await s.t.login(name);
    result = await issuedResult(u, { number: '15/QĐ-STP', date: '2026-11-23', signer: 'Phạm Quốc Hưng', title: 'Quyết định cấp phép' }, await samplePdf(u['demo.tiepnhan']!));
    const f = await fetch(`${s.t.url}/api/v1/files/${result.fileId}`, { headers: { cookie: [...u['demo.vanthu']!.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    signedPdf = Buffer.from(await f.arrayBuffer());
    ({ page } = await phonePage(s));
  }, 300_000);
  afterAll(async () => {
    await stopCitizenSuite(s ?? {});
    rmSync(pkiDir, { recursive: true, force: true });
  });

  it('opened from the verify link: the result, its date dd/mm/yyyy and signer', async () => {
    await page.goto(`/xac-thuc?sha256=${result.sha256}`);
    const answer = page.getByTestId('verify-result');
    await expect.poll(() => answer.textContent(), { timeout: 20_000 }).toContain('Văn bản hợp lệ');
    const text = (await answer.textContent())!;
    expect(text).toContain(result.code);
    expect(text).toContain('23/11/2026');
    expect(text).toContain('Phạm Quốc Hưng');
    expect(text).toContain('15/QĐ-STP');
    expect(text).not.toContain('Nguyễn Thị Bích Ngọc');
    await look('found');
  }, 120_000);

  it('a picked PDF is hashed in the browser and never uploaded; a changed copy is not found', async () => {
    await page.goto('/xac-thuc');
    await page.getByRole('heading', { level: 1, name: 'Xác thực văn bản điện tử' }).waitFor();
    const uploads: string[] = [];
    page.on('request', (r) => { if (r.method() !== 'GET') uploads.push(r.url()); });
    await page.locator('#verify-file').setInputFiles({ name: 'ket-qua.pdf', mimeType: 'application/pdf', buffer: signedPdf });
    const answer = page.getByTestId('verify-result');
    await expect.poll(() => answer.textContent(), { timeout: 20_000 }).toContain(result.code);
    expect(await page.getByLabel('Mã băm SHA-256').inputValue()).toBe(result.sha256);
    expect(new URL(page.url()).search).toBe(`?sha256=${result.sha256}`);

    const changed = Buffer.concat([signedPdf, Buffer.from('\n% changed\n')]);
    await page.locator('#verify-file').setInputFiles({ name: 'ket-qua-sua.pdf', mimeType: 'application/pdf', buffer: changed });
    await expect.poll(() => answer.textContent(), { timeout: 20_000 }).toContain('Không tìm thấy');
    expect(uploads).toEqual([]);
    await look('not-found');
  }, 120_000);

  it('a malformed hash is an error on the field, linked from the summary', async () => {
    await page.getByLabel('Mã băm SHA-256').fill('12345xyz');
    await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
    const summary = page.getByRole('alert');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('64 ký tự');
    expect(await page.getByLabel('Mã băm SHA-256').getAttribute('aria-invalid')).toBe('true');
    await summary.getByRole('link').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('verify-hash');
    await look('bad-hash');
    expect(findings, describeFindings(findings)).toEqual([]);
  }, 120_000);
});
