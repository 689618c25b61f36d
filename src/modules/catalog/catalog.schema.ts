// zod schemas for the catalogue's HTTP API.
import { z } from 'zod';

export const LevelSchema = z.enum(['ministry', 'province', 'commune']);
export const ChannelKindSchema = z.enum(['in_person', 'online', 'postal']);
export const TimeUnitSchema = z.enum(['working_days', 'days', 'hours', 'working_hours', 'months', 'same_day']);

/** National procedure code, optionally with local suffixes (domain-vn §5.3). */
export const ProcedureCode = z.string().regex(/^\d\.\d{6}(?:\.[A-Za-z0-9]+)*$/, 'mã thủ tục dạng d.dddddd / code like 1.001193');
export const ProcedureCodeParam = z.object({ code: ProcedureCode });
export const AgencyCode = z.string().trim().regex(/^[0-9A-Za-z.-]{3,40}$/);

export const SearchQuery = z.object({
  q: z.string().trim().max(200).optional(),
  level: LevelSchema.optional(),
  field: z.string().trim().min(1).max(200).optional(),
  agency: AgencyCode.optional(),
  /** a reception desk (agency code): only province/commune procedures, those of the desk's level first */
  desk: AgencyCode.optional(),
  channel: ChannelKindSchema.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

export const TimeLimitOut = z.object({ value: z.number(), unit: z.string(), text: z.string() });

export const ProcedureListItem = z.object({
  code: z.string(),
  name: z.string(),
  field: z.string().nullable(),
  levels: z.array(z.string()),
  channels: z.array(ChannelKindSchema),
  /** the in-person channel's time limit, else the first channel's that has one */
  timeLimit: TimeLimitOut.extend({ channel: ChannelKindSchema }).nullable(),
  public: z.boolean().optional(),
});

export const SearchOut = z.object({
  items: z.array(ProcedureListItem),
  /** how many procedures match; with totalCapped, at least this many (counting stopped there) */
  total: z.number().int(),
  /** true when more procedures match than were counted: show the total as "1.000+" */
  totalCapped: z.boolean().optional(),
  /** true when nothing matched exactly and the items are near matches (typos) */
  fuzzy: z.boolean().optional(),
});

export const FieldsOut = z.object({ items: z.array(z.object({ name: z.string(), count: z.number().int() })), total: z.number().int() });
export const LevelsOut = z.object({ items: z.array(z.object({ level: z.string(), count: z.number().int() })), total: z.number().int() });
export const AgenciesOut = z.object({
  items: z.array(z.object({ code: z.string(), name: z.string(), kind: z.string(), count: z.number().int() })),
  total: z.number().int(),
});

export const FeeOut = z.object({
  name: z.string(),
  amountVnd: z.number().nullable(),
  text: z.string(),
  amount: z.number().nullable(),
  currency: z.string().nullable(),
  note: z.string().nullable(),
  /** set by the province (local fee override) */
  local: z.boolean(),
});

export const ChannelOut = z.object({
  kind: ChannelKindSchema,
  timeLimit: TimeLimitOut.extend({ from: z.string().nullable() }).nullable(),
  timeText: z.string().nullable(),
  description: z.string(),
  fees: z.array(FeeOut),
});

export const ComponentOut = z.object({
  id: z.string(),
  name: z.string(),
  template: z.string().nullable(),
  templates: z.array(z.string()),
  originals: z.number().int(),
  certifiedCopies: z.number().int(),
  copies: z.number().int(),
  required: z.boolean(),
  group: z.string().nullable(),
  /** guidance text of the catalogue (a "Lưu ý" row or a row with no papers), not a paper to tick */
  note: z.boolean(),
});

export const CaseOut = z.object({
  key: z.string(),
  title: z.string(),
  components: z.array(z.object({ id: z.string(), required: z.boolean() })),
});

export const EffectiveLimitOut = z.object({
  value: z.number(),
  unit: z.string(),
  /** catalog | unit_inferred (a bare number read as working days, "đơn vị suy ra") | admin */
  source: z.enum(['catalog', 'unit_inferred', 'admin']),
  basis: z.string().nullable(),
});

export const IssueOut = z.object({ field: z.string(), status: z.enum(['missing', 'failed']), detail: z.string() });
export const WarningOut = z.object({ field: z.string(), detail: z.string() });

export const ProcedureOut = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  version: z.number().int(),
  versionId: z.string(),
  effectiveFrom: z.string().nullable(),
  public: z.boolean(),
  source: z.string(),
  sourceUrl: z.string().nullable(),
  field: z.string().nullable(),
  levels: z.array(z.string()),
  otherLevels: z.array(z.string()),
  implementingAgency: z.string().nullable(),
  competentAgency: z.string().nullable(),
  applicants: z.string().nullable(),
  steps: z.string().nullable(),
  requirements: z.string().nullable(),
  procedureType: z.string().nullable(),
  receivingAddress: z.string().nullable(),
  decisionNumber: z.string().nullable(),
  channels: z.array(ChannelOut),
  components: z.array(ComponentOut),
  /** the catalogue's cases (trường hợp): the desk picks one and ticks its checklist */
  cases: z.array(CaseOut),
  timeLimit: EffectiveLimitOut.nullable(),
  results: z.array(z.object({ name: z.string(), code: z.string().nullable() })),
  legalBasis: z.array(z.object({ number: z.string().nullable(), title: z.string(), issuedAt: z.string().nullable(), issuer: z.string().nullable() })),
  /** agencies of the province that perform it */
  agencies: z.array(z.object({ code: z.string(), name: z.string() })),
  legalLimitHours: z.number().nullable(),
  sameDay: z.boolean(),
  /** NĐ 42/2022 Art. 11: full (toàn trình) or partial online service, or none (no online channel) */
  onlineLevel: z.enum(['full', 'partial', 'none']),
  /** parse issues and warnings: only for officials with procedure.manage */
  issues: z.array(IssueOut).optional(),
  warnings: z.array(WarningOut).optional(),
  versions: z.array(z.object({ version: z.number().int(), effectiveFrom: z.string().nullable(), effectiveTo: z.string().nullable() })).optional(),
});

