// zod schemas of the competence API (field → agency map, stranded dossiers).
import { z } from 'zod';

export const FieldAgencyItem = z.object({
  level: z.enum(['province', 'commune']),
  field: z.string(),
  agencyCode: z.string().nullable(),
  agencyName: z.string().nullable(),
  communeKind: z.enum(['commune_committee', 'commune_police']).nullable(),
  version: z.number().int(),
  validFrom: z.string(),
  note: z.string().nullable(),
});
export const FieldAgencyList = z.object({
  items: z.array(FieldAgencyItem),
  total: z.number().int(),
  /** fields of the catalogue's procedures at that level without a current row */
  unmapped: z.array(z.object({ level: z.enum(['province', 'commune']), field: z.string() })),
});
export const FieldAgencyQuery = z.object({ level: z.enum(['province', 'commune']).optional() });

export const FieldAgencyBody = z.discriminatedUnion('level', [
  z.object({ level: z.literal('province'), field: z.string().trim().min(1).max(300), agencyCode: z.string().trim().min(3).max(40), note: z.string().trim().max(500).optional() }),
  z.object({ level: z.literal('commune'), field: z.string().trim().min(1).max(300), communeKind: z.enum(['commune_committee', 'commune_police']), note: z.string().trim().max(500).optional() }),
]);

export const StrandedQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const StrandedList = z.object({
  items: z.array(
    z.object({
      code: z.string().nullable(),
      id: z.string(),
      procedureCode: z.string(),
      procedureName: z.string(),
      stepKey: z.string().nullable(),
      role: z.string(),
      roleName: z.string(),
      agencyCode: z.string(),
      agencyName: z.string(),
      /** what an administrator must configure */
      fixVi: z.string(),
      fixEn: z.string(),
      updatedAt: z.string(),
    }),
  ),
  total: z.number().int(),
});

export const CompetenceQuery = z.object({ desk: z.string().trim().min(3).max(40) });
export const CompetenceOut = z.object({
  level: z.enum(['province', 'commune']),
  source: z.enum(['link', 'catalog_text', 'field_map', 'commune_default', 'none']),
  candidates: z.array(z.object({ code: z.string(), name: z.string() })),
  missingVi: z.string().nullable(),
  missingEn: z.string().nullable(),
});

export const PublicAgencyFieldsOut = z.object({
  items: z.array(z.object({
    level: z.enum(['province', 'commune']),
    /** province level: the competent agency */
    agencyCode: z.string().nullable(),
    agencyName: z.string().nullable(),
    /** commune level: which commune body */
    communeKind: z.enum(['commune_committee', 'commune_police']).nullable(),
    fields: z.array(z.object({ name: z.string(), count: z.number().int() })),
    count: z.number().int(),
  })),
  total: z.number().int(),
});
