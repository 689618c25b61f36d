// zod schemas of the report queries.
import { z } from 'zod';

export const GROUP_BYS = ['agency', 'field', 'procedure', 'channel', 'month'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/** The counts of a progress row, in column order (also the drill-down measures). */
export const MEASURES = [
  'received', 'carriedOver', 'newOnline', 'newInPerson', 'newPostal',
  'resolved', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate',
  'inProcess', 'inProcessOnTime', 'inProcessOverdue', 'refusedOrStopped',
] as const;
export type Measure = (typeof MEASURES)[number];

/** Key of the progress row of dossiers without a field (lĩnh vực). */
export const NO_FIELD_KEY = '__none__';

/** A local calendar day (Asia/Ho_Chi_Minh), YYYY-MM-DD, a real date between 2000 and 2099. */
const LocalDay = z.iso.date().refine((d) => d >= '2000-01-01' && d <= '2099-12-31', {
  message: 'ngày phải trong khoảng 2000–2099 / date must be between 2000 and 2099',
});

export const PeriodQuery = z.object({
  from: LocalDay.optional().meta({ description: 'First day, local (YYYY-MM-DD); default: the first day of the month of `to`' }),
  to: LocalDay.optional().meta({ description: 'Last day, local, inclusive (YYYY-MM-DD); default: today. At most 366 days from `from`.' }),
  agency: z.string().min(1).max(40).optional().meta({
    description: "Agency code: dossiers whose competent agency is in that agency's subtree (404 outside the caller's report scope)",
  }),
});

export const ProgressQuery = PeriodQuery.extend({
  groupBy: z.enum(GROUP_BYS).default('agency'),
});
export type ProgressQueryIn = z.infer<typeof ProgressQuery>;

export const DrillQuery = PeriodQuery.extend({
  groupBy: z.enum(GROUP_BYS).optional().meta({ description: 'Without groupBy (or without key): the totals row' }),
  key: z.string().max(300).optional().meta({ description: `Row key from the progress report (\`${NO_FIELD_KEY}\`: dossiers without a field)` }),
  measure: z.enum(MEASURES).default('received'),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type DrillQueryIn = z.infer<typeof DrillQuery>;

/** The numbers of an officials-report row (also the drill-down measures). */
export const OFFICIAL_MEASURES = ['stepsDone', 'early', 'onTime', 'late', 'holding', 'holdingOverdue'] as const;
export type OfficialMeasure = (typeof OFFICIAL_MEASURES)[number];

export const OfficialDrillQuery = PeriodQuery.extend({
  userId: z.uuid().meta({ description: 'The official (userId of a row of /reports/officials); 404 when unknown or outside the report scope' }),
  measure: z.enum(OFFICIAL_MEASURES).default('stepsDone'),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type OfficialDrillQueryIn = z.infer<typeof OfficialDrillQuery>;
export type PeriodQueryIn = z.infer<typeof PeriodQuery>;

/** GET /reports/ratings: satisfaction ratings by agency, procedure or official; narrowed to one procedure or official. */
export const RatingsQuery = PeriodQuery.extend({
  groupBy: z.enum(['agency', 'procedure', 'official']).default('agency'),
  procedure: z.string().min(1).max(60).optional().describe('procedure code'),
  official: z.uuid().optional().describe('user id of the official'),
});
export type RatingsQueryIn = z.infer<typeof RatingsQuery>;
