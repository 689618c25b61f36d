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
  // one read of the current map, not one per field: at every start the map is usually complete already
  const have = new Set((await repo.listFieldAgencies(db)).map((f) => `${f.level}|${f.field}`));
  for (const r of rows) {
    if (have.has(`${r.level}|${r.field}`)) continue;
    have.add(`${r.level}|${r.field}`);
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

/**
 * GET /public/agency-fields (no sign-in): the citizen's "by agency" view of the catalogue, from the field →
 * agency map: each province agency with the fields it is competent for at the province level, and the
 * commune bodies (People's Committee — by default —, police) with theirs at the commune level; each field with how many
 * public procedures of that level it has. Fields without a public procedure of the level are left out.
 */
export async function listPublicAgencyFields(ctx: AppContext) {
  const rows = await repo.listFieldAgencies(ctx.db);
  const [province, commune] = await Promise.all([listFields(ctx, 'province'), listFields(ctx, 'commune')]);
  const counts = { province: new Map(province.items.map((f) => [f.name, f.count])), commune: new Map(commune.items.map((f) => [f.name, f.count])) };
  const groups = new Map<string, { level: 'province' | 'commune'; agencyCode: string | null; agencyName: string | null; communeKind: 'commune_committee' | 'commune_police' | null; fields: Array<{ name: string; count: number }>; count: number }>();
  for (const r of rows) {
    const n = counts[r.level].get(r.field) ?? 0;
    if (n === 0) continue;
    const key = r.level === 'province' ? `p|${r.agency_code}` : `c|${r.commune_kind}`;
    const g = groups.get(key) ?? { level: r.level, agencyCode: r.level === 'province' ? r.agency_code : null, agencyName: r.level === 'province' ? r.agency_name : null, communeKind: r.level === 'commune' ? r.commune_kind : null, fields: [], count: 0 };
    g.fields.push({ name: r.field, count: n });
    g.count += n;
    groups.set(key, g);
  }
  // a commune-level field the map does not name is the People's Committee's (competent-agency.ts default)
  const mappedCommune = new Set(rows.filter((r) => r.level === 'commune').map((r) => r.field));
  const committee = groups.get('c|commune_committee') ?? { level: 'commune' as const, agencyCode: null, agencyName: null, communeKind: 'commune_committee' as const, fields: [], count: 0 };
  for (const f of commune.items) {
    if (mappedCommune.has(f.name) || f.count === 0) continue;
    committee.fields.push({ name: f.name, count: f.count });
    committee.count += f.count;
  }
  if (committee.fields.length > 0) groups.set('c|commune_committee', committee);
  const items = [...groups.values()]
    .map((g) => ({ ...g, fields: g.fields.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'vi')) }))
    .sort((a, b) => (a.level === b.level ? (a.agencyName ?? a.communeKind ?? '').localeCompare(b.agencyName ?? b.communeKind ?? '', 'vi') : a.level === 'province' ? -1 : 1));
  return { items, total: items.length };
}
