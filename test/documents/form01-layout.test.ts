// Form 01 (receipt) layout: one A4 page for up to 10 components, even with the catalog's long component
// texts (khai sinh 1.001193), and the province name never broken across two lines.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient } from '../helpers.js';
import { applicant, receptionBody, startDossierApp, COMMUNE_PROC, XA1 } from '../dossiers/fixtures.js';
import { decodeQr, extractText, pageCount, renderPage, saveResult } from './pdf-tools.js';

let t: Awaited<ReturnType<typeof startDossierApp>>;
beforeAll(async () => {
  t = await startDossierApp();
});
afterAll(async () => t?.close());

// component texts of the national catalog's birth registration (1.001193), as long as they come
const LONG = [
  'Tờ khai đăng ký khai sinh theo mẫu; trường hợp nộp hồ sơ trực tuyến thì điền biểu mẫu điện tử tương tác và không phải nộp bản giấy',
  'Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng xác nhận về việc sinh; nếu không có người làm chứng thì phải có giấy cam đoan về việc sinh',
  'Trường hợp trẻ em bị bỏ rơi thì phải có biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập',
  'Văn bản ủy quyền (được chứng thực) theo quy định của pháp luật trong trường hợp ủy quyền thực hiện việc đăng ký khai sinh. Trường hợp người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột của người ủy quyền thì văn bản ủy quyền không phải chứng thực',
  'Trường hợp khai sinh cho trẻ em sinh ra do mang thai hộ phải có văn bản xác nhận của cơ sở y tế đã thực hiện kỹ thuật hỗ trợ sinh sản cho việc mang thai hộ',
  'Giấy tờ có giá trị chứng minh thông tin về cư trú trong trường hợp cơ quan đăng ký hộ tịch không khai thác được thông tin về cư trú của người yêu cầu đăng ký khai sinh',
  'Giấy tờ tùy thân của người đi đăng ký khai sinh (hộ chiếu, căn cước hoặc giấy tờ khác có dán ảnh và thông tin cá nhân do cơ quan có thẩm quyền cấp, còn giá trị sử dụng)',
  'Giấy chứng nhận kết hôn của cha mẹ trẻ trong trường hợp thông tin về hôn nhân của cha mẹ không có trong cơ sở dữ liệu hộ tịch điện tử',
  'Văn bản thỏa thuận của cha mẹ về việc chọn quốc tịch cho con trong trường hợp cha hoặc mẹ là người nước ngoài',
  'Bản sao giấy tờ chứng minh việc nhận cha, mẹ, con trong trường hợp đăng ký khai sinh kết hợp nhận cha, mẹ, con',
];

async function form01(c: HttpClient, body: Record<string, unknown>) {
  const r = await c.post('/api/v1/dossiers', body, { 'idempotency-key': randomUUID() });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const res = await fetch(`${c.base}/api/v1/dossiers/${r.body.dossier.code}/forms/01.pdf`, {
    headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-receipt-secret': r.body.receipt.secret },
  });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

const components = (n: number) => LONG.slice(0, n).map((name, i) => ({ name, provided: true, form: i % 2 ? 'copy' : 'original', copies: 1 }));

/** True when "Thanh Hóa" (any case) is split across two lines somewhere in the text. */
const brokenProvince = (text: string) => /THANH\s*\n\s*HÓA|Thanh\s*\n\s*Hóa/.test(text.normalize('NFC'));

describe('form 01 layout', () => {
  it('10 long catalog components at the provincial centre: one page, the province name on one line', async () => {
    const desk = await t.login('demo.tiepnhan');
    const pdf = await form01(desk, receptionBody({ components: components(10) }));
    const page = await renderPage(pdf, 1, 2);
    saveResult('form-01-ten-components.png', page.png);
    expect(await pageCount(pdf)).toBe(1);
    // the tight layout's smaller QR code still reads
    expect(decodeQr(page)).toMatch(/\/tra-cuu\?code=/);
    const text = await extractText(pdf);
    for (const c of LONG) expect(text.replace(/\s+/g, ' ')).toContain(c.slice(0, 40));
    expect(brokenProvince(text), text).toBe(false);
  });

  it('at the commune desk, with a long address: one page, the province name on one line', async () => {
    const desk = await t.login('demo.xa.tiepnhan');
    const address = { line: 'Số nhà 128, ngõ 45 đường Nguyễn Trãi, khu phố Đông Sơn, tổ dân phố số 12', communeCode: '14797', provinceCode: '38' };
    const pdf = await form01(desk, receptionBody({ procedureCode: COMMUNE_PROC, competentAgencyCode: XA1, applicant: applicant({ address }), components: components(10) }));
    saveResult('form-01-commune.png', (await renderPage(pdf, 1, 2)).png);
    expect(await pageCount(pdf)).toBe(1);
    expect(brokenProvince(await extractText(pdf))).toBe(false);
  });

  it('a receipt with few components keeps the normal type size (the compact layout is only a fallback)', async () => {
    const desk = await t.login('demo.tiepnhan');
    const pdf = await form01(desk, receptionBody({ components: components(2) }));
    expect(await pageCount(pdf)).toBe(1);
  });
});