// ---- admin ----

export const IssueListQuery = z.object({
  status: z.enum(['any', 'failed']).default('any'),
  field: z.string().trim().min(1).max(200).optional(),
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const IssueListOut = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      version: z.number().int(),
      public: z.boolean(),
      issues: z.array(IssueOut),
      warnings: z.array(WarningOut),
    }),
  ),
  total: z.number().int(),
  lastImport: z
    .object({ at: z.string(), source: z.string(), total: z.number(), created: z.number(), newVersions: z.number(), unchanged: z.number(), skipped: z.number() })
    .nullable(),
});

export const VisibilityOut = z.object({ code: z.string(), public: z.boolean() });

export const FeeOverrideBody = z.object({
  channel: ChannelKindSchema,
  feeName: z.string().trim().min(1).max(200),
  amountVnd: z.number().int().min(0).max(1_000_000_000_000),
  note: z.string().trim().max(1000).optional(),
});

export const FeeOverrideDeleteQuery = z.object({ channel: ChannelKindSchema, feeName: z.string().trim().min(1).max(200) });

export const FeeOverridesOut = z.object({
  code: z.string(),
  items: z.array(z.object({ channel: ChannelKindSchema, feeName: z.string(), amountVnd: z.number(), note: z.string().nullable() })),
});

export const AgencyLinkBody = z.object({ agencyCode: AgencyCode });
export const AgencyLinkParams = z.object({ code: ProcedureCode, agencyCode: AgencyCode });

export const PerformersOut = z.object({
  code: z.string(),
  items: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.string(), origin: z.enum(['default', 'linked']) })),
});

export const TimeLimitBody = z.object({
  value: z.number().positive().max(3650),
  unit: z.enum(['working_days', 'working_hours', 'same_day']),
  /** the legal basis of the limit (article and act) */
  basis: z.string().trim().min(3).max(1000),
});
export const TimeLimitSetOut = TimeLimitBody.extend({ code: z.string() });

export const InferredUnitQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const InferredUnitOut = z.object({
  items: z.array(z.object({
    code: z.string(),
    name: z.string(),
    field: z.string().nullable(),
    timeText: z.string().nullable(),
    /** unit_inferred: a bare number read as working days; cases: the longest per-case limit; phases: added up; months */
    kind: z.enum(['unit_inferred', 'cases', 'phases', 'months']),
    value: z.number(),
    readAs: z.string(),
    label: z.string(),
    labelEn: z.string(),
  })),
  total: z.number().int(),
});

export const WithoutLimitOut = z.object({
  items: z.array(z.object({
    code: z.string(),
    name: z.string(),
    field: z.string().nullable(),
    reason: z.enum(['no_result', 'not_regulated', 'event_bound', 'annual_schedule', 'mixed_units', 'not_stated']),
    reasonVi: z.string(),
    reasonEn: z.string(),
    detail: z.string(),
    adminAction: z.string(),
  })),
  total: z.number().int(),
});
