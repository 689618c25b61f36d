// Bad input at reception (absurd lengths, emoji, HTML in names, wrong dates) gets a clear message on the
// field (stable code, plain Vietnamese and English, the field's path) and nothing is written.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient } from '../helpers.js';
import { applicant, receive, receptionBody, startDossierApp } from './fixtures.js';
import { localDate } from '../../src/modules/calendar/working-time.js';
import { addDaysIso } from '../../src/modules/calendar/civil-date.js';

let t: Awaited<ReturnType<typeof startDossierApp>>;
let desk: HttpClient;
beforeAll(async () => {
  t = await startDossierApp();
  desk = await t.login('demo.tiepnhan');
});
afterAll(async () => t?.close());

/** Row counts of every table: a refused request must leave all of them as they were (UNLOGGED ones hold
 * transient counters, e.g. the rate-limit windows synced in the background, and are left out). */
async function rowCounts(): Promise<Record<string, number>> {
  const tables = await t.ctx.database.pool.query(`SELECT c.relname AS tablename FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relpersistence = 'p' ORDER BY 1`);
  const out: Record<string, number> = {};
  for (const { tablename } of tables.rows) {
    out[tablename] = (await t.ctx.database.pool.query(`SELECT count(*)::int n FROM "${tablename}"`)).rows[0].n;
  }
  return out;
}

const ZOD_WORDING = /mong đợi|string|Quá lớn|regex|expected/i;

async function refused(body: Record<string, unknown>, path: string, code: string, lang: 'vi' | 'en' = 'vi') {
  const before = await rowCounts();
  const r = await desk.post('/api/v1/dossiers', body, { 'idempotency-key': randomUUID(), 'accept-language': lang });
  expect([400, 422], JSON.stringify(r.body)).toContain(r.status);
  expect(r.headers.get('content-type')).toContain('application/problem+json');
  const e = r.body.errors.find((x: any) => x.path === path);
  expect(e, JSON.stringify(r.body.errors)).toBeDefined();
  expect(e.code).toBe(code);
  expect(e.message).not.toMatch(ZOD_WORDING);
  expect(await rowCounts()).toEqual(before);
  return e.message as string;
}

const withApplicant = (over: Record<string, unknown>) => receptionBody({ applicant: applicant(over) });

