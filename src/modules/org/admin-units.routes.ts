// HTTP: administrative units (public reference data) and old→new address conversion.
import { z } from 'zod';
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { App } from '../../platform/http/server.js';
import { AppError } from '../../platform/errors.js';
import { likeEscape, searchKey, toneKey } from '../../platform/text.js';

const UnitOut = z.object({
  code: z.string(),
  level: z.string(),
  name: z.string(),
  fullName: z.string(),
  nameEn: z.string().nullable(),
  unitType: z.string().nullable(),
  parentCode: z.string().nullable(),
  provinceCode: z.string(),
  generation: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
});

const toOut = (r: any) => ({
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

export function adminUnitRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/admin-units', {
    schema: {
      tags: ['reference'],
      summary: 'Đơn vị hành chính / administrative units',
      querystring: z.object({
        level: z.enum(['province', 'district', 'commune']).optional(),
        parent: z.string().regex(/^\d{2,5}$/).optional(),
        q: z.string().trim().min(1).max(100).optional(),
        generation: z.enum(['current', 'pre2025']).default('current'),
        page: z.coerce.number().int().min(1).default(1),
        pageSize: z.coerce.number().int().min(1).max(500).default(100),
      }),
      response: { 200: z.object({ items: z.array(UnitOut), total: z.number() }) },
    },
  }, async (req) => {
    const { level, parent, q, generation, page, pageSize } = req.query;
    let query = ctx.db.selectFrom('admin_units').selectAll().where('generation', '=', generation);
    if (level) query = query.where('level', '=', level);
    if (parent) query = query.where('parent_code', '=', parent);
    if (q) {
      // exact name (tone placement ignored) first, then diacritics-insensitive substring
      // the user's text is matched literally: % and _ are not wildcards
      query = query.where((eb) => eb.or([eb('name_key', 'like', `%${likeEscape(toneKey(q))}%`), eb(sql`f_unaccent(lower(full_name))`, 'like', `%${likeEscape(searchKey(q))}%`)]));
    }
    const order = q ? sql`(name_key = ${toneKey(q)} OR name_key LIKE ${'% ' + likeEscape(toneKey(q))}) DESC, level, code` : sql`code`;
    const [items, total] = await Promise.all([
      query.orderBy(order).limit(pageSize).offset((page - 1) * pageSize).execute(),
      query.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: items.map(toOut), total: Number(total.n) };
  });

  app.get('/api/v1/admin-units/:code', {
    schema: { tags: ['reference'], params: z.object({ code: z.string().regex(/^\d{2,5}$/) }), querystring: z.object({ generation: z.enum(['current', 'pre2025']).default('current') }), response: { 200: UnitOut } },
  }, async (req) => {
    const r = await ctx.db.selectFrom('admin_units').selectAll().where('generation', '=', req.query.generation).where('code', '=', req.params.code).executeTakeFirst();
    if (!r) throw new AppError(404, 'NOT_FOUND');
    return toOut(r);
  });

  // Convert a pre-2025 commune code (an old address) to the current commune(s) that took it over.
  app.get('/api/v1/admin-units/convert/:oldCode', {
    schema: {
      tags: ['reference'],
      summary: 'Chuyển đổi địa chỉ cũ sang đơn vị hành chính mới / convert an old commune code',
      params: z.object({ oldCode: z.string().regex(/^\d{5}$/) }),
      response: { 200: z.object({ old: UnitOut, current: z.array(UnitOut.extend({ kind: z.enum(['full', 'partial']) })) }) },
    },
  }, async (req) => {
    const old = await ctx.db.selectFrom('admin_units').selectAll().where('generation', '=', 'pre2025').where('code', '=', req.params.oldCode).where('level', '=', 'commune').executeTakeFirst();
    if (!old) throw new AppError(404, 'NOT_FOUND');
    const rows = await ctx.db
      .selectFrom('admin_unit_mapping as m')
      .innerJoin('admin_units as u', (j) => j.onRef('u.code', '=', 'm.new_code').on('u.generation', '=', 'current'))
      .selectAll('u')
      .select('m.kind')
      .where('m.old_code', '=', req.params.oldCode)
      .orderBy('m.kind')
      .orderBy('u.code')
      .execute();
    return { old: toOut(old), current: rows.map((r) => ({ ...toOut(r), kind: r.kind })) };
  });
}
