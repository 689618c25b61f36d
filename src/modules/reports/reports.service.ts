// Report use cases: progress of resolution (TT 01/2018-style table) with drill-down, officials, QĐ 766
// indicators, and their Excel exports. Who may read: the roles of `report.read` (leaders, procedure control,
// admin), over the agency subtrees where they hold them; dossiers are counted by their competent agency.
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';

import { actsFromTop, scopePaths } from '../org/permissions.js';
import { paidOnlineDossierIds } from '../payments/payments.service.js';
import { agencyByCode, subtreeAgencyIds } from '../org/org.read.js';
import { inboxItem } from '../dossiers/dossiers.service.js';
import { PERFORMER_KINDS } from '../catalog/catalog.service.js';
import { evaluate, onTimeRate, percent, type Fraction } from './indicators.js';
import { periodOf, type Period } from './period.js';
import * as repo from './reports.repo.js';
import { progress as progressFromRollups } from './progress-rollup.repo.js';
import {
  MEASURES, type DrillQueryIn, type RatingsQueryIn, type GroupBy, type Measure, type OfficialDrillQueryIn, type PeriodQueryIn, type ProgressQueryIn,
} from './reports.schema.js';
import { reportErrors } from './reports.errors.js';
import { syncedReceivedCount } from '../portal-sync/portal-sync.read.js';
import { dislikedDossierIds, officialRatings, ratingSummary } from '../ratings/ratings.read.js';
import { receivingSatisfiedCount } from './satisfaction-score.js';
import { petitionIndicatorCounts, petitionedDossierCodes } from '../petitions/petitions.read.js';
import { petitionFractions } from './petition-score.js';
import { platformErrors } from '../../platform/platform.errors.js';

export interface ReportScope {
  /** Competent agencies whose dossiers are counted. */
  agencyIds: string[];
  /** The `agency` parameter, when given. */
  agencyCode: string | null;
  /** Name printed on exports: the agency asked for, or the only agency the caller reports on. */
  agencyName: string | null;
}

/** The caller's report scope, narrowed to `agency` (404 when unknown or outside the scope; 403 without report roles). */
export async function reportScope(ctx: AppContext, p: Principal, agency: string | undefined): Promise<ReportScope> {
  const paths = [...new Set(scopePaths(p, 'report.read'))];
  if (paths.length === 0) throw platformErrors.FORBIDDEN();
  if (agency !== undefined) {
    const a = await agencyByCode(ctx.db, agency);
    if (!a || !paths.some((pp) => a.path.startsWith(pp))) throw platformErrors.NOT_FOUND({ what: 'agency' });
    return { agencyIds: await subtreeAgencyIds(ctx.db, [a.path]), agencyCode: a.code, agencyName: a.name };
  }
  // the broadest assignments only (a path under another one adds nothing)
  const roots = paths.filter((pp) => !paths.some((q) => q !== pp && pp.startsWith(q)));
  const only = roots.length === 1 ? p.assignments.find((x) => x.agencyPath === roots[0]) : undefined;
  return { agencyIds: await subtreeAgencyIds(ctx.db, roots), agencyCode: null, agencyName: only?.agencyName ?? null };
}

const windowOf = (period: Period): repo.Window => ({ start: period.start, end: period.end, asOf: period.asOf });
const periodOut = (period: Period) => ({ from: period.from, to: period.to, asOf: period.asOf.toISOString() });

export type ProgressRowOut = { key: string | null; label: string; onTimeRate: number | null } & Record<Measure, number>;

function rowOut(r: repo.ProgressRow, label?: string): ProgressRowOut {
  const counts = Object.fromEntries(MEASURES.map((m) => [m, r[m]])) as Record<Measure, number>;
  return { key: r.isTotal ? null : r.key, label: label ?? r.label, ...counts, onTimeRate: onTimeRate(r) };
}

const EMPTY_TOTALS = { key: null, label: '', isTotal: true, ...Object.fromEntries(MEASURES.map((m) => [m, 0])) } as repo.ProgressRow;
const collator = new Intl.Collator('vi');