describe('reception: the applicant fields refuse bad input on the field, writing nothing', () => {
  it('absurd lengths and empty names', async () => {
    expect(await refused(withApplicant({ fullName: 'Nguyễn '.repeat(2000) }), 'body.applicant.fullName', 'too_big')).toBe('Tối đa 100 ký tự');
    expect(await refused(withApplicant({ fullName: 'A'.repeat(101) }), 'body.applicant.fullName', 'too_big', 'en')).toBe('At most 100 characters');
    expect(await refused(withApplicant({ fullName: '   ' }), 'body.applicant.fullName', 'too_small')).toBe('Không được để trống');
    const line = { line: 'x'.repeat(301), communeCode: '14797', provinceCode: '38' };
    expect(await refused(withApplicant({ address: line }), 'body.applicant.address.line', 'too_big')).toBe('Tối đa 300 ký tự');
  });

  it('emoji and other characters the forms cannot print', async () => {
    const vi = await refused(withApplicant({ fullName: 'Nguyễn Văn An 😀' }), 'body.applicant.fullName', 'UNSUPPORTED_CHARACTERS');
    expect(vi).toBe('Có ký tự không in được trên giấy tờ (😀): hãy xóa hoặc thay bằng chữ');
    const en = await refused(withApplicant({ fullName: 'Trần 李 Minh' }), 'body.applicant.fullName', 'UNSUPPORTED_CHARACTERS', 'en');
    expect(en).toBe('Characters the forms cannot print (李): remove or replace them');
    await refused(withApplicant({ organisation: { name: 'Công ty 🚀 Sao Mai' }, kind: 'organisation' }), 'body.applicant.organisation.name', 'UNSUPPORTED_CHARACTERS');
    await refused(receptionBody({ note: 'Đã nhận đủ 👍' }), 'body.note', 'UNSUPPORTED_CHARACTERS');
    await refused(withApplicant({ fullName: 'Nguyễn\u0007Văn' }), 'body.applicant.fullName', 'UNSUPPORTED_CHARACTERS');
    await refused(withApplicant({ fullName: 'Nguyễn\u0000Văn' }), 'body.applicant.fullName', 'NUL_CHARACTER'); // refused for every request
  });

  it('HTML and other non-letters in names', async () => {
    const m = await refused(withApplicant({ fullName: '<script>alert(1)</script>' }), 'body.applicant.fullName', 'MARKUP_NOT_ALLOWED');
    expect(m).toBe('Không được chứa thẻ HTML hay ký tự < >');
    await refused(withApplicant({ address: { line: '<b>12</b> Lê Lợi', communeCode: '14797' } }), 'body.applicant.address.line', 'MARKUP_NOT_ALLOWED');
    expect(await refused(withApplicant({ fullName: 'Nguyễn Văn A1' }), 'body.applicant.fullName', 'NAME_CHARACTERS')).toBe("Họ tên chỉ gồm chữ cái, dấu cách và các dấu . ' -");
  });

  it('component names: emoji and markup are refused on the component\'s field (vi and en), nothing written; a real name still passes', async () => {
    const comps = (name: string) => receptionBody({ components: [{ name: 'Đơn đề nghị', provided: true, form: 'original', copies: 1 }, { name, provided: true, form: 'copy', copies: 1 }] });
    expect(await refused(comps('Bản sao CCCD 📄'), 'body.components.1.name', 'UNSUPPORTED_CHARACTERS')).toBe('Có ký tự không in được trên giấy tờ (📄): hãy xóa hoặc thay bằng chữ');
    expect(await refused(comps('Giấy 🙂 xác nhận'), 'body.components.1.name', 'UNSUPPORTED_CHARACTERS', 'en')).toBe('Characters the forms cannot print (🙂): remove or replace them');
    expect(await refused(comps('<img src=x onerror=alert(1)>Giấy phép'), 'body.components.1.name', 'MARKUP_NOT_ALLOWED')).toBe('Không được chứa thẻ HTML hay ký tự < >');
    expect(await refused(comps('<b>Sổ hộ khẩu</b>'), 'body.components.1.name', 'MARKUP_NOT_ALLOWED', 'en')).toBe('HTML tags and the characters < > are not allowed');
    const ok = await desk.post('/api/v1/dossiers', comps('Bản sao Giấy chứng nhận quyền sử dụng đất (có chứng thực) – số 12/2024'), { 'idempotency-key': randomUUID() });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });

  it('wrong dates: not a date, not a day of that month, before 1900, after today (by the clock)', async () => {
    expect(await refused(withApplicant({ birthDate: '15/03/1990' }), 'body.applicant.birthDate', 'DATE_INVALID')).toBe('Ngày không hợp lệ (nhập theo dạng dd/mm/yyyy)');
    await refused(withApplicant({ birthDate: '1990-02-30' }), 'body.applicant.birthDate', 'DATE_INVALID');
    await refused(withApplicant({ birthDate: '1990-13-01' }), 'body.applicant.birthDate', 'DATE_INVALID');
    await refused(withApplicant({ birthDate: '1899-12-31', idNumber: '038090012345' }), 'body.applicant.birthDate', 'DATE_TOO_EARLY');
    const tomorrow = addDaysIso(localDate(t.clock.now()), 1);
    const m = await refused(withApplicant({ birthDate: tomorrow, idNumber: '038200012345' }), 'body.applicant.birthDate', 'DATE_IN_FUTURE');
    expect(m).toBe('Ngày sinh không được sau hôm nay');
  });

  it('good names are kept as typed, NFC-normalised and trimmed', async () => {
    const decomposed = 'Đặng-Lê Thị Ánh Nguyệt'.normalize('NFD');
    const r = await receive(desk, { applicant: applicant({ fullName: `  ${decomposed} `, birthDate: '1990-02-28' }) });
    const d = await desk.get(`/api/v1/dossiers/${r.dossier.code}`);
    expect(d.body.applicant.fullName).toBe('Đặng-Lê Thị Ánh Nguyệt'.normalize('NFC'));
    expect(d.body.applicant.birthDate).toBe('1990-02-28');
  });
});
