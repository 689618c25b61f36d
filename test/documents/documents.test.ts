// Documents over HTTP: forms 01–07 as PDF (text extracted with pdfjs-dist, QR decoded from the rendered
// page, PNGs of forms 01 and 06 in test-results/), uploads (413, 415, path traversal, scope), hashes in
// events, result documents signed with the agency's PKCS#12, signature verification, citizen's copy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { HttpClient, TestApp } from '../helpers.js';
import { ManualClock } from '../helpers.js';
import { HOUR, T0, act, receive, receptionBody, startDossierApp } from '../dossiers/fixtures.js';
import { vnDateTime } from '../../src/modules/documents/pdf.js';
import { decodeQr, pageCount, extractText as rawText, renderPage, saveResult } from './pdf-tools.js';

/** Text of the PDF with line breaks as spaces (wrapped lines). */
const extractText = async (pdf: Buffer) => (await rawText(pdf)).replace(/\s+/g, ' ');
import { testPki } from './pki.js';

let t: TestApp & { clock: ManualClock };
const u: Record<string, HttpClient> = {};
const filesDir = mkdtempSync(join(tmpdir(), 'motcua-files-'));
const pkiDir = mkdtempSync(join(tmpdir(), 'motcua-pki-'));
// the certificates are valid around the app's (manual) clock, which starts at T0
const pki = testPki(T0);
const MAX_FILE = 256 * 1024;

beforeAll(async () => {
  writeFileSync(join(pkiDir, 'default.p12'), pki.issue('Sở Tư pháp tỉnh Thanh Hóa', 'UBND tỉnh Thanh Hóa', { serial: '5101' }).p12('bí-mật'));
  writeFileSync(join(pkiDir, 'ca.pem'), pki.ca.pem);
  t = await startDossierApp({
    MOTCUA_FILES_DIR: filesDir,
    MOTCUA_MAX_FILE_BYTES: String(MAX_FILE),
    MOTCUA_MAX_DOSSIER_BYTES: String(3 * MAX_FILE),
    MOTCUA_SIGNING_P12: join(pkiDir, 'default.p12'),
    MOTCUA_SIGNING_PASSWORD: 'bí-mật',
    MOTCUA_TRUSTED_CA: join(pkiDir, 'ca.pem'),
  });
  for (const name of ['demo.tiepnhan', 'demo.chuyenvien', 'demo.lanhdao', 'demo.vanthu', 'demo.traketqua', 'demo.xa2.tiepnhan', 'demo.admin']) u[name] = await t.login(name);
});
afterAll(async () => {
  await t?.close();
  rmSync(filesDir, { recursive: true, force: true });
  rmSync(pkiDir, { recursive: true, force: true });
});

// ---- small helpers ----

function form(fields: Record<string, string>, file: { name: string; data: Buffer | Uint8Array; type?: string }): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  fd.append('file', new Blob([new Uint8Array(file.data)], { type: file.type ?? 'application/octet-stream' }), file.name);
  return fd;
}

