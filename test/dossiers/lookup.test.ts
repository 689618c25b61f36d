// The citizen lookup with what is printed on the receipt: case-insensitive code and secret, a hint on failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient, TestApp } from '../helpers.js';
import { receive, startDossierApp } from './fixtures.js';

let t: TestApp;
let desk: HttpClient;
beforeAll(async () => {
  t = await startDossierApp();
  desk = await t.login('demo.tiepnhan');
});
afterAll(async () => t?.close());

describe('public lookup from the paper receipt', () => {
  it('the printed secret is grouped upper case without look-alikes; code and secret are read case-insensitively', async () => {
    const rec = await receive(desk);
    const { code, secret } = rec.receipt as { code: string; secret: string };
    expect(secret).toMatch(/^[2-9A-HJ-NP-Z]{5} [2-9A-HJ-NP-Z]{5} [2-9A-HJ-NP-Z]{5}$/);
    const typed = encodeURIComponent(secret.replace(/ /g, '').toLowerCase());
    const r = await t.client().get(`/api/v1/public/dossiers/${code.toLowerCase()}?secret=${typed}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.code).toBe(code);
    const spaced = await t.client().get(`/api/v1/public/dossiers/${code}?secret=${encodeURIComponent(secret)}`);
    expect(spaced.status).toBe(200);
  });

  it('a failed lookup says what to check, in Vietnamese and English, and the same for a wrong code or secret', async () => {
    const rec = await receive(desk);
    const wrongSecret = await t.client().get(`/api/v1/public/dossiers/${rec.receipt.code}?secret=AAAAA%20BBBBB%20CCCCC`);
    const wrongCode = await t.client().get(`/api/v1/public/dossiers/000.00.01.H56-261123-9999?secret=${encodeURIComponent(rec.receipt.secret)}`);
    for (const r of [wrongSecret, wrongCode]) {
      expect(r.status).toBe(404);
      expect(r.body.hintVi).toContain('không phân biệt chữ hoa');
      expect(r.body.hintEn).toContain('upper or lower case');
    }
    const same = (b: Record<string, unknown>) => ({ ...b, instance: null, requestId: null });
    expect(same(wrongSecret.body)).toEqual(same(wrongCode.body));
  });
});
