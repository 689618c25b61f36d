// zod response schemas of the report API.
import { z } from 'zod';
import { InboxItemOut } from '../dossiers/dossiers.out.js';
import { problems } from '../../platform/http/problem.schema.js';
import { GROUP_BYS, MEASURES, OFFICIAL_MEASURES } from './reports.schema.js';

const count = z.number().int().min(0);
const Rate = z.number().nullable().meta({ description: 'Percentage 0–100 with 2 decimals; null when the denominator is 0' });

export const PeriodOut = z.object({
  from: z.string().meta({ description: 'YYYY-MM-DD, local' }),
  to: z.string().meta({ description: 'YYYY-MM-DD, local, inclusive' }),
  asOf: z.string().meta({ description: 'ISO instant the in-process counts are taken at: min(now, end of the period)' }),
});

const measureShape = Object.fromEntries(MEASURES.map((m) => [m, count])) as Record<(typeof MEASURES)[number], typeof count>;

export const ProgressRowOut = z.object({
  key: z.string().nullable().meta({
    description: "agency code | field ('__none__' for dossiers without a field) | procedure code | '1'|'2'|'3' (channel) | 'YYYY-MM'; null on the totals row",
  }),
  label: z.string(),
  ...measureShape,
  onTimeRate: Rate.meta({ description: 'QĐ 766 2.1: (resolvedEarly + resolvedOnTime + inProcessOnTime) ÷ received × 100' }),
});

export const ProgressOut = z.object({
  period: PeriodOut,
  groupBy: z.enum(GROUP_BYS),
  agencyCode: z.string().nullable(),
  totals: ProgressRowOut,
  rows: z.array(ProgressRowOut),
});

export const DrillOut = z.object({
  items: z.array(
    InboxItemOut.extend({
      extended: z.boolean().meta({ description: 'The appointment was moved by an apology (form 04): dueAt is the new date' }),
      originalDueAt: z.string().nullable().meta({ description: 'The first appointment, ISO-8601 instant (the indicator clock judges against it)' }),
    }),
  ),
  total: count,
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const OfficialRowOut = z.object({
  userId: z.string(),
  fullName: z.string(),
  username: z.string(),
  agencyCode: z.string().nullable().meta({ description: 'Agency where the official finished most steps in the period (else their home agency)' }),
  stepsDone: count,
  early: count,
  onTime: count,
  late: count,
  holding: count.meta({ description: 'Open dossiers assigned to the official now' }),
  holdingOverdue: count,
  onTimeRate: Rate.meta({ description: '(early + onTime) ÷ stepsDone × 100' }),
  ratings: count.meta({ description: 'Satisfaction ratings given in the period of dossiers the official handled (returned the result or finished a step)' }),
  satisfiedRate: Rate.meta({ description: 'Of those ratings: overall rất hài lòng or hài lòng ÷ ratings × 100' }),
});

export const OfficialDrillOut = z.object({
  official: z.object({ userId: z.string(), fullName: z.string(), username: z.string() }),
  measure: z.enum(OFFICIAL_MEASURES),
  items: z.array(
    InboxItemOut.extend({
      step: z.object({
        at: z.string().meta({ description: 'When the official finished the step (hand-over)' }),
        classification: z.string().nullable().meta({ description: 'early | on_time | late, against the step’s due instant; null: no due instant (counted as on time)' }),
      }).nullable().meta({ description: 'Step measures: the step behind the row (a dossier appears once per step); null for holding measures' }),
    }),
  ),
  total: count,
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const OfficialsOut = z.object({ period: PeriodOut, agencyCode: z.string().nullable(), rows: z.array(OfficialRowOut) });

const IndicatorOut = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  numerator: count.nullable(),
  denominator: count.nullable(),
  factor: z.number().min(0).max(1).nullable().meta({ description: 'Rate the ratio is multiplied by (3.3: the national-portal sync rate of 1.4); null when none' }),
  ratio: Rate,
  score: z.number().nullable(),
  max: z.number(),
  available: z.boolean(),
  noteVi: z.string(),
  noteEn: z.string(),
});

export const IndicatorsOut = z.object({
  period: PeriodOut,
  agencyCode: z.string().nullable(),
  groups: z.array(
    z.object({
      code: z.enum(['CKMB', 'TDGQ', 'CLGQ', 'TTTT', 'MDSH', 'MDHL']),
      nameVi: z.string(),
      nameEn: z.string(),
      max: z.number(),
      score: z.number().nullable(),
      indicators: z.array(IndicatorOut),
    }),
  ),
  score: z.number().meta({ description: 'Sum of the available indicators’ points' }),
  maxAvailable: z.number().meta({ description: 'Sum of the maxima of the available indicators' }),
});

export const REPORT_PROBLEMS = problems(400, 401, 403, 404, 422);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const XLSX_TYPE = XLSX;
export const XlsxOut = {
  description: 'Excel workbook (.xlsx)',
  content: { [XLSX]: { schema: z.string().meta({ format: 'binary' }) } },
};

const LevelCounts = z.object({ '3': count, '2': count, '1': count });
export const RatingsReportOut = z.object({
  period: PeriodOut,
  agencyCode: z.string().nullable(),
  agencyName: z.string().nullable(),
  groupBy: z.enum(['agency', 'procedure', 'official']),
  criteria: z.array(z.object({ key: z.string(), nameVi: z.string(), nameEn: z.string() })),
  levels: z.array(z.object({ level: z.number().int(), vi: z.string(), en: z.string() })),
  totals: z.object({ ratings: count, satisfiedPct: Rate, counts: z.record(z.string(), LevelCounts) }),
  rows: z.array(z.object({ key: z.string().nullable(), label: z.string(), ratings: count, satisfiedPct: Rate, counts: z.record(z.string(), LevelCounts).meta({ description: 'criterion key → counts per level (3 rất hài lòng, 2 hài lòng, 1 không hài lòng)' }) })),
  comments: z.array(z.object({ dossierCode: z.string(), procedureName: z.string(), agencyName: z.string().nullable(), overall: z.number().int(), comment: z.string(), at: z.string(), channel: z.string() })),
});