async function upload(c: HttpClient, path: string, fd: FormData) {
  const h: Record<string, string> = { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  if (c.csrf) h['x-csrf-token'] = c.csrf;
  const res = await fetch(c.base + path, { method: 'POST', headers: h, body: fd });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function getBinary(c: HttpClient, path: string, headers: Record<string, string> = {}) {
  const h: Record<string, string> = { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...headers };
  const res = await fetch(c.base + path, { headers: h });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

/** A small valid one-page PDF (rendered by our own engine: the register of an empty period). */
let samplePdf: Buffer;
async function minimalPdf(): Promise<Buffer> {
  samplePdf ??= (await getBinary(u['demo.tiepnhan']!, '/api/v1/agencies/000.00.01.H56/register.pdf?from=2020-01-01&to=2020-01-02')).body;
  return samplePdf;
}

const PNG_1x1 = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a0a5e2d40000000049454e44ae426082', 'hex');

async function atHandler(over: Record<string, unknown> = {}): Promise<{ code: string; secret: string }> {
  const r = await receive(u['demo.tiepnhan']!, over);
  const code = r.dossier.code as string;
  await act(u['demo.tiepnhan']!, code, 'forward');
  await act(u['demo.chuyenvien']!, code, 'claim');
  return { code, secret: r.receipt.secret };
}

// ---- forms ----

describe('forms as PDF', () => {
  it('form 01: code, applicant with diacritics, appointment to the minute, title, QR → public look-up with the secret; PNG', async () => {
    const staged = await upload(u['demo.tiepnhan']!, '/api/v1/files', form({ componentName: 'Bản sao CCCD' }, { name: 'cccd.png', data: PNG_1x1 }));
    expect(staged.status, JSON.stringify(staged.body)).toBe(201);
    const body = receptionBody();
    (body.components as any[])[1].fileId = staged.body.id;
    const r = await u['demo.tiepnhan']!.post('/api/v1/dossiers', body, { 'idempotency-key': randomUUID() });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const code = r.body.dossier.code as string;
    const secret = r.body.receipt.secret as string;

    // the hash of the attached file is in the reception event
    const ev = await u['demo.tiepnhan']!.get(`/api/v1/dossiers/${code}/events`);
    expect(ev.body.items[0].payload.files).toEqual([expect.objectContaining({ id: staged.body.id, sha256: createHash('sha256').update(PNG_1x1).digest('hex') })]);

    const pdf = await getBinary(u['demo.tiepnhan']!, `/api/v1/dossiers/${code}/forms/01.pdf`, { 'x-receipt-secret': secret });
    expect(pdf.status, pdf.body.toString()).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = await extractText(pdf.body);
    expect(text).toContain(code);
    expect(text).toContain('Nguyễn Thị Bích Ngọc');
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH THANH HÓA');
    expect(text).toContain(vnDateTime(r.body.dossier.dueAt)); // "hh giờ mm phút, ngày dd tháng mm năm yyyy"
    expect(text).toContain(vnDateTime(r.body.dossier.acceptedAt));
    expect(text).toContain('09 giờ 00 phút, ngày 23 tháng 11 năm 2026');
    expect(text).toContain('Bản sao CCCD');
    expect(text).toContain('15 ngày làm việc');
    expect(text).toContain('Nguyễn Thị Hồng Nhung'); // the receiving official
    expect(text).toContain('Thanh Hóa, ngày 23 tháng 11 năm 2026');
    expect(text.normalize('NFC')).toBe(text);

    const page = await renderPage(pdf.body, 1, 2);
    saveResult('form-01.png', page.png);
    expect(await pageCount(pdf.body)).toBe(1); // one A4 sheet
    expect(decodeQr(page)).toBe(`${t.ctx.config.publicUrl}/tra-cuu?code=${encodeURIComponent(code)}&secret=${encodeURIComponent(secret)}`);

    // the QR's secret works on the public look-up; a wrong secret does not print
    const look = await t.client().get(`/api/v1/public/dossiers/${code}?secret=${encodeURIComponent(secret)}`);
    expect(look.status).toBe(200);
    const wrong = await getBinary(u['demo.tiepnhan']!, `/api/v1/dossiers/${code}/forms/01.pdf`, { 'x-receipt-secret': 'sai-ma-tra-cuu' });
    expect(wrong.status).toBe(422);
    // a reprint without the secret still has the QR, without the secret
    const reprint = await getBinary(u['demo.tiepnhan']!, `/api/v1/dossiers/${code}/forms/01.pdf`);
    expect(reprint.status).toBe(200);
    expect(decodeQr(await renderPage(reprint.body, 1, 2))).toBe(`${t.ctx.config.publicUrl}/tra-cuu?code=${encodeURIComponent(code)}`);
  });

  it('form 06: one row per hand-over with giver, receiver, time and classification; PNG', async () => {
    const { code } = await atHandler();
    t.clock.advance(2 * HOUR);
    await act(u['demo.chuyenvien']!, code, 'forward');
    await act(u['demo.lanhdao']!, code, 'claim');
    await act(u['demo.lanhdao']!, code, 'approve');
    await act(u['demo.vanthu']!, code, 'claim');
    const pdf = await getBinary(u['demo.chuyenvien']!, `/api/v1/dossiers/${code}/forms/06.pdf`);
    expect(pdf.status, pdf.body.toString()).toBe(200);
    const text = await extractText(pdf.body);
    expect(text).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(text).toContain(code);
    expect(text).toContain('Nguyễn Thị Bích Ngọc');
    expect(text).toContain('1. Giao:');
    expect(text).toContain('3. Giao:');
    expect(text).toContain('Trần Minh Đức');
    expect(text).toContain('Phạm Quốc Hưng');
    expect(text).toContain('Đỗ Thị Thu Hà'); // the clerk who claimed the issuing step: receiver of row 3
    expect(text).toContain('Trước hạn');
    expect(text).toContain('Sở Tư pháp tỉnh Thanh Hóa');
    saveResult('form-06.png', (await renderPage(pdf.body, 1, 2)).png);
  });

  it('forms 02, 03, 04, 05 and the register (07)', async () => {
    const inc = await receive(u['demo.tiepnhan']!, { outcome: 'incomplete', reason: 'Thiếu giấy tờ', items: ['Bản sao giấy khai sinh'] });
    const f2 = await getBinary(u['demo.tiepnhan']!, `/api/v1/dossiers/${inc.dossier.id}/forms/02.pdf`);
    expect(f2.status).toBe(200);
    const t2 = await extractText(f2.body);
    expect(t2).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(t2).toContain('Bản sao giấy khai sinh');
    expect(t2).toContain('Nguyễn Thị Bích Ngọc');

    const ref = await receive(u['demo.tiepnhan']!, { outcome: 'refuse', reason: 'Thủ tục không thuộc thẩm quyền' });
    const t3 = await extractText((await getBinary(u['demo.tiepnhan']!, `/api/v1/dossiers/${ref.dossier.id}/forms/03.pdf`)).body);
    expect(t3).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
    expect(t3).toContain('Thủ tục không thuộc thẩm quyền');

    const { code } = await atHandler();
    const d = (await u['demo.lanhdao']!.get(`/api/v1/dossiers/${code}`)).body;
    const newDueAt = new Date(new Date(d.dueAt).getTime() + 3 * 24 * HOUR).toISOString();
    await act(u['demo.lanhdao']!, code, 'apologize', { reason: 'Cần xác minh thêm', newDueAt });
    const t4 = await extractText((await getBinary(u['demo.lanhdao']!, `/api/v1/dossiers/${code}/forms/04.pdf`)).body);
    expect(t4).toContain('VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT');
    expect(t4).toContain(code);
    expect(t4).toContain(vnDateTime(newDueAt));
    expect(t4).toContain(vnDateTime(d.dueAt));
    expect(t4).toContain('Phạm Quốc Hưng');
    expect(t4).toContain('SỞ TƯ PHÁP TỈNH THANH HÓA');

    await act(u['demo.tiepnhan']!, code, 'request_withdrawal', { reason: 'Công dân xin rút hồ sơ' });
    await act(u['demo.tiepnhan']!, code, 'stop', { reason: 'Theo yêu cầu', noticeNumber: '05' });
    const t5 = await extractText((await getBinary(u['demo.tiepnhan']!, `/api/v1/dossiers/${code}/forms/05.pdf`)).body);
    expect(t5).toContain('THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ');
    expect(t5).toContain('Công dân xin rút hồ sơ');
    expect(t5).toContain('Số: 05/TB');

    // a form the dossier has no data for → 409; an unknown form → 400
    expect((await u['demo.tiepnhan']!.get(`/api/v1/dossiers/${code}/forms/03.pdf`)).status).toBe(409);
    expect((await u['demo.tiepnhan']!.get(`/api/v1/dossiers/${code}/forms/09.pdf`)).status).toBe(400);

    const reg = await getBinary(u['demo.tiepnhan']!, '/api/v1/agencies/000.00.01.H56/register.pdf?from=2026-11-01&to=2026-11-30');
    expect(reg.status).toBe(200);
    const t7 = await extractText(reg.body);
    expect(t7).toContain('SỔ THEO DÕI HỒ SƠ');
    expect(t7).toContain(code);
    expect(t7).toContain('Nguyễn Thị Bích Ngọc');
    expect(t7).toContain('Từ ngày 01/11/2026 đến ngày 30/11/2026');
    saveResult('form-07.png', (await renderPage(reg.body, 1, 1.5)).png);
    // bad input and scope
    expect((await u['demo.tiepnhan']!.get('/api/v1/agencies/000.00.01.H56/register.pdf?from=2026-11-30&to=2026-11-01')).status).toBe(422);
    expect((await u['demo.tiepnhan']!.get('/api/v1/agencies/000.00.01.H56/register.pdf?from=x&to=2026-11-01')).status).toBe(400);
    expect((await u['demo.xa2.tiepnhan']!.get('/api/v1/agencies/000.00.01.H56/register.pdf?from=2026-11-01&to=2026-11-30')).status).toBe(404);
  });

  it('outside the dossier scope every form is 404', async () => {
    const { code } = await atHandler();
    expect((await u['demo.xa2.tiepnhan']!.get(`/api/v1/dossiers/${code}/forms/01.pdf`)).status).toBe(404);
    expect((await t.client().get(`/api/v1/dossiers/${code}/forms/01.pdf`)).status).toBe(401);
  });
});

// ---- uploads ----

describe('uploads and downloads', () => {
  it('oversize → 413, renamed executable → 415, path-traversal name stored safely, other agency → 404', async () => {
    const { code } = await atHandler();
    const c = u['demo.chuyenvien']!;
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(MAX_FILE + 10, 0x20)]);
    const r413 = await upload(c, `/api/v1/dossiers/${code}/files`, form({}, { name: 'big.pdf', data: big, type: 'application/pdf' }));
    expect(r413.status).toBe(413);
    expect(r413.body.code).toBe('FILE_TOO_LARGE');

    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(4000, 1)]);
    const r415 = await upload(c, `/api/v1/dossiers/${code}/files`, form({}, { name: 'don-de-nghi.pdf', data: elf, type: 'application/pdf' }));
    expect(r415.status).toBe(415);
    expect(r415.body.code).toBe('FILE_TYPE_NOT_ALLOWED');
    const mz = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4000, 0)]);
    expect((await upload(c, `/api/v1/dossiers/${code}/files`, form({}, { name: 'anh.jpg', data: mz, type: 'image/jpeg' }))).status).toBe(415);
    // a zip that is not an office document
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('payload.exe'), Buffer.alloc(100, 0)]);
    expect((await upload(c, `/api/v1/dossiers/${code}/files`, form({}, { name: 'x.docx', data: zip }))).status).toBe(415);
    // nothing of the rejected uploads stays on disk
    const blobs = () => (existsSync(join(filesDir, 'sha256')) ? readdirSync(join(filesDir, 'sha256'), { recursive: true }).filter((f) => String(f).length > 60) : []);
    // the refused upload's temporary file is removed as the stream ends, which may be just after the answer
    await expect.poll(() => readdirSync(join(filesDir, 'tmp')), { timeout: 10_000 }).toEqual([]);

    const pdf = await minimalPdf();
    const ok = await upload(c, `/api/v1/dossiers/${code}/files`, form({ purpose: 'supplement', componentName: 'Tờ khai' }, { name: '../../../../etc/passwd.pdf', data: pdf }));
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.name).toBe('passwd.pdf');
    expect(ok.body.kind).toBe('pdf');
    expect(ok.body.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(existsSync(resolve(filesDir, '../../etc/passwd.pdf'))).toBe(false);
    expect(blobs().some((f) => String(f).endsWith(ok.body.sha256))).toBe(true);

    const dl = await getBinary(c, `/api/v1/files/${ok.body.id}`);
    expect(dl.status).toBe(200);
    expect(dl.body.equals(pdf)).toBe(true);
    expect(dl.headers.get('content-disposition')).toContain('passwd.pdf');
    expect(dl.headers.get('x-content-type-options')).toBe('nosniff');
    // another agency's official (commune 2) and the unauthenticated: 404 / 401; unknown ids 404
    expect((await getBinary(u['demo.xa2.tiepnhan']!, `/api/v1/files/${ok.body.id}`)).status).toBe(404);
    expect((await getBinary(u['demo.xa2.tiepnhan']!, `/api/v1/dossiers/${code}/files`)).status).toBe(404);
    expect((await upload(u['demo.xa2.tiepnhan']!, `/api/v1/dossiers/${code}/files`, form({}, { name: 'a.pdf', data: pdf }))).status).toBe(404);
    expect((await getBinary(t.client(), `/api/v1/files/${ok.body.id}`)).status).toBe(401);
    expect((await getBinary(c, `/api/v1/files/${randomUUID()}`)).status).toBe(404);
    expect((await getBinary(c, '/api/v1/files/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);

    // the supplement that uses the file records its hash in the event
    await act(c, code, 'request_supplement', { reason: 'Thiếu tờ khai', items: ['Tờ khai'] });
    const sup = await act(u['demo.tiepnhan']!, code, 'receive_supplement', { fileIds: [ok.body.id] });
    expect(sup.events[0].payload.files[0]).toMatchObject({ id: ok.body.id, sha256: ok.body.sha256 });
    // the same file cannot be attached twice; a bad id is refused without a half-written change
    const again = await u['demo.chuyenvien']!.post(`/api/v1/dossiers/${code}/actions/forward`, { version: sup.dossier.version, payload: { fileIds: [ok.body.id] } });
    expect(again.status).toBe(422);
    expect((await u['demo.chuyenvien']!.get(`/api/v1/dossiers/${code}`)).body.version).toBe(sup.dossier.version);

    const list = await c.get(`/api/v1/dossiers/${code}/files`);
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({ id: ok.body.id, purpose: 'supplement', attached: { action: 'receive_supplement' } });
    expect(list.body.digitisation.length).toBeGreaterThan(0);

    // per-dossier limit: 3 × MAX_FILE in all
    const near = Buffer.concat([pdf, Buffer.alloc(MAX_FILE - pdf.length - 10, 0x20)]);
    expect((await upload(c, `/api/v1/dossiers/${code}/files`, form({}, { name: 'a.pdf', data: near }))).status).toBe(201);
    expect((await upload(c, `/api/v1/dossiers/${code}/files`, form({}, { name: 'b.pdf', data: Buffer.concat([near, Buffer.from(' ')]) }))).status).toBe(201);
    const over = await upload(c, `/api/v1/dossiers/${code}/files`, form({}, { name: 'c.pdf', data: Buffer.concat([near, Buffer.from('  ')]) }));
    expect(over.status).toBe(413);
    expect(over.body.code).toBe('DOSSIER_FILES_TOO_LARGE');

    // bad input: not multipart, no file part, bad purpose; a monitoring-only role cannot upload
    expect((await c.post(`/api/v1/dossiers/${code}/files`, { a: 1 })).status).toBe(415);
    const noFile = new FormData();
    noFile.append('purpose', 'component');
    expect((await upload(c, `/api/v1/dossiers/${code}/files`, noFile)).status).toBe(400);
    expect((await upload(c, `/api/v1/dossiers/${code}/files`, form({ purpose: 'hack' }, { name: 'a.pdf', data: pdf }))).status).toBe(400);
  });
});

