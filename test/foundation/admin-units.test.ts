// Administrative units (đơn vị hành chính): counts of both generations, old→new conversion, search with
// and without diacritics, and name matching that ignores where the tone mark sits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const get = (path: string) => t.client().get(path);
const total = async (query: string) => {
  const r = await get(`/api/v1/admin-units?${query}&pageSize=1`);
  expect(r.status, query).toBe(200);
  return r.body.total as number;
};

describe('counts', () => {
  it('current (from 1/7/2025): 34 provinces, 3,321 communes, no districts', async () => {
    expect(await total('level=province')).toBe(34);
    expect(await total('level=commune')).toBe(3321);
    expect(await total('level=district')).toBe(0);
    expect(await total('generation=current')).toBe(34 + 3321);
  });

  it('pre-2025: 63 provinces, 696 districts, 10,035 communes, valid until 30/6/2025', async () => {
    expect(await total('generation=pre2025&level=province')).toBe(63);
    expect(await total('generation=pre2025&level=district')).toBe(696);
    expect(await total('generation=pre2025&level=commune')).toBe(10035);
    const r = await get('/api/v1/admin-units/00001?generation=pre2025');
    expect(r.body.validTo).toBe('2025-06-30');
  });

  it('lists the communes of a province and pages through them', async () => {
    const all = await get('/api/v1/admin-units?parent=38&pageSize=500');
    expect(all.status).toBe(200);
    expect(all.body.items.length).toBe(all.body.total);
    expect(all.body.items.every((u: any) => u.level === 'commune' && u.provinceCode === '38')).toBe(true);
    expect(all.body.items.map((u: any) => u.fullName)).toContain('Phường Hạc Thành');
    const p2 = await get('/api/v1/admin-units?parent=38&pageSize=10&page=2');
    expect(p2.body.items.map((u: any) => u.code)).toEqual(all.body.items.slice(10, 20).map((u: any) => u.code));
  });

  it('one unit by code; unknown codes are 404, malformed ones 400', async () => {
    const r = await get('/api/v1/admin-units/38');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ code: '38', level: 'province', generation: 'current', validTo: null });
    expect(r.body.name).toBe('Thanh Hóa'); // one spelling, as CV 915 and the agencies write it
    expect((await get('/api/v1/admin-units/99999')).status).toBe(404);
    const bad = await get('/api/v1/admin-units/abc');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('params.code');
  });
});

describe('old → new conversion', () => {
  it('00001 Phường Phúc Xá → 00097 Phường Hồng Hà', async () => {
    const r = await get('/api/v1/admin-units/convert/00001');
    expect(r.status).toBe(200);
    expect(r.body.old).toMatchObject({ code: '00001', fullName: 'Phường Phúc Xá', generation: 'pre2025' });
    expect(r.body.current.map((u: any) => [u.code, u.fullName])).toContainEqual(['00097', 'Phường Hồng Hà']);
    expect(r.body.current.every((u: any) => u.generation === 'current' && ['full', 'partial'].includes(u.kind))).toBe(true);
  });

  it('converts a few more known codes', async () => {
    // 00004 Phường Trúc Bạch → 00004 Phường Ba Đình (codes are reused for other units after the reform)
    const r = await get('/api/v1/admin-units/convert/00004');
    expect(r.body.old.fullName).toBe('Phường Trúc Bạch');
    expect(r.body.current.map((u: any) => u.fullName)).toContain('Phường Ba Đình');
  });

  it('every pre-2025 commune converts to at least one current commune', async () => {
    const { rows } = await t.ctx.database.pool.query(
      `SELECT count(*)::int n FROM admin_units u WHERE generation = 'pre2025' AND level = 'commune'
         AND NOT EXISTS (SELECT 1 FROM admin_unit_mapping m WHERE m.old_code = u.code)`,
    );
    expect(rows[0].n).toBe(0);
  });

  it('404 for a code that is not a pre-2025 commune, 400 for a malformed code', async () => {
    expect((await get('/api/v1/admin-units/convert/99999')).status).toBe(404);
    expect((await get('/api/v1/admin-units/convert/001')).status).toBe(400); // a province code is not a commune code
    const bad = await get('/api/v1/admin-units/convert/12a45');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('params.oldCode');
  });
});

describe('search', () => {
  const search = async (q: string, extra = '') => {
    const r = await get(`/api/v1/admin-units?q=${encodeURIComponent(q)}${extra}`);
    expect(r.status, q).toBe(200);
    return r.body.items as Array<{ code: string; fullName: string; level: string }>;
  };

  it('finds "Hạc Thành" with and without diacritics, in any case', async () => {
    for (const q of ['Hạc Thành', 'hạc thành', 'hac thanh', 'HAC THANH', 'Hac Thanh']) {
      expect((await search(q)).map((u) => u.code), q).toContain('14797');
    }
  });

  it('finds provinces by name with and without diacritics', async () => {
    for (const q of ['Hà Nội', 'ha noi', 'Đắk Lắk', 'dak lak']) {
      const items = await search(q, '&level=province');
      expect(items.length, q).toBeGreaterThan(0);
    }
    expect((await search('ha noi', '&level=province'))[0].code).toBe('01');
  });

  it('ignores where the tone mark sits: "Thanh Hóa" = "Thanh Hoá", "Khánh Hòa" = "Khánh Hoà"', async () => {
    const a = await search('Thanh Hóa', '&level=province');
    const b = await search('Thanh Hoá', '&level=province');
    expect(a[0].code).toBe('38');
    expect(b[0].code).toBe('38');
    const c = await search('Khánh Hòa', '&level=province');
    const d = await search('Khánh Hoà', '&level=province');
    expect(c.map((u) => u.code)).toEqual(d.map((u) => u.code));
    expect(c.length).toBe(1);
    // one spelling is stored and shown ("Hòa", "Thủy", as CV 915 and the agencies write them); the other finds it
    const old = await search('Yên Hoà');
    expect(old.map((u) => u.fullName)).toContain('Phường Yên Hòa');
    expect((await search('Thuỷ Nguyên')).map((u) => u.fullName)).toContain('Phường Thủy Nguyên');
    expect(b[0].fullName).toBe('Tỉnh Thanh Hóa');
  });

  it('puts exact name matches first', async () => {
    const items = await search('Hồng Hà');
    expect(items[0].fullName).toBe('Phường Hồng Hà');
  });

  it('searches the pre-2025 list too', async () => {
    const items = await search('Phúc Xá', '&generation=pre2025');
    expect(items.map((u) => u.code)).toContain('00001');
  });

  it('treats LIKE wildcards in the query as plain text', async () => {
    for (const q of ['%', '_', '%%', 'a%b']) {
      const r = await get(`/api/v1/admin-units?q=${encodeURIComponent(q)}&pageSize=1`);
      expect(r.status, q).toBe(200);
      expect(r.body.total, q).toBe(0);
    }
  });
});
