// The citizen's online submission in Chromium on a phone (360×740): find khai sinh by typing "dang ky khai
// sinh" on the home page, open its e-form, sign in on the portal's sign-in page with a code delivered to a
// local SMTP server, fill the
// form and upload the papers, review, submit; the commune desk accepts it (officials over HTTP), the citizen
// sees the receipt, answers a supplement request with an upload, downloads the result and checks its SHA-256;
// another dossier is withdrawn from its page. Every page: a screenshot in test-results/web/ and axe-core.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { HttpClient, TestApp } from '../helpers.js';
import { HAS_CHROMIUM, SKIP_REASON, shot } from './browser.js';
import { describeFindings, seriousViolations, type AxeFinding } from './axe.js';
import { phonePage, shareSession, signInOnPage, startCitizenSuite, stopCitizenSuite, type CitizenSuite } from './citizen-session.js';

if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

const EMAIL = 'ngoc.phone@example.vn';
const DESK = '000.11.01.H56';
let s: CitizenSuite;
let t: TestApp;
let ctx: BrowserContext;
let page: Page;
let http: HttpClient;
const findings: AxeFinding[] = [];
const officials: Record<string, HttpClient> = {};

async function look(name: string): Promise<void> {
  await shot(page, `submission-${name}`);
  findings.push(...(await seriousViolations(page, name)));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name}: wider than the screen`).toBeLessThanOrEqual(0);
}

/** Signs in through the portal's sign-in page with the code mailed to the test SMTP server; the test's own HTTP client then shares that session. */
async function signInInBrowser(): Promise<void> {
  await signInOnPage(s, page, EMAIL, () => look('sign-in-code'));
  await page.getByRole('heading', { name: 'Nộp hồ sơ trực tuyến' }).waitFor({ timeout: 45_000 });
  await shareSession(ctx, http);
}

async function act(user: string, ref: string, action: string, payload: Record<string, unknown> = {}) {
  const c = officials[user]!;
  const v = (await c.get(`/api/v1/dossiers/${ref}`)).body.version;
  const r = await c.post(`/api/v1/dossiers/${ref}/actions/${action}`, { version: v, payload }, { 'idempotency-key': randomUUID() });
  expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
}

async function officialUpload(user: string, path: string, name: string, data: Buffer) {
  const c = officials[user]!;
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(data)], { type: 'application/pdf' }), name);
  const res = await fetch(c.base + path, { method: 'POST', headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': c.csrf ?? '' }, body: fd });
  return (await res.json()) as { id: string };
}

describe.skipIf(!HAS_CHROMIUM)('online submission on a phone (360×740)', () => {
  let pdf: Buffer;
  let dossierId: string;
  let code: string;

  beforeAll(async () => {
    s = await startCitizenSuite();
    t = s.t;
    ({ ctx, page } = await phonePage(s, { acceptDownloads: true }));
    http = t.client();
    for (const u of ['demo.xa.tiepnhan', 'demo.xa.chuyenvien', 'demo.xa.lanhdao']) officials[u] = await t.login(u);
    const reg = await officials['demo.xa.tiepnhan']!.get('/api/v1/agencies/000.11.01.H56/register.pdf?from=2020-01-01&to=2020-01-02');
    expect(reg.status).toBe(200);
    pdf = Buffer.from(await (await fetch(`${t.url}/api/v1/agencies/000.11.01.H56/register.pdf?from=2020-01-01&to=2020-01-02`, { headers: { cookie: [...officials['demo.xa.tiepnhan']!.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } })).arrayBuffer());
  }, 300_000);
  afterAll(async () => {
    await stopCitizenSuite(s ?? {});
  });

  it('home → "dang ky khai sinh" → the procedure → submit online asks to sign in', async () => {
    await page.goto('/');
    await page.getByRole('searchbox').fill('dang ky khai sinh');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.getByRole('link', { name: /Thủ tục đăng ký khai sinh/ }).first().click();
    await page.getByRole('heading', { level: 1, name: /đăng ký khai sinh/i }).waitFor();
    await look('procedure');
    await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập để nộp hồ sơ' }).waitFor();
    await look('sign-in-needed');
  }, 120_000);

  it('signed in: fills the e-form, uploads the papers, reviews, submits; the acknowledgement', async () => {
    await page.getByRole('link', { name: 'Đăng nhập', exact: true }).last().click();
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    await signInInBrowser();
    await page.getByLabel('Nơi tiếp nhận').selectOption(DESK);
    await page.getByLabel('Họ và tên', { exact: true }).fill('Nguyễn Thị Bích Ngọc');
    await page.getByLabel('Số định danh cá nhân (12 số)').fill('038190012345');
    await page.getByLabel('Ngày sinh (dd/mm/yyyy)').fill('01/05/1990');
    await page.getByLabel('Số điện thoại').fill('0912345678');
    const papers = page.locator('.c-paper');
    const n = await papers.count();
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      const paper = papers.nth(i);
      if (!(await paper.textContent())!.includes('bắt buộc')) continue;
      await paper.locator('input[type=file]').setInputFiles({ name: `giay-to-${i}.pdf`, mimeType: 'application/pdf', buffer: pdf });
      await paper.getByText(/Đã tải lên/).waitFor();
    }
    await expect.poll(() => page.getByTestId('save-status').textContent(), { timeout: 45_000 }).toMatch(/Đã lưu lúc \d{2}\/\d{2}\/\d{4}/);
    await look('form');
    await page.getByRole('button', { name: 'Kiểm tra lại hồ sơ' }).click();
    await page.getByTestId('review').or(page.getByTestId('error-summary')).first().waitFor();
    expect(await page.getByTestId('error-summary').count(), (await page.getByTestId('error-summary').textContent().catch(() => '')) ?? '').toBe(0);
    await page.getByTestId('review').waitFor();
    await expect.poll(() => page.getByTestId('review').textContent()).toContain('038190012345');
    await look('review');
    await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
    await page.getByTestId('ack').waitFor({ timeout: 45_000 }).catch(async (e) => {
      await shot(page, 'submission-failed');
      const open = (await http.get('/api/v1/citizen/drafts')).body.items[0];
      throw new Error(`${e}: ${JSON.stringify((await http.post(`/api/v1/citizen/drafts/${open.id}/submit`, {})).body)}`);
    });
    await look('acknowledgement');
    const mine = await http.get('/api/v1/citizen/dossiers');
    expect(mine.body.items).toHaveLength(1);
    dossierId = mine.body.items[0].id;
    expect(mine.body.items[0].nationalStatus).toBe(1);
  }, 180_000);

  it('the desk accepts it: the citizen sees the code, the appointment and the receipt', async () => {
    await act('demo.xa.tiepnhan', dossierId, 'accept');
    await page.getByRole('link', { name: 'Xem trong Hồ sơ của tôi' }).click();
    await page.getByTestId('code').waitFor();
    code = (await page.getByTestId('code').textContent())!;
    expect(code).toMatch(/^000\.11\.01\.H56-/);
    expect(await page.getByTestId('appointment').textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    const receipt = page.getByRole('link', { name: /Giấy tiếp nhận/ });
    const [download] = await Promise.all([page.waitForEvent('download'), receipt.click()]);
    const body = await (await download.createReadStream()).toArray();
    expect(Buffer.concat(body).subarray(0, 5).toString()).toBe('%PDF-');
    await look('dossier-accepted');
  }, 120_000);

  it('a supplement is asked and answered from the phone', async () => {
    await act('demo.xa.tiepnhan', code, 'forward');
    await act('demo.xa.chuyenvien', code, 'claim');
    await act('demo.xa.chuyenvien', code, 'request_supplement', { reason: 'Giấy chứng sinh bị mờ', items: ['Bản chụp rõ Giấy chứng sinh'] });
    await page.reload();
    await page.getByText('Bản chụp rõ Giấy chứng sinh').waitFor();
    await look('supplement-asked');
    await page.locator('#supplement-file').setInputFiles({ name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByRole('listitem').filter({ hasText: 'giay-chung-sinh.pdf' }).waitFor();
    await page.getByRole('button', { name: 'Gửi bổ sung' }).click();
    await page.getByText('Đã gửi.').waitFor();
    await expect.poll(async () => (await http.get(`/api/v1/citizen/dossiers/${dossierId}`)).body.nationalStatus).toBe(4);
    await look('supplement-sent');
  }, 120_000);

  it('the result is issued; the citizen downloads it and its SHA-256 matches', async () => {
    await act('demo.xa.chuyenvien', code, 'forward');
    await act('demo.xa.lanhdao', code, 'claim');
    await act('demo.xa.lanhdao', code, 'approve');
    const up = await officialUpload('demo.xa.lanhdao', `/api/v1/dossiers/${code}/files`, 'Trich-luc-khai-sinh.pdf', pdf);
    const res = await officials['demo.xa.lanhdao']!.post(`/api/v1/dossiers/${code}/results`, { number: '123/TLKS', date: '2026-11-23', signer: 'Trịnh Xuân Bách', title: 'Trích lục khai sinh', fileId: up.id });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await act('demo.xa.lanhdao', code, 'record_result', { documents: [{ number: '123/TLKS', date: '2026-11-23', signer: 'Trịnh Xuân Bách', fileId: res.body.file.id }] });
    await page.reload();
    await page.getByTestId('sha256').waitFor();
    const sha = (await page.getByTestId('sha256').textContent())!;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Tải kết quả/ }).click()]);
    const body = Buffer.concat(await (await download.createReadStream()).toArray());
    expect(createHash('sha256').update(body).digest('hex')).toBe(sha);
    await look('result');
    // the hash shown points at the public verify page, which knows the result
    const link = page.getByTestId('sha256').locator('xpath=..');
    expect(await link.getAttribute('href')).toContain(`/xac-thuc?sha256=${sha}`);
    await page.goto(`/xac-thuc?sha256=${sha}`);
    await expect.poll(() => page.getByTestId('verify-result').textContent(), { timeout: 20_000 }).toContain('Văn bản hợp lệ');
    expect(await page.getByTestId('verify-result').textContent()).toContain(code);
    await look('result-verified');
    await page.goto(`/ho-so-cua-toi/${dossierId}`);
  }, 120_000);

  it('another dossier is withdrawn from its page; My dossiers shows both in plain words', async () => {
    const form = (await http.get('/api/v1/public/procedures/1.001193/form')).body;
    const d = await http.post('/api/v1/citizen/drafts', { procedureCode: '1.001193' });
    const components: Record<string, unknown> = {};
    for (const c of form.hints.cases[0].components.filter((x: any) => x.required)) {
      const fd = new FormData();
      fd.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'x.pdf');
      const r = await fetch(`${t.url}/api/v1/citizen/drafts/${d.body.id}/components/${c.id}/file`, { method: 'POST', headers: { cookie: [...http.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': http.csrf! }, body: fd });
      components[c.id] = (await r.json()).draft.form.components[c.id];
    }
    const cur = await http.get(`/api/v1/citizen/drafts/${d.body.id}`);
    await http.request('PUT', `/api/v1/citizen/drafts/${d.body.id}`, { version: cur.body.version, form: { ...cur.body.form, receivingAgencyCode: DESK, caseKey: form.hints.cases[0].key, applicant: { kind: 'individual', fullName: 'Nguyễn Thị Bích Ngọc', idNumber: '038190012345', phone: '0912345678' } } });
    const s = await http.post(`/api/v1/citizen/drafts/${d.body.id}/submit`, {});
    expect(s.status, JSON.stringify(s.body)).toBe(201);
    await act('demo.xa.tiepnhan', s.body.dossier.id, 'accept');
    await page.goto(`/ho-so-cua-toi/${s.body.dossier.id}`);
    await page.getByText('Rút hồ sơ', { exact: true }).click();
    await page.getByLabel('Lý do rút hồ sơ').fill('Nộp nhầm');
    await page.getByRole('button', { name: 'Gửi yêu cầu rút hồ sơ' }).click();
    await page.getByText('Đã gửi.').waitFor();
    await expect.poll(async () => (await http.get(`/api/v1/citizen/dossiers/${s.body.dossier.id}`)).body.nationalStatus).toBe(7);
    await look('withdrawn');
    await page.goto('/ho-so-cua-toi');
    await expect.poll(() => page.locator('[data-dossier]').count()).toBe(2);
    await look('my-dossiers');
    expect(findings, describeFindings(findings)).toEqual([]);
  }, 180_000);
});
