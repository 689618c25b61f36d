// The admins' own e-form fields come back in the order the admin gave them — at the top level and inside a
// nested object and an array's items — not in PostgreSQL jsonb's key order (shorter keys first), on the real
// khai sinh and kết hôn procedures of the bundled catalogue; a new version keeps its own order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient } from '../helpers.js';
import { startDossierApp } from '../dossiers/fixtures.js';
import type { App } from './citizen-http.js';

let t: App;
let admin: HttpClient;

// keys in an order jsonb would change: longest first, then not alphabetical
const EXTENSION = {
  baseVersion: 0,
  required: ['thongTinNguoiChaDe'],
  properties: {
    thongTinNguoiChaDe: {
      type: 'object', title: 'Thông tin người cha',
      properties: { noiCuTruHienNay: { type: 'string', title: 'Nơi cư trú' }, hoTen: { type: 'string', title: 'Họ tên' }, ngaySinh: { type: 'string', format: 'date', title: 'Ngày sinh' } },
    },
    zz: { type: 'string', title: 'Ghi chú' },
    danhSachAnhChiEm: {
      type: 'array', title: 'Anh chị em', maxItems: 3,
      items: { type: 'object', properties: { ten: { type: 'string', title: 'Tên' }, namSinh: { type: 'integer', title: 'Năm sinh' }, a: { type: 'string', title: 'Quan hệ' } } },
    },
    b: { type: 'boolean', title: 'Đồng ý' },
  },
};

const keys = (o: any) => Object.keys(o);

beforeAll(async () => {
  t = await startDossierApp();
  admin = await t.login('demo.admin');
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('form extension field order', () => {
  for (const code of ['1.001193', '1.000894']) {
    it(`${code}: the public e-form lists the fields in the admin's order, nested too`, async () => {
      const put = await admin.request('PUT', `/api/v1/procedures/${code}/form-extension`, EXTENSION);
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      const form = await t.client().get(`/api/v1/public/procedures/${code}/form`);
      expect(form.status).toBe(200);
      const extra = form.body.schema.properties.extra;
      expect(keys(extra.properties)).toEqual(['thongTinNguoiChaDe', 'zz', 'danhSachAnhChiEm', 'b']);
      expect(keys(extra.properties.thongTinNguoiChaDe.properties)).toEqual(['noiCuTruHienNay', 'hoTen', 'ngaySinh']);
      expect(keys(extra.properties.danhSachAnhChiEm.items.properties)).toEqual(['ten', 'namSinh', 'a']);

      // a new version in another order keeps that order
      const reordered = { baseVersion: put.body.version, required: [], properties: { b: EXTENSION.properties.b, zz: EXTENSION.properties.zz } };
      const v2 = await admin.request('PUT', `/api/v1/procedures/${code}/form-extension`, reordered);
      expect(v2.status, JSON.stringify(v2.body)).toBe(200);
      expect(keys(v2.body.properties)).toEqual(['b', 'zz']);
      expect(keys((await t.client().get(`/api/v1/public/procedures/${code}/form`)).body.schema.properties.extra.properties)).toEqual(['b', 'zz']);
    });
  }
});
