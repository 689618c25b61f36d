// The field → competent agency map: admin list and edit (each edit is a new version of that field's row,
// audited), and the demo seed. Reading it for a dossier is competent-agency.ts.
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/database.js';
import { invalid } from '../../platform/errors.js';
import { writeAudit, type RequestOrigin } from '../../platform/audit.js';
import { actsFromTop, scopePaths } from '../org/permissions.js';
import { getAgency } from '../org/org.service.js';
import { listFields } from '../catalog/catalog.service.js';
import * as repo from './competence.repo.js';
import type { FieldAgencyBody } from './competence.schema.js';
import { platformErrors } from '../../platform/platform.errors.js';

function requireProvinceManager(p: Principal): void {
  if (!actsFromTop(p, 'procedure.manage') && !actsFromTop(p, 'process.manage')) throw platformErrors.FORBIDDEN();
}

const out = (r: repo.FieldAgencyRow) => ({
  level: r.level,
  field: r.field,
  agencyCode: r.agency_code,
  agencyName: r.agency_name,
  communeKind: r.commune_kind,
  version: r.version,
  validFrom: new Date(r.valid_from).toISOString(),
  note: r.note,
});

/** GET /admin/field-agencies: the current map and the catalogue's fields that have no row. */
export async function listFieldAgencies(ctx: AppContext, p: Principal, level?: 'province' | 'commune') {
  if (scopePaths(p, 'procedure.manage').length === 0 && scopePaths(p, 'process.manage').length === 0) throw platformErrors.FORBIDDEN();
  const rows = await repo.listFieldAgencies(ctx.db, level);
  // only fields of procedures at the province level: a ministry-only field has no desk to reach
  const fields = (await listFields(ctx, 'province')).items.map((f) => f.name);
  const have = new Set(rows.map((r) => `${r.level}|${r.field}`));
  const unmapped = (['province', 'commune'] as const)
    .filter((l) => !level || l === level)
    .flatMap((l) => fields.filter((f) => l === 'province' && !have.has(`${l}|${f}`)).map((field) => ({ level: l, field })));
  return { items: rows.map(out), total: rows.length, unmapped };
}

/** PUT /admin/field-agencies: sets one field's agency (a new version). */
export async function setFieldAgency(ctx: AppContext, p: Principal, body: z.infer<typeof FieldAgencyBody>, origin: RequestOrigin) {
  requireProvinceManager(p);
  let agencyId: string | null = null;
  if (body.level === 'province') {
    const a = await getAgency(ctx, body.agencyCode).catch(() => null);
    if (!a) throw invalid([{ path: 'body.agencyCode', code: 'AGENCY_UNKNOWN', messageVi: `Không có cơ quan mã ${body.agencyCode}`, messageEn: `No agency with code ${body.agencyCode}` }]);
    agencyId = a.id;
  }
  const at = ctx.clock.now();
  const version = await ctx.db.transaction().execute(async (trx) => {
    const v = await repo.setFieldAgency(trx, { level: body.level, field: body.field, agencyId, communeKind: body.level === 'commune' ? body.communeKind : null, by: p.userId, note: body.note ?? null, at });
    await writeAudit(trx, { actorId: p.userId, actorLabel: p.username, action: 'field_agency.set', targetType: 'field_agency', targetId: body.field, details: { ...body, version: v } }, origin);
    return v;
  });
  const row = await repo.currentFieldAgency(ctx.db, body.level, body.field);
  return { ...out(row!), version };
}

/** Demo seed: the first version of the map, only for fields that have no row yet (idempotent). */
export async function seedFieldAgencies(
  db: Db,
  rows: Array<{ level: 'province'; field: string; agencyId: string } | { level: 'commune'; field: string; communeKind: 'commune_committee' | 'commune_police' }>,
  at: Date,
): Promise<number> {
  let n = 0;
  for (const r of rows) {
    if (await repo.currentFieldAgency(db, r.level, r.field)) continue;
    await repo.setFieldAgency(db, {
      level: r.level,
      field: r.field,
      agencyId: r.level === 'province' ? r.agencyId : null,
      communeKind: r.level === 'commune' ? r.communeKind : null,
      by: null,
      note: 'demo seed',
      at,
    });
    n++;
  }
  return n;
}