// ---- results and signatures ----

describe('result documents and digital signatures', () => {
  it('a result PDF is signed with the agency certificate, recorded with its hash, verifies; a modified copy does not; the citizen downloads it online', async () => {
    const { code, secret } = await atHandler({ delivery: { method: 'online' } });
    await act(u['demo.chuyenvien']!, code, 'forward');
    await act(u['demo.lanhdao']!, code, 'claim');
    await act(u['demo.lanhdao']!, code, 'approve');
    await act(u['demo.vanthu']!, code, 'claim');
    const up = await upload(u['demo.vanthu']!, `/api/v1/dossiers/${code}/files`, form({ purpose: 'result' }, { name: 'Quyết định 15.pdf', data: await minimalPdf() }));
    expect(up.status).toBe(201);
    const res = await u['demo.vanthu']!.post(`/api/v1/dossiers/${code}/results`, { number: '15/QĐ-STP', date: '2026-11-23', signer: 'Phạm Quốc Hưng', title: 'Quyết định cấp phép', fileId: up.body.id });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.digitallySigned).toBe(true);
    expect(res.body.file.signedFrom).toBe(up.body.id);
    expect(res.body.resultCode).toBeTruthy();
    // duplicates and bad input
    expect((await u['demo.vanthu']!.post(`/api/v1/dossiers/${code}/results`, { number: '15/QĐ-STP', date: '2026-11-23', signer: 'X', fileId: up.body.id, sign: false })).status).toBe(409);
    expect((await u['demo.vanthu']!.post(`/api/v1/dossiers/${code}/results`, { number: '', date: '2026-13-40', signer: 'X', fileId: 'nope' })).status).toBe(400);
    expect((await u['demo.tiepnhan']!.post(`/api/v1/dossiers/${code}/results`, { number: '16', date: '2026-11-23', signer: 'X', fileId: up.body.id })).status).toBe(403);

    const rec = await act(u['demo.vanthu']!, code, 'record_result', { documents: [{ number: '15/QĐ-STP', date: '2026-11-23', signer: 'Phạm Quốc Hưng', fileId: res.body.file.id }] });
    expect(rec.events[0].payload.files[0]).toMatchObject({ id: res.body.file.id, sha256: res.body.file.sha256 });

    const signed = await getBinary(u['demo.vanthu']!, `/api/v1/files/${res.body.file.id}`);
    expect(signed.status).toBe(200);
    const v = await upload(u['demo.tiepnhan']!, '/api/v1/files/verify-signature', form({}, { name: 'kq.pdf', data: signed.body }));
    expect(v.status).toBe(200);
    expect(v.body).toMatchObject({ signed: true, valid: true, modifiedAfterSigning: false });
    expect(v.body.signatures[0].signer.commonName).toBe('Sở Tư pháp tỉnh Thanh Hóa');
    expect(v.body.signatures[0].trusted).toBe(true);
    expect(v.body.signatures[0].signingTime).toBe(t.clock.now().toISOString().replace(/\.\d{3}Z$/, '.000Z'));

    const tampered = Buffer.from(signed.body);
    const at = tampered.indexOf('Tinos');
    tampered[at] = 'X'.charCodeAt(0);
    const bad = await upload(u['demo.tiepnhan']!, '/api/v1/files/verify-signature', form({}, { name: 'kq.pdf', data: tampered }));
    expect(bad.body).toMatchObject({ signed: true, valid: false, modifiedAfterSigning: true });
    expect((await upload(u['demo.tiepnhan']!, '/api/v1/files/verify-signature', form({}, { name: 'x.png', data: PNG_1x1 }))).status).toBe(415);

    // the citizen's online copy: with the receipt secret, only this result file
    const pub = await getBinary(t.client(), `/api/v1/public/dossiers/${code}/results/${res.body.file.id}?secret=${encodeURIComponent(secret)}`);
    expect(pub.status).toBe(200);
    expect(pub.body.equals(signed.body)).toBe(true);
    expect((await getBinary(t.client(), `/api/v1/public/dossiers/${code}/results/${res.body.file.id}?secret=wrong`)).status).toBe(404);
    expect((await getBinary(t.client(), `/api/v1/public/dossiers/${code}/results/${up.body.id}?secret=${encodeURIComponent(secret)}`)).status).toBe(404);
  });
});

