// The public verify API (GET /api/v1/public/verify?sha256=) over HTTP: the hash of a result issued on a
// dossier of the bundled catalogue answers the dossier code, procedure, issuing agency, number, date
// (dd/mm/yyyy) and — only when digitally signed — the signer, and nothing personal; the unsigned source file
// of a signed result, an unknown hash and a malformed one are told apart; the route is rate limited.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient, ManualClock, TestApp } from '../helpers.js';
import { PROV_PROC, T0, startDossierApp } from '../dossiers/fixtures.js';
import { testPki } from './pki.js';
import { RESULT_OFFICIALS, issuedResult, samplePdf } from './issued-result.js';

let t: TestApp & { clock: ManualClock };
const u: Record<string, HttpClient> = {};
const pkiDir = mkdtempSync(join(tmpdir(), 'motcua-pki-'));
let pdf: Buffer;

beforeAll(async () => {
  const pki = testPki(T0);
  writeFileSync(join(pkiDir, 'default.p12'), pki.issue('Sở Tư pháp tỉnh Thanh Hóa', 'UBND tỉnh Thanh Hóa', { serial: '5102' }).p12('bí-mật'));
  t = await startDossierApp({ MOTCUA_SIGNING_P12: join(pkiDir, 'default.p12'), MOTCUA_SIGNING_PASSWORD: 'bí-mật' });
  for (const name of RESULT_OFFICIALS) u[name] = await t.login(name);
  pdf = await samplePdf(u['demo.tiepnhan']!);
}, 120_000);
afterAll(async () => {
  await t?.close();
  rmSync(pkiDir, { recursive: true, force: true });
});

describe('public verify by SHA-256', () => {
  it('a signed result: dossier code, procedure, agency, number, dd/mm/yyyy, signer; nothing personal', async () => {
    const r = await issuedResult(u, { number: '15/QĐ-STP', date: '2026-11-23', signer: 'Phạm Quốc Hưng', title: 'Quyết định cấp phép' }, pdf);
    const anon = t.client();
    const v = await anon.get(`/api/v1/public/verify?sha256=${r.sha256}`);
    expect(v.status, JSON.stringify(v.body)).toBe(200);
    expect(v.body.sha256).toBe(r.sha256);
    expect(v.body.documents).toHaveLength(1);
    const d = v.body.documents[0];
    expect(d).toMatchObject({
      kind: 'result', dossierCode: r.code, procedure: { code: PROV_PROC }, number: '15/QĐ-STP', title: 'Quyết định cấp phép',
      issuedOn: '2026-11-23', issuedOnText: '23/11/2026', digitallySigned: true, signer: 'Phạm Quốc Hưng',
    });
    expect(d.procedure.name).toBeTruthy();
    expect(d.agency.name).toBeTruthy();
    // never the applicant's data
    const text = JSON.stringify(v.body);
    for (const personal of ['Nguyễn Thị Bích Ngọc', '038190012345', '0912', 'ngoc@example.vn', 'Lê Lợi', r.secret]) expect(text).not.toContain(personal);
    // the hash in capitals and with spaces around is the same hash
    expect((await anon.get(`/api/v1/public/verify?sha256=%20${r.sha256.toUpperCase()}%20`)).body.documents[0].dossierCode).toBe(r.code);
    // the unsigned file it was signed from is not the issued result
    const src = await anon.get(`/api/v1/public/verify?sha256=${r.sourceSha256}`);
    expect(src.status).toBe(404);
  });

  it('an unsigned result names no signer', async () => {
    const r = await issuedResult(u, { number: '16/QĐ-STP', date: '2026-11-24', signer: 'Phạm Quốc Hưng', title: 'Quyết định', sign: false }, pdf);
    const v = await t.client().get(`/api/v1/public/verify?sha256=${r.sha256}`);
    expect(v.status).toBe(200);
    expect(v.body.documents[0]).toMatchObject({ dossierCode: r.code, digitallySigned: false, signer: null, issuedOnText: '24/11/2026' });
  });

  it('unknown hash → 404 VERIFY_NOT_FOUND "không tìm thấy"; bad hash → 400 SHA256_INVALID on query.sha256', async () => {
    const anon = t.client();
    const unknown = await anon.get(`/api/v1/public/verify?sha256=${'ab'.repeat(32)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('VERIFY_NOT_FOUND');
    expect(unknown.body.title).toMatch(/Không tìm thấy/);
    for (const bad of ['abc', 'g'.repeat(64), 'a'.repeat(63), 'a'.repeat(65), '']) {
      const r = await anon.get(`/api/v1/public/verify?sha256=${bad}`);
      expect(r.status, bad).toBe(400);
      expect(r.body.errors).toEqual([expect.objectContaining({ path: 'query.sha256', code: 'SHA256_INVALID' })]);
    }
    const none = await anon.get('/api/v1/public/verify');
    expect(none.status).toBe(400);
    expect(none.body.errors[0].path).toBe('query.sha256');
    const en = await anon.get('/api/v1/public/verify?sha256=xyz', { 'accept-language': 'en' });
    expect(en.body.errors[0].message).toMatch(/64 hexadecimal/);
  });

  it('is rate limited like the public look-up (429 past the limit)', async () => {
    const anon = t.client();
    let last = 0;
    for (let i = 0; i < 40 && last !== 429; i++) last = (await anon.get(`/api/v1/public/verify?sha256=${'cd'.repeat(32)}`)).status;
    expect(last).toBe(429);
  });
});