/** GET /reports/progress: one row per group (sorted by received, then label) and the totals. */
export async function progress(ctx: AppContext, p: Principal, q: ProgressQueryIn) {
  const period = periodOf(q, ctx.clock.now());
  const scope = await reportScope(ctx, p, q.agency);
  // the roll-ups of migration 0042 give the same numbers as the direct aggregate without reading every dossier;
  // by procedure they are nearly as many rows as the dossiers (bench/README.md "Progress roll-ups"), so that
  // grouping stays direct
  const read = q.groupBy === 'procedure' ? repo.progressDirect : progressFromRollups;
  const rows = await read(ctx.db, windowOf(period), scope.agencyIds, q.groupBy);
  const totals = rows.find((r) => r.isTotal) ?? EMPTY_TOTALS;
  const groups = rows.filter((r) => !r.isTotal).map((r) => rowOut(r));
  groups.sort((a, b) => b.received - a.received || collator.compare(a.label, b.label) || String(a.key).localeCompare(String(b.key)));
  return {
    period: periodOut(period),
    groupBy: q.groupBy,
    agencyCode: scope.agencyCode,
    totals: rowOut(totals, 'Tổng cộng'),
    rows: groups,
    agencyName: scope.agencyName,
  };
}

/** GET /reports/progress/dossiers: the dossiers of one cell (same predicates as the aggregate). */
export async function progressDossiers(ctx: AppContext, p: Principal, q: DrillQueryIn) {
  const period = periodOf(q, ctx.clock.now());
  const scope = await reportScope(ctx, p, q.agency);
  const r = await repo.drill(ctx.db, windowOf(period), scope.agencyIds, {
    groupBy: q.groupBy,
    key: q.groupBy === undefined ? undefined : q.key,
    measure: q.measure,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: r.items.map(drillItem), total: r.total, page: q.page, pageSize: q.pageSize };
}

/** A drill-down row: the inbox item, and for a dossier whose appointment was moved by an apology (form 04) the first appointment, so the list shows both dates. */
function drillItem(row: Parameters<typeof inboxItem>[0]) {
  return {
    ...inboxItem(row),
    extended: (row.state.apologies ?? 0) > 0,
    originalDueAt: row.original_due_at ? new Date(row.original_due_at).toISOString() : null,
  };
}

/** GET /reports/officials. */
export async function officials(ctx: AppContext, p: Principal, q: PeriodQueryIn) {
  const now = ctx.clock.now();
  const period = periodOf(q, now);
  const scope = await reportScope(ctx, p, q.agency);
  const [rows, rated] = await Promise.all([
    repo.officials(ctx.db, windowOf(period), scope.agencyIds, now),
    officialRatings(ctx.db, { start: period.start, end: period.end, agencyIds: scope.agencyIds }),
  ]);
  return {
    period: periodOut(period),
    agencyCode: scope.agencyCode,
    rows: rows.map((r) => ({
      userId: r.user_id,
      fullName: r.full_name,
      username: r.username,
      agencyCode: r.agency_code,
      stepsDone: r.steps_done,
      early: r.early,
      onTime: r.on_time,
      late: r.late,
      holding: r.holding,
      holdingOverdue: r.holding_overdue,
      onTimeRate: percent(r.early + r.on_time, r.steps_done),
      // the staff evaluation: ratings given in the period of dossiers the official handled, % satisfied overall
      ratings: rated.get(r.user_id)?.ratings ?? 0,
      satisfiedRate: percent(rated.get(r.user_id)?.satisfied ?? 0, rated.get(r.user_id)?.ratings ?? 0),
    })),
  };
}

/**
 * GET /reports/officials/dossiers: what is behind one number of an official's row (same predicates as the
 * aggregate): one item per step finished (stepsDone, early, onTime, late) or per dossier held (holding,
 * holdingOverdue). 404 when the official is unknown or outside the (narrowed) report scope.
 */
export async function officialDossiers(ctx: AppContext, p: Principal, q: OfficialDrillQueryIn) {
  const now = ctx.clock.now();
  const period = periodOf(q, now);
  const scope = await reportScope(ctx, p, q.agency);
  const w = windowOf(period);
  const official = await repo.officialInScope(ctx.db, w, scope.agencyIds, q.userId);
  if (!official) {
    throw reportErrors.REPORT_OFFICIAL_NOT_FOUND({ userId: q.userId }, {
      errors: [{ path: 'querystring.userId', code: 'REPORT_OFFICIAL_NOT_FOUND', messageVi: 'Không có cán bộ này trong phạm vi', messageEn: 'No such official in scope' }],
    });
  }
  const r = await repo.officialDrill(ctx.db, w, scope.agencyIds, now, {
    userId: official.id,
    measure: q.measure,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return {
    official: { userId: official.id, fullName: official.full_name, username: official.username },
    measure: q.measure,
    items: r.items.map((row) => ({
      ...inboxItem(row),
      step: row.step_at ? { at: new Date(row.step_at).toISOString(), classification: row.step_classification } : null,
    })),
    total: r.total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** GET /reports/indicators: the QĐ 766 groups, with what the data here supports. */
export async function indicators(ctx: AppContext, p: Principal, q: PeriodQueryIn) {
  const period = periodOf(q, ctx.clock.now());
  const scope = await reportScope(ctx, p, q.agency);
  const w = windowOf(period);
  const [c, synced, pet] = await Promise.all([
    repo.indicatorCounts(ctx.db, w, scope.agencyIds, PERFORMER_KINDS, paidOnlineDossierIds(w.end), dislikedDossierIds(w.end), petitionedDossierCodes(w.end)),
    syncedReceivedCount(ctx.db, w, scope.agencyIds),
    // petitions not assigned yet belong to the province: counted in a province-wide report
    petitionIndicatorCounts(ctx.db, w, scope.agencyIds, scope.agencyCode === null && actsFromTop(p, 'report.read')),
  ]);
  const f = (numerator: number, denominator: number, factor?: number): Fraction => (factor === undefined ? { numerator, denominator } : { numerator, denominator, factor });
  // 1.4 and its use in 3.3: the share of the period's dossiers the national portal accepted
  const syncRate = c.newTotal ? Math.min(1, synced / c.newTotal) : 0;
  const e = evaluate({
    '1.3': f(c.procFullContent, c.procTotal),
    '1.4': f(synced, c.newTotal),
    '2.1': f(c.onTime, c.received),
    '3.1': f(c.procOnline, c.procTotal),
    '3.2': f(c.procOnlineWithDossiers, c.procOnline),
    '3.3': f(c.newOnline, c.newTotal, syncRate),
    '3.5': f(c.procFeePaidOnline, c.procFee),
    '3.5b': f(c.procFeeWithDossiers, c.procFee),
    '3.6': f(c.paidOnline, c.payDue),
    '4.1': f(c.eResults, c.results),
    '4.2': f(c.digitised, c.results),
    '4.3': f(c.reused, c.newTotal),
    // 5.4 (satisfaction-score.ts): of the dossiers not overdue and not disliked, those with a petition about them
    // (the petitions module's subquery) count against it
    '5.4': f(receivingSatisfiedCount({ received: c.received, notOverdueNotDisliked: c.onTimeNotDisliked, dossiersWithPetition: c.onTimeNotDislikedPetitioned }), c.received),
    // 5.1 and 5.3 (petition-score.ts): petitions assigned to the agencies in scope
    ...petitionFractions({ answeredOnTime: pet.answeredOnTime, due: pet.due }, { satisfied: pet.satisfied, rated: pet.rated }),
  });
  return { period: periodOut(period), agencyCode: scope.agencyCode, ...e, agencyName: scope.agencyName };
}

/** GET /reports/ratings: satisfaction ratings given in the period, by agency, procedure or official, with the comments. */
export async function ratings(ctx: AppContext, p: Principal, q: RatingsQueryIn) {
  const period = periodOf(q, ctx.clock.now());
  const scope = await reportScope(ctx, p, q.agency);
  const r = await ratingSummary(ctx.db, { start: period.start, end: period.end, agencyIds: scope.agencyIds, procedureCode: q.procedure, officialId: q.official }, q.groupBy);
  return { period: periodOut(period), agencyCode: scope.agencyCode, agencyName: scope.agencyName, groupBy: q.groupBy, ...r };
}

export type ProgressReport = Awaited<ReturnType<typeof progress>>;
export type IndicatorsReport = Awaited<ReturnType<typeof indicators>>;
export type { GroupBy };