// ---- templates ----

describe('form templates', () => {
  it('the TT 03/2025 titles are seeded; an admin adds a version that new prints use; others may not', async () => {
    const list = await u['demo.admin']!.get('/api/v1/form-templates');
    expect(list.status).toBe(200);
    expect(list.body.items.map((x: any) => x.title)).toEqual([
      'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
      'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết', 'Thông báo dừng giải quyết hồ sơ', 'Phiếu kiểm soát quá trình giải quyết hồ sơ', 'Sổ theo dõi hồ sơ',
    ]);
    const v1 = list.body.items.find((x: any) => x.form === '06');
    const content = { ...v1.content, title: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ (SỬA ĐỔI)' };
    const body = { legalBasis: 'Thông tư sửa đổi (thử nghiệm)', effectiveFrom: '2026-01-01', title: 'Phiếu kiểm soát (sửa đổi)', content };
    expect((await u['demo.tiepnhan']!.post('/api/v1/form-templates/06', body)).status).toBe(403);
    expect((await u['demo.admin']!.post('/api/v1/form-templates/06', { ...body, content: { ...content, body: ['{{table:nope}}'] } })).status).toBe(422);
    expect((await u['demo.admin']!.post('/api/v1/form-templates/06', { ...body, effectiveFrom: 'soon' })).status).toBe(400);
    const created = await u['demo.admin']!.post('/api/v1/form-templates/06', body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.version).toBe(2);
    const { code } = await atHandler();
    const text = await extractText((await getBinary(u['demo.tiepnhan']!, `/api/v1/dossiers/${code}/forms/06.pdf`)).body);
    expect(text).toContain('(SỬA ĐỔI)');
  });
});

describe('shared blobs', () => {
  it('an upload whose blob was removed by a rejected twin gets 409 UPLOAD_RETRY and leaves no row', async () => {
    const { code } = await atHandler();
    const real = t.ctx.blobStore; // the port on the context (FsBlobStore on filesDir, from the configuration)
    // a store that reports the blob gone when the reference is about to be added (the race, made certain)
    const racing = Object.assign(Object.create(Object.getPrototypeOf(real)), real, { has: async () => false });
    t.ctx.blobStore = racing;
    try {
      const pdf = Buffer.concat([await minimalPdf(), Buffer.from(`% ${randomUUID()}`)]);
      const r = await upload(u['demo.chuyenvien']!, `/api/v1/dossiers/${code}/files`, form({}, { name: 'dup.pdf', data: pdf }));
      expect(r.status).toBe(409);
      expect(r.body.code).toBe('UPLOAD_RETRY');
      const sha = createHash('sha256').update(pdf).digest('hex');
      const { rows } = await t.ctx.database.pool.query('SELECT count(*)::int n FROM files WHERE sha256 = $1', [sha]);
      expect(rows[0].n).toBe(0);
    } finally {
      t.ctx.blobStore = real;
    }
  });
});
