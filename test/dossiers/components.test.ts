// Reception with the catalogue's components: by id (name filled in), a chosen case checks its checklist, free
// components still possible, catalogue-length texts accepted, bad input named on the field and nothing written.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient, TestApp } from '../helpers.js';
import { applicant, startDossierApp } from './fixtures.js';

let t: TestApp;
let xa: HttpClient;
let proc: any;
beforeAll(async () => {
  t = await startDossierApp();
  xa = await t.login('demo.xa.tiepnhan');
  proc = (await xa.get('/api/v1/procedures/1.001193')).body;
});
afterAll(async () => t?.close());

const post = (body: Record<string, unknown>) =>
  xa.post('/api/v1/dossiers', { procedureCode: '1.001193', channel: 1, applicant: applicant(), ...body }, { 'idempotency-key': randomUUID() });
const count = async () => Number((await t.ctx.database.pool.query('SELECT count(*) AS n FROM dossiers')).rows[0].n);

describe('catalogue components at reception', () => {
  it('by id: the catalogue name is filed; required papers of the case are checked on acceptance', async () => {
    const c1 = proc.cases[0];
    const required = c1.components.filter((c: any) => c.required).map((c: any) => ({ componentId: c.id, provided: true, form: 'original', copies: 1 }));
    const before = await count();
    const missing = await post({ caseKey: c1.key, components: required.slice(1) });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0]).toMatchObject({ path: 'body.components', code: 'REQUIRED_COMPONENT_MISSING' });
    expect(missing.body.errors[0].message).toContain('Thiếu giấy tờ bắt buộc');
    expect(await count()).toBe(before);
    // a free component as long as the longest text of the bundled catalogue (6,777 characters)
    const free = `Giấy tờ khác do người nộp tự mang: ${'nội dung dài '.repeat(560)}`.slice(0, 6_777);
    const ok = await post({ caseKey: c1.key, components: [...required, { name: free, provided: true, form: 'copy', copies: 1 }] });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const filed = ok.body.receipt.components as Array<{ name: string; componentId?: string }>;
    expect(filed.at(-1)!.name).toBe(free);
    expect(filed.find((f) => f.componentId === required[0].componentId)!.name).toBe(proc.components.find((c: any) => c.id === required[0].componentId).name);
    expect(ok.body.dossier.filing.caseKey).toBe(c1.key);
  });

  it('bad references are named on their field, nothing is written', async () => {
    const before = await count();
    const r = await post({
      caseKey: 'c99',
      components: [{ componentId: '00000000-0000-0000-0000-000000000000', provided: true }, { provided: true }],
    });
    expect(r.status).toBe(422);
    const paths = r.body.errors.map((e: any) => `${e.path}:${e.code}`);
    expect(paths).toEqual(['body.caseKey:CASE_UNKNOWN', 'body.components.0.componentId:COMPONENT_UNKNOWN', 'body.components.1.name:REQUIRED']);
    expect(r.body.errors[1].message).toContain('không có trong danh mục');
    const en = await xa.post('/api/v1/dossiers', { procedureCode: '1.001193', channel: 1, applicant: applicant(), caseKey: 'c99', components: [] }, { 'accept-language': 'en', 'idempotency-key': randomUUID() });
    expect(en.body.errors[0].message).toBe('The procedure has no case "c99"');
    const tooLong = await post({ components: [{ name: 'x'.repeat(10_001) }] });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors[0].path).toBe('body.components.0.name');
    expect(await count()).toBe(before);
  });
});
