// The admins' own e-form fields (PUT /procedures/{code}/form-extension) with a nested object and an array of
// objects on the real khai sinh procedure: the citizen's page renders them (@rjsf), checks them in the browser
// (Vietnamese errors on the field and in a summary whose links focus the field), the server refuses the same
// mistakes on the same paths, and what the citizen types is saved in the draft. Phone viewport, axe-core.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { HttpClient } from '../helpers.js';
import { HAS_CHROMIUM, SKIP_REASON, shot } from './browser.js';
import { describeFindings, seriousViolations } from './axe.js';
import { phonePage, shareSession, signInOnPage, startCitizenSuite, stopCitizenSuite, type CitizenSuite } from './citizen-session.js';

if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

const KHAI_SINH = '1.001193';
const DESK = '000.11.01.H56';
const EMAIL = 'ext.form@example.vn';
const EXTENSION = {
  baseVersion: 0,
  required: ['nguoiCha'],
  properties: {
    nguoiCha: {
      type: 'object', title: 'Thông tin người cha', required: ['hoTen'],
      properties: { hoTen: { type: 'string', title: 'Họ tên người cha', minLength: 1, maxLength: 100 }, ngaySinh: { type: 'string', format: 'date', title: 'Ngày sinh người cha' } },
    },
    anhChiEm: {
      type: 'array', title: 'Anh chị em ruột', maxItems: 5,
      items: { type: 'object', required: ['ten'], properties: { ten: { type: 'string', title: 'Tên', minLength: 1 }, namSinh: { type: 'integer', title: 'Năm sinh', minimum: 1900, maximum: 2100 } } },
    },
  },
};

describe.skipIf(!HAS_CHROMIUM)('nested extension fields on the e-form (360×740)', () => {
  let s: CitizenSuite;
  let ctx: BrowserContext;
  let page: Page;
  let http: HttpClient;

  beforeAll(async () => {
    s = await startCitizenSuite();
    const admin = await s.t.login('demo.admin');
    const put = await admin.request('PUT', `/api/v1/procedures/${KHAI_SINH}/form-extension`, EXTENSION);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    ({ ctx, page } = await phonePage(s));
    http = s.t.client();
  }, 300_000);
  afterAll(async () => {
    await stopCitizenSuite(s ?? {});
  });

  it('renders the nested fields, checks them in the browser, the server agrees, the draft keeps them', async () => {
    await page.goto(`/dang-nhap?next=${encodeURIComponent(`/nop-ho-so/${KHAI_SINH}`)}`);
    await signInOnPage(s, page, EMAIL);
    await page.getByRole('heading', { name: 'Nộp hồ sơ trực tuyến' }).waitFor({ timeout: 20_000 });
    await shareSession(ctx, http);

    // rendered: the nested object as a group, the array with an add button
    await page.getByRole('group', { name: /Thông tin người cha/ }).waitFor();
    await page.getByLabel('Nơi tiếp nhận').selectOption(DESK);
    await page.getByLabel('Họ và tên', { exact: true }).fill('Trần Văn Bình');
    await page.getByLabel('Số định danh cá nhân (12 số)').fill('038190054321');
    await page.getByLabel('Ngày sinh người cha').fill('02/03/1960');
    await page.getByRole('button', { name: /^Thêm/ }).click();
    await page.getByLabel('Năm sinh').fill('1800');

    // the browser's check: errors on the field and in the summary; a summary link focuses its field
    await page.getByRole('button', { name: 'Kiểm tra lại hồ sơ' }).click();
    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    const text = (await summary.textContent())!;
    expect(text).toContain('Họ tên người cha: Chưa khai (bắt buộc).');
    expect(text).toContain('Năm sinh: Không nhỏ hơn 1900.');
    expect(text).toContain('Tên: Chưa khai (bắt buộc).');
    await page.locator('#extra_anhChiEm_0_namSinh').evaluate((el) => el.getAttribute('aria-describedby'))
      .then((ids) => expect(ids).toContain('extra_anhChiEm_0_namSinh__error'));
    expect(await page.locator('#extra_anhChiEm_0_namSinh__error').textContent()).toBe('Không nhỏ hơn 1900.');
    await summary.getByRole('link', { name: /Họ tên người cha/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('extra_nguoiCha_hoTen');
    await shot(page, 'form-extension-errors');
    await page.locator('[data-section=extra]').screenshot({ path: 'test-results/web/form-extension-errors-extra.png' });
    await summary.screenshot({ path: 'test-results/web/form-extension-errors-summary.png' });
    const findings = await seriousViolations(page, 'form-extension-errors');
    expect(findings, describeFindings(findings)).toEqual([]);
    await expect.poll(async () => (await http.get('/api/v1/citizen/drafts')).body.items[0]?.form?.extra?.anhChiEm?.[0]?.namSinh, { timeout: 15_000 }).toBe(1800);

    // the server, with the same schema, refuses the same mistakes on the same paths
    const draft = (await http.get('/api/v1/citizen/drafts')).body.items[0];
    const refused = await http.post(`/api/v1/citizen/drafts/${draft.id}/submit`, {});
    expect(refused.status).toBe(422);
    const paths = (refused.body.errors as Array<{ path: string }>).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['form.extra.nguoiCha.hoTen', 'form.extra.anhChiEm.0.namSinh']));

    // fixed: the errors go as the citizen types, the draft keeps the nested values
    await page.locator('#extra_nguoiCha_hoTen').fill('Trần Văn An');
    await page.locator('#extra_anhChiEm_0_ten').fill('Trần Thị Cúc');
    await page.locator('#extra_anhChiEm_0_namSinh').fill('1992');
    await expect.poll(() => page.locator('#extra_anhChiEm_0_namSinh__error').count()).toBe(0);
    await expect.poll(async () => (await http.get(`/api/v1/citizen/drafts/${draft.id}`)).body.form.extra, { timeout: 15_000 })
      .toEqual({ nguoiCha: { hoTen: 'Trần Văn An', ngaySinh: '1960-03-02' }, anhChiEm: [{ ten: 'Trần Thị Cúc', namSinh: 1992 }] });
    await shot(page, 'form-extension-filled');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }, 180_000);
});
