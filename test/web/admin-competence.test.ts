// The admin screens for the competent agency and the time limits, in Debian's Chromium as demo.admin:
// the field → agency map (change one field through the picker, a new version shows with its date dd/mm/yyyy),
// the stranded-dossiers list (with the fix), and time limits (the review list, the procedures without a limit
// with their reason, setting one with its legal basis: field errors, then saved and off the list).
// Screenshots in test-results/web/.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { HttpClient, TestApp } from '../helpers.js';
import { applicant, CENTRE, startDossierApp } from '../dossiers/fixtures.js';
import { ensureWebBuilt, HAS_CHROMIUM, launch, shot, signIn, SKIP_REASON } from './browser.js';

if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

let t: TestApp;
let browser: Browser;
let api: HttpClient;
let strandedCode: string;

const ddmmyyyy = (d: Date) => new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);

describe.skipIf(!HAS_CHROMIUM)('admin: field → agency, stranded dossiers, time limits', () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    t = await startDossierApp();
    browser = await launch();
    api = await t.login('demo.admin');
    // a dossier at the handling step of a department whose only handler then leaves: stranded
    const desk = await t.login('demo.tiepnhan');
    const c = await desk.get(`/api/v1/procedures/1.004427/competence?desk=${CENTRE}`);
    const r = await desk.post('/api/v1/dossiers', { channel: 1, applicant: applicant(), components: [], procedureCode: '1.004427', competentAgencyCode: c.body.candidates[0].code }, { 'idempotency-key': randomUUID() });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    strandedCode = r.body.dossier.code;
    expect((await desk.post(`/api/v1/dossiers/${r.body.dossier.id}/actions/forward`, { version: r.body.dossier.version })).status).toBe(200);
    const u = (await api.get('/api/v1/users?q=demo.snnmt.xuly')).body.items.find((x: any) => x.username === 'demo.snnmt.xuly');
    expect((await api.patch(`/api/v1/users/${u.id}`, { active: false })).status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('field → agency: the map with versions and dates; remapping a field through the agency picker makes a new version', async () => {
    const a = await signIn(browser, t.url, 'demo.admin');
    await a.page.goto('/can-bo/admin/fieldAgencies');
    await a.page.getByRole('heading', { name: 'Lĩnh vực → cơ quan' }).waitFor();
    await a.page.getByLabel('Lọc theo lĩnh vực hoặc cơ quan').fill('Thủy lợi');
    const row = a.page.getByTestId('field-row').filter({ hasText: 'Thủy lợi' }).first();
    await row.waitFor();
    const map = (await api.get('/api/v1/admin/field-agencies?level=province')).body;
    const before = map.items.find((i: any) => i.field === 'Thủy lợi');
    // every field of the province's procedures has an agency in the demo (ministry-only fields are not asked for)
    expect(map.unmapped).toEqual([]);
    expect(await a.page.getByText(/lĩnh vực chưa gán cơ quan/).count()).toBe(0);
    await shot(a.page, '40-admin-field-agencies');
    await a.page.getByRole('button', { name: 'Đổi cơ quan của lĩnh vực Thủy lợi' }).click();
    const dialog = a.page.getByRole('dialog');
    // saving without choosing an agency: the error is shown on the picker, nothing is sent
    await dialog.getByLabel('Cơ quan có thẩm quyền').selectOption('');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.locator('.field.has-error').filter({ hasText: 'Chọn cơ quan có thẩm quyền cho lĩnh vực này' }).waitFor();
    expect((await api.get('/api/v1/admin/field-agencies?level=province')).body.items.find((i: any) => i.field === 'Thủy lợi').version).toBe(before.version);
    await shot(a.page, '41-admin-field-agency-error', false);
    await dialog.getByLabel('Cơ quan có thẩm quyền').selectOption({ label: 'Sở Xây dựng tỉnh Thanh Hóa' });
    await dialog.getByLabel('Ghi chú').fill('Thử nghiệm giao diện');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await a.page.getByRole('status').filter({ hasText: `phiên bản ${before.version + 1}` }).waitFor();
    await expect.poll(() => row.textContent()).toContain('Sở Xây dựng tỉnh Thanh Hóa');
    expect(await row.textContent()).toContain(ddmmyyyy(t.clock.now()));
    const after = (await api.get('/api/v1/admin/field-agencies?level=province')).body.items.find((i: any) => i.field === 'Thủy lợi');
    expect(after).toMatchObject({ version: before.version + 1, agencyCode: '000.00.03.H56', note: 'Thử nghiệm giao diện' });
    await shot(a.page, '42-admin-field-agency-saved');
    await a.ctx.close();
  });

  it('stranded dossiers: the dossier, the role it waits for, where, and the fix', async () => {
    const a = await signIn(browser, t.url, 'demo.admin');
    await a.page.getByRole('link', { name: 'Quản trị' }).click();
    await a.page.getByRole('tab', { name: 'Hồ sơ không ai xử lý' }).click();
    const row = a.page.getByTestId('stranded-row').filter({ hasText: strandedCode });
    await row.waitFor();
    const text = (await row.textContent())!;
    expect(text).toContain('Chuyên viên thụ lý');
    expect(text).toContain('Phân vai trò "Chuyên viên thụ lý"');
    expect(text).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    expect(await row.getByRole('link', { name: strandedCode }).getAttribute('href')).toBe(`/can-bo/dossiers/${strandedCode}`);
    await shot(a.page, '43-admin-stranded');
    await a.ctx.close();
  });

  it('time limits: the procedures without one with their reason; setting one with its legal basis (errors on the field) takes it off the list', async () => {
    const a = await signIn(browser, t.url, 'demo.admin');
    await a.page.goto('/can-bo/admin/timeLimits');
    const row = a.page.getByTestId('without-limit-row').filter({ hasText: '1.007689' });
    await row.waitFor();
    expect(await row.textContent()).toContain('không trả kết quả');
    const review = a.page.getByTestId('review-row').filter({ hasText: '1.004498' });
    await review.waitFor();
    expect(await review.textContent()).toContain('35 ngày làm việc');
    expect(await review.textContent()).toContain('thời hạn dài nhất của các trường hợp');
    await shot(a.page, '44-admin-time-limits', false);
    await a.page.getByRole('button', { name: 'Đặt thời hạn giải quyết cho thủ tục 1.000005' }).click();
    const dialog = a.page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByText('Nhập số lớn hơn 0').waitFor();
    await dialog.getByText('Nhập căn cứ pháp lý (ít nhất 3 ký tự)').waitFor();
    await shot(a.page, '45-admin-time-limit-errors', false);
    await dialog.getByRole('textbox', { name: /^Thời hạn/ }).fill('3000000');
    await dialog.getByLabel('Căn cứ pháp lý').fill('Điều 23 Luật Hải quan 2014');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    // the server's limit (≤ 3650) is shown on the field it names
    await dialog.locator('.field.has-error').filter({ has: a.page.getByRole('textbox', { name: /^Thời hạn/ }) }).waitFor();
    await dialog.getByRole('textbox', { name: /^Thời hạn/ }).fill('8');
    await dialog.getByLabel('Đơn vị').selectOption('working_hours');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await a.page.getByRole('status').filter({ hasText: 'Đã đặt thời hạn cho thủ tục 1.000005' }).waitFor();
    await expect.poll(() => a.page.getByTestId('without-limit-row').filter({ hasText: '1.000005' }).count()).toBe(0);
    const p = (await api.get('/api/v1/procedures/1.000005')).body;
    expect(p.timeLimit).toMatchObject({ value: 8, unit: 'working_hours', source: 'admin', basis: 'Điều 23 Luật Hải quan 2014' });
    await shot(a.page, '46-admin-time-limit-saved', false);
    await a.ctx.close();
  });

  it('the procedure panel shows its limit and where it comes from, in English too', async () => {
    const a = await signIn(browser, t.url, 'demo.admin', { lang: 'en' });
    await a.page.goto('/can-bo/admin/procedures');
    await a.page.getByPlaceholder(/procedure name or code/).fill('1.001193');
    await a.page.getByRole('button', { name: 'Search' }).click();
    await a.page.getByRole('button', { name: 'Open' }).first().click();
    const lim = a.page.getByTestId('procedure-limit');
    await lim.waitFor();
    expect(await lim.textContent()).toContain('1 working days');
    expect(await lim.textContent()).toContain('unit inferred');
    await a.page.getByRole('tab', { name: 'Time limits' }).click();
    await a.page.getByRole('heading', { name: 'Time limits to review' }).waitFor();
    await a.page.getByTestId('review-row').filter({ hasText: '1.001010' }).waitFor();
    expect(await a.page.getByTestId('review-row').filter({ hasText: '1.001010' }).textContent()).toContain('calendar months');
    await shot(a.page, '47-admin-time-limits-en', false);
    await a.ctx.close();
  });
});
