// Loads the administrative units (đơn vị hành chính) from reference-data/dvhc into the database:
// the current 34 provinces / 3,321 communes, the pre-2025 63/696/10,035 units with validity dates,
// and the old→new commune mapping of 1/7/2025. Idempotent: skipped when already loaded.
import { readFileSync } from 'node:fs';
import * as repo from './admin-units.repo.js';
import type { Db } from '../../platform/db/database.js';
import { modernTones, nfc, toneKey } from '../../platform/text.js';

const DIR = new URL('../../../reference-data/dvhc/', import.meta.url);
const REFORM_DAY = '2025-07-01';
const PRE_REFORM_LAST_DAY = '2025-06-30';
const PRE_REFORM_LIST_FROM = '2025-03-01';

interface UnitRow {
  generation: 'current' | 'pre2025';
  code: string;
  level: 'province' | 'district' | 'commune';
  name: string;
  full_name: string;
  name_en: string | null;
  unit_type: string | null;
  parent_code: string | null;
  province_code: string;
  valid_from: string | null;
  valid_to: string | null;
  name_key: string;
}

const readJson = (file: string) => JSON.parse(readFileSync(new URL(file, DIR), 'utf8'));

// one spelling of every name, the tone placement of CV 915/CTK-CSCL and the agencies ("Thanh Hóa"): the
// 2026 list writes some the old way ("Thanh Hoá", "Khánh Hoà"), and the screens and forms showed both
function unit(r: Omit<UnitRow, 'name_key'>): UnitRow {
  const full = modernTones(r.full_name);
  return { ...r, name: modernTones(r.name), full_name: full, name_key: toneKey(full) };
}

/** The pre-2025 lists give only full names ("Phường Phúc Xá"); split off the unit type. */
const TYPE_PREFIX = /^(Thành phố|Tỉnh|Quận|Huyện|Thị xã|Thị trấn|Phường|Xã|Đặc khu)\s+/;
function splitType(fullName: string): { type: string | null; name: string } {
  const m = TYPE_PREFIX.exec(nfc(fullName));
  return m ? { type: m[1], name: nfc(fullName).slice(m[0].length) } : { type: null, name: nfc(fullName) };
}

export function currentUnits(): UnitRow[] {
  const out: UnitRow[] = [];
  for (const p of readJson('dvhc_2026-07_34tinh_3321xa_full.json')) {
    out.push(unit({ generation: 'current', code: p.Code, level: 'province', name: p.Name, full_name: p.FullName, name_en: p.NameEn ?? null, unit_type: p.AdministrativeUnitShortName ?? null, parent_code: null, province_code: p.Code, valid_from: REFORM_DAY, valid_to: null }));
    for (const w of p.Wards ?? []) {
      out.push(unit({ generation: 'current', code: w.Code, level: 'commune', name: w.Name, full_name: w.FullName, name_en: w.NameEn ?? null, unit_type: w.AdministrativeUnitShortName ?? null, parent_code: p.Code, province_code: p.Code, valid_from: REFORM_DAY, valid_to: null }));
    }
  }
  return out;
}

export function preReformUnits(): UnitRow[] {
  const out: UnitRow[] = [];
  const base = { generation: 'pre2025' as const, name_en: null, valid_from: PRE_REFORM_LIST_FROM, valid_to: PRE_REFORM_LAST_DAY };
  for (const p of readJson('dvhc_2025-03_63tinh_3cap_vn_only.json')) {
    const ps = splitType(p.FullName);
    out.push(unit({ ...base, code: p.Code, level: 'province', name: ps.name, full_name: p.FullName, unit_type: ps.type, parent_code: null, province_code: p.Code }));
    for (const d of p.District ?? []) {
      const ds = splitType(d.FullName);
      out.push(unit({ ...base, code: d.Code, level: 'district', name: ds.name, full_name: d.FullName, unit_type: ds.type, parent_code: p.Code, province_code: p.Code }));
      for (const w of d.Ward ?? []) {
        const ws = splitType(w.FullName);
        out.push(unit({ ...base, code: w.Code, level: 'commune', name: ws.name, full_name: w.FullName, unit_type: ws.type, parent_code: d.Code, province_code: p.Code }));
      }
    }
  }
  return out;
}

export function communeMapping(): Array<{ old_code: string; new_code: string; kind: 'full' | 'partial' }> {
  const seen = new Map<string, { old_code: string; new_code: string; kind: 'full' | 'partial' }>();
  for (const p of readJson('mapping_20250701_merges.json').data) {
    for (const l2 of p.level2s ?? []) {
      for (const m of l2.merges ?? []) {
        seen.set(`${m.old_id}>${l2.level2_id}`, { old_code: m.old_id, new_code: l2.level2_id, kind: m.type === 'partial' ? 'partial' : 'full' });
      }
    }
  }
  return [...seen.values()];
}

export async function importAdminUnits(db: Db): Promise<{ current: number; pre2025: number; mapping: number; skipped: boolean }> {
  if ((await repo.countUnits(db)) > 0) return { current: 0, pre2025: 0, mapping: 0, skipped: true };
  const current = currentUnits();
  const old = preReformUnits();
  const mapping = communeMapping();
  await db.transaction().execute(async (trx) => {
    await repo.insertBatches(trx, 'admin_units', current);
    await repo.insertBatches(trx, 'admin_units', old);
    await repo.insertBatches(trx, 'admin_unit_mapping', mapping);
  });
  return { current: current.length, pre2025: old.length, mapping: mapping.length, skipped: false };
}
