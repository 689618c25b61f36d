// Administrative units (public reference data): search, one unit, and the current commune(s) that took over a
// pre-2025 commune (old addresses). Read-only; the data is imported at start-up (admin-units.import.ts).
import type { AppContext } from '../../platform/context.js';

import * as repo from './admin-units.repo.js';
import { platformErrors } from '../../platform/platform.errors.js';

export const adminUnitOut = (r: repo.AdminUnitRow) => ({
  code: r.code,
  level: r.level,
  name: r.name,
  fullName: r.full_name,
  nameEn: r.name_en,
  unitType: r.unit_type,
  parentCode: r.parent_code,
  provinceCode: r.province_code,
  generation: r.generation,
  validFrom: r.valid_from,
  validTo: r.valid_to,
});

export async function searchAdminUnits(
  ctx: AppContext,
  q: { generation: repo.Generation; level?: string; parent?: string; q?: string; page: number; pageSize: number },
) {
  const r = await repo.searchUnits(ctx.db, { generation: q.generation, level: q.level, parent: q.parent, q: q.q, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: r.items.map(adminUnitOut), total: r.total };
}

export async function getAdminUnit(ctx: AppContext, generation: repo.Generation, code: string) {
  const r = await repo.findUnit(ctx.db, generation, code);
  if (!r) throw platformErrors.NOT_FOUND();
  return adminUnitOut(r);
}

/** A pre-2025 commune code (an old address) and the current units that took it over, full takeovers first. */
export async function convertOldCommune(ctx: AppContext, oldCode: string) {
  const old = await repo.findUnit(ctx.db, 'pre2025', oldCode, 'commune');
  if (!old) throw platformErrors.NOT_FOUND();
  const rows = await repo.successorsOf(ctx.db, oldCode);
  return { old: adminUnitOut(old), current: rows.map((r) => ({ ...adminUnitOut(r), kind: r.kind })) };
}
