// HTTP: administrative units (public reference data) and old→new address conversion.
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { App } from '../../platform/http/server.js';
import * as svc from './admin-units.service.js';

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

export function adminUnitRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/admin-units', {
    config: { anonymous: true },
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
  }, async (req) => svc.searchAdminUnits(ctx, req.query));

  app.get('/api/v1/admin-units/:code', {
    config: { anonymous: true },
    schema: { tags: ['reference'], params: z.object({ code: z.string().regex(/^\d{2,5}$/) }), querystring: z.object({ generation: z.enum(['current', 'pre2025']).default('current') }), response: { 200: UnitOut } },
  }, async (req) => svc.getAdminUnit(ctx, req.query.generation, req.params.code));

  // Convert a pre-2025 commune code (an old address) to the current commune(s) that took it over.
  app.get('/api/v1/admin-units/convert/:oldCode', {
    config: { anonymous: true },
    schema: {
      tags: ['reference'],
      summary: 'Chuyển đổi địa chỉ cũ sang đơn vị hành chính mới / convert an old commune code',
      params: z.object({ oldCode: z.string().regex(/^\d{5}$/) }),
      response: { 200: z.object({ old: UnitOut, current: z.array(UnitOut.extend({ kind: z.enum(['full', 'partial']) })) }) },
    },
  }, async (req) => svc.convertOldCommune(ctx, req.params.oldCode));
}
