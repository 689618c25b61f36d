// Migration 0016 on the test database (PGlite by default): names stored with the old tone placement ("Thanh Hoá",
// "Khánh Hoà", "Sơn Thuỷ") in agencies and administrative units are respelled the way the administrative-unit
// data is imported (modernTones: "Thanh Hóa"); "quá", "thuyền" and names already right are left alone; a second
// run changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMigrations } from '../../src/platform/db/migrations.js';
import { modernTones } from '../../src/platform/text.js';
import { freshDatabase } from '../helpers.js';
import type { Database } from '../../src/platform/db/database.js';

let db: Database;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => db?.close());

const migration = readMigrations().find((m) => m.version === '0016')!;
const q = (text: string, params: unknown[] = []) => db.pool.query(text, params);

describe('0016 one spelling of unit names', () => {
  it('respells old stored names in agencies and admin units, idempotently', async () => {
    const province = (await q(`SELECT code, name, full_name FROM admin_units WHERE code = '38' AND generation = 'current'`)).rows[0];
    expect(province.name).toBe('Thanh Hóa');
    const agency = (await q(`SELECT id FROM agencies WHERE valid_to IS NULL ORDER BY code LIMIT 1`)).rows[0];
    const agencyId = agency?.id ?? (await q(`INSERT INTO agencies (code, name, kind) VALUES ('000.00.99.H56', 'x', 'department') RETURNING id`)).rows[0].id;
    const old = [
      'Ủy ban nhân dân tỉnh Thanh Hoá',
      'Phường Hoà Bình, tỉnh Khánh Hoà',
      'Xã Sơn Thuỷ (cũ)',
      'Quá cảnh, thuyền Thuý',
      'Trạm Y tế xã Hòa An',
    ];
    await q(`UPDATE admin_units SET name = 'Thanh Hoá', full_name = 'Tỉnh Thanh Hoá' WHERE code = '38' AND generation = 'current'`);
    const results: string[] = [];
    for (const name of old) {
      await q(`UPDATE agencies SET name = $1 WHERE id = $2`, [name, agencyId]);
      await q(migration.sql);
      results.push((await q(`SELECT name FROM agencies WHERE id = $1`, [agencyId])).rows[0].name);
      // a second run changes nothing
      await q(migration.sql);
      expect((await q(`SELECT name FROM agencies WHERE id = $1`, [agencyId])).rows[0].name).toBe(results.at(-1));
    }
    expect(results).toEqual([
      'Ủy ban nhân dân tỉnh Thanh Hóa',
      'Phường Hòa Bình, tỉnh Khánh Hòa',
      'Xã Sơn Thủy (cũ)',
      'Quá cảnh, thuyền Thúy',
      'Trạm Y tế xã Hòa An',
    ]);
    // the same spelling the importer gives (platform/text.ts modernTones)
    expect(results).toEqual(old.map(modernTones));
    const after = (await q(`SELECT name, full_name FROM admin_units WHERE code = '38' AND generation = 'current'`)).rows[0];
    expect(after).toEqual({ name: 'Thanh Hóa', full_name: 'Tỉnh Thanh Hóa' });
  });

  it('after the migration no current administrative unit or agency keeps an old spelling', async () => {
    await q(migration.sql);
    const units = (await q(`SELECT full_name FROM admin_units`)).rows.map((r) => r.full_name as string);
    expect(units.length).toBeGreaterThan(3000);
    expect(units.filter((n) => n !== modernTones(n))).toEqual([]);
    const agencies = (await q(`SELECT name FROM agencies`)).rows.map((r) => r.name as string);
    expect(agencies.filter((n) => n !== modernTones(n))).toEqual([]);
  });
});
