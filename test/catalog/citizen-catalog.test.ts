// The citizen portal's public catalogue, without signing in: search with or without diacritics, browsing by
// field, level and agency (counts that agree with the search), the page of EVERY procedure of the bundled
// catalogue (its API answers 200 and the citizen page renders it), the NĐ 42/2022 online level; and where
// the two web apps live (citizen at `/`, officials under /can-bo, old links redirected, compressed answers).
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceCatalog } from '../../src/modules/catalog/catalog.import.js';
import { onlineLevelOf } from '../../src/modules/catalog/catalog.service.js';
import { startTestApp, type TestApp } from '../helpers.js';
import { ensureWebBuilt } from '../web/browser.js';

let t: TestApp;
/** The citizen page of a procedure (web/src/citizen/pages/Procedure.tsx, typed by web/tsconfig.json, so loaded by path). */
let ProcedureView: (props: { p: unknown }) => unknown;
const WEB_CITIZEN = new URL('../../web/src/citizen/', import.meta.url).pathname;

beforeAll(async () => {
  await import(/* @vite-ignore */ `${WEB_CITIZEN}i18n.ts`);
  ({ ProcedureView } = await import(/* @vite-ignore */ `${WEB_CITIZEN}pages/Procedure.tsx`));
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('public catalogue for citizens (no sign-in)', () => {
  it('finds "Đăng ký khai sinh" typed without diacritics, and with them', async () => {
    const c = t.client();
    for (const q of ['dang ky khai sinh', 'Đăng ký khai sinh', 'DANG KY KHAI SINH']) {
      const r = await c.get(`/api/v1/procedures?q=${encodeURIComponent(q)}`);
      expect(r.status).toBe(200);
      expect(r.body.items.map((x: { code: string }) => x.code), q).toContain('1.001193');
    }
  });

  it('browses by field, level and agency with counts equal to what the filtered search returns', async () => {
    const c = t.client();
    // the search counts up to 1000 and then says "1000+" (totalCapped)
    const total = async (query: string) => {
      const b = (await c.get(`/api/v1/procedures?${query}&pageSize=1`)).body;
      return b.totalCapped ? `${b.total}+` : b.total;
    };
    const counted = (n: number) => (n > 1000 ? '1000+' : n);
    const fields = (await c.get('/api/v1/procedures/fields')).body;
    const levels = await c.get('/api/v1/procedures/levels');
    const agencies = await c.get('/api/v1/procedures/agencies');
    expect(levels.status).toBe(200);
    expect(agencies.status).toBe(200);
    expect(levels.body.items.map((l: { level: string }) => l.level).sort()).toEqual(['commune', 'ministry', 'province']);
    expect(fields.items.length).toBeGreaterThan(50);
    expect(agencies.body.items.length).toBeGreaterThan(5);
    const f = fields.items.find((x: { name: string }) => x.name === 'Hộ tịch');
    expect(await total(`field=${encodeURIComponent(f.name)}`)).toBe(counted(f.count));
    for (const l of levels.body.items) expect(await total(`level=${l.level}`)).toBe(counted(l.count));
    for (const a of agencies.body.items.slice(0, 3)) expect(await total(`agency=${a.code}`), a.name).toBe(counted(a.count));
    const commune = agencies.body.items.find((a: { kind: string }) => a.kind === 'commune_committee');
    expect(commune.count).toBeGreaterThan(100);
    // by competent agency (field → agency map): each field's count is what the search for it at that level finds
    const byAgency = (await c.get('/api/v1/public/agency-fields')).body;
    const stp = byAgency.items.find((a: { agencyName: string | null }) => a.agencyName?.startsWith('Sở Tư pháp'));
    expect(stp.level).toBe('province');
    expect(stp.fields.length).toBeGreaterThan(0);
    expect(stp.count).toBe(stp.fields.reduce((n: number, f: { count: number }) => n + f.count, 0));
    const sf = stp.fields[0];
    expect(await total(`field=${encodeURIComponent(sf.name)}&level=province`)).toBe(counted(sf.count));
    expect(byAgency.items.some((a: { communeKind: string | null }) => a.communeKind === 'commune_committee')).toBe(true);
    // the new endpoints are in the OpenAPI document (so the web app's generated types have them)
    const doc = (await c.get('/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/procedures/levels', '/api/v1/procedures/agencies', '/api/v1/public/agency-fields']));
  });

  it('reads the online level of NĐ 42/2022 from the record', () => {
    expect(onlineLevelOf([{ kind: 'in_person', description: '' }], null)).toBe('none');
    expect(onlineLevelOf([{ kind: 'online', description: 'Nộp hồ sơ trực tuyến' }], null)).toBe('partial');
    expect(onlineLevelOf([{ kind: 'online', description: 'Dịch vụ công trực tuyến toàn trình' }], null)).toBe('full');
    expect(onlineLevelOf([{ kind: 'online', description: '' }], 'thủ tục chưa thực hiện toàn trình trên cổng')).toBe('partial');
  });

  it('every procedure of the bundled catalogue: its page API answers 200 and the citizen page renders it', async () => {
    const codes = [...new Set(referenceCatalog().parsed.map((p) => p.code))];
    const c = t.client();
    const failures: string[] = [];
    const online = { full: 0, partial: 0, none: 0 };
    let withCases = 0;
    let withFees = 0;
    for (const code of codes) {
      const r = await c.get(`/api/v1/procedures/${encodeURIComponent(code)}`);
      if (r.status !== 200) { failures.push(`${code}: HTTP ${r.status}`); continue; }
      online[r.body.onlineLevel as keyof typeof online]++;
      if (r.body.cases.length > 1) withCases++;
      if (r.body.channels.some((ch: { fees: unknown[] }) => ch.fees.length > 0)) withFees++;
      try {
        const html = renderToString(createElement(ProcedureView as never, { p: r.body }));
        if (!html.includes(code)) failures.push(`${code}: the page does not show its code`);
        if (!html.includes('id="h-giay-to"') || !html.includes('id="h-cach-nop"') || !html.includes('id="h-can-cu"')) failures.push(`${code}: a section is missing`);
      } catch (err) {
        failures.push(`${code}: render failed: ${(err as Error).message}`);
      }
    }
    console.log(`citizen procedure pages: ${codes.length} procedures, ${failures.length} failures; online full ${online.full}, partial ${online.partial}, none ${online.none}; ${withCases} with several cases, ${withFees} with fees`);
    expect(failures).toEqual([]);
    expect(codes.length).toBeGreaterThan(2500);
  }, 600_000);

  it('a procedure page shows the record: cases, papers with their counts, each channel\'s limit and fees, legal basis', async () => {
    const p = (await t.client().get('/api/v1/procedures/1.001193')).body;
    const html = renderToString(createElement(ProcedureView as never, { p }));
    expect(html).toContain('Thủ tục đăng ký khai sinh');
    for (const ch of p.channels) expect(html).toContain(`data-channel="${ch.kind}"`);
    expect(html).toContain('bản chính');
    expect(p.legalBasis.length).toBeGreaterThan(0);
    expect(html).toContain(p.legalBasis[0].title.slice(0, 20));
    expect(html).toContain(`data-online="${p.onlineLevel}"`);
  });
});

describe('where the web apps live', () => {
  beforeAll(async () => {
    await ensureWebBuilt();
  }, 300_000);

  it('citizen portal at / (and its routes, /tra-cuu included), officials under /can-bo, old links redirected, /api untouched', async () => {
    const page = async (path: string) => {
      const r = await fetch(`${t.url}${path}`, { redirect: 'manual' });
      return { status: r.status, location: r.headers.get('location'), text: await r.text() };
    };
    for (const p of ['/', '/thu-tuc/1.001193', '/danh-muc', '/tra-cuu?code=x&secret=y']) {
      const r = await page(p);
      expect(r.status, p).toBe(200);
      expect(r.text, p).toMatch(/assets\/citizen-[\w-]+\.js/);
    }
    for (const p of ['/can-bo', '/can-bo/inbox', '/can-bo/dossiers/ABC']) {
      const r = await page(p);
      expect(r.status, p).toBe(200);
      expect(r.text, p).toMatch(/assets\/officials-[\w-]+\.js/);
    }
    for (const [from, to] of [['/inbox?tab=all', '/can-bo/inbox?tab=all'], ['/dossiers/000.00.01.H56-261123-0001', '/can-bo/dossiers/000.00.01.H56-261123-0001'], ['/dashboard', '/can-bo/dashboard'], ['/admin/holidays', '/can-bo/admin/holidays'], ['/print/slip/X', '/can-bo/print/slip/X']]) {
      const r = await page(from);
      expect(r.status, from).toBe(301);
      expect(r.location, from).toBe(to);
    }
    expect((await page('/api/v1/nope')).status).toBe(404);
    expect((await page('/assets/nope.js')).status).toBe(404);
  });

  it('serves the built assets precompressed and the API compressed', async () => {
    const index = await (await fetch(`${t.url}/`)).text();
    const js = /src="(\/assets\/citizen-[\w-]+\.js)"/.exec(index)![1]!;
    const br = await fetch(`${t.url}${js}`, { headers: { 'accept-encoding': 'br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    const gz = await fetch(`${t.url}${js}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('content-type')).toMatch(/javascript/);
    // an API answer (fetch decodes it)
    const api = await fetch(`${t.url}/api/v1/procedures/1.001193`, { headers: { 'accept-encoding': 'gzip' } });
    expect(api.headers.get('content-encoding')).toBe('gzip');
    expect((await api.json()).code).toBe('1.001193');
  });
});
