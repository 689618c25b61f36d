// SQL of the reports: each report is one aggregate over the dossier projection (FILTER clauses), using the
// indicator columns the engine keeps up to date at every event (migration 0010). Local days are taken in
// SQL with AT TIME ZONE 'Asia/Ho_Chi_Minh' (PGlite and PostgreSQL).
//
// Dossiers counted in a period ("nhận giải quyết"): accepted before the end, and accepted in the period or
// still open at its start (not finished, or finished on/after the start). The measure predicates below are
// used both by the aggregate and by the drill-down, so a drill-down lists exactly the dossiers of a cell.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { DossierRow } from '../dossiers/dossier-row.js';
import { PAYMENT_METHODS } from '../workflow/state-machine.js';
import { ONLINE_METHOD, ONLINE_PAYMENT_METHODS } from '../workflow/report-facts.js';
import { NO_FIELD_KEY, type GroupBy, type Measure, type OfficialMeasure } from './reports.schema.js';

export interface Window {
  start: Date;
  end: Date;
  /** In-process dossiers are judged at this instant: min(now, end). */
  asOf: Date;
}

export type Counts = Record<Measure, number>;

export const ts = (d: Date) => sql`${d}::timestamptz`;

/**
 * Runs the statements of a report with JIT compilation off (SET LOCAL, in a transaction): the report
 * aggregates have plan costs that make PostgreSQL JIT-compile them, which costs more than the whole query
 * on these row counts (1–2 s per call at 100,000 dossiers). The statements run one after the other.
 */
export async function noJit<T>(db: Db, f: (db: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) {
    await sql`SET LOCAL jit = off`.execute(db);
    return f(db);
  }
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL jit = off`.execute(trx);
    return f(trx);
  });
}
export const uuids = (ids: string[]) => sql`${sql.val(ids)}::uuid[]`;

/** The dossiers of the period, within the competent agencies `scope` (table alias d). */
function counted(w: Window, scope: string[]): RawBuilder<boolean> {
  return sql<boolean>`d.competent_agency_id = ANY(${uuids(scope)})
    AND d.accepted_at IS NOT NULL AND d.accepted_at < ${ts(w.end)}
    AND (d.accepted_at >= ${ts(w.start)} OR d.finished_at IS NULL OR d.finished_at >= ${ts(w.start)})`;
}

/**
 * The same dossiers as counted(), as the UNION ALL of its two disjoint parts, `select` (alias d, with `join`)
 * over each: accepted in the period, and accepted before it but not finished before its start. Each part has
 * its own index range, where the OR of counted() makes an ordered scan walk from the oldest acceptance.
 */
function countedParts(w: Window, scope: string[], select: RawBuilder<unknown>, join: RawBuilder<unknown>): RawBuilder<unknown> {
  const inScope = sql`d.competent_agency_id = ANY(${uuids(scope)})`;
  return sql`${select} FROM dossiers d ${join}
      WHERE ${inScope} AND d.accepted_at >= ${ts(w.start)} AND d.accepted_at < ${ts(w.end)}
    UNION ALL
    ${select} FROM dossiers d ${join}
      WHERE ${inScope} AND d.accepted_at < ${ts(w.start)} AND (d.finished_at IS NULL OR d.finished_at >= ${ts(w.start)})`;
}

/**
 * Late for the indicator whatever the times (> 1 supplement request, apology), or finished / waiting for a
 * supplement past the allowance, or still running past `lateFrom` (the original appointment shifted by the
 * completed suspensions). Null-safe (always true or false).
 */
function overdueAt(asOf: RawBuilder<unknown>): RawBuilder<boolean> {
  // indicator_on_time is the outcome at indicator_end_at; for a dossier whose end came after asOf it can
  // only have been late at asOf if asOf is past the original appointment
  return sql<boolean>`COALESCE(d.indicator_late
    OR (d.indicator_on_time IS FALSE AND (d.indicator_end_at <= ${asOf} OR d.original_due_at < ${asOf}))
    OR d.indicator_late_from <= ${asOf}, false)`;
}

/** One predicate per measure (table alias d), to be combined with counted(). */
export function measurePredicates(w: Window): Record<Measure, RawBuilder<boolean>> {
  const start = ts(w.start);
  const resolved = sql`(d.finished_at IS NOT NULL AND d.finished_at < ${ts(w.end)})`;
  const late = sql`(d.indicator_late OR d.indicator_on_time IS FALSE)`;
  // early: on time and finished on an earlier local day than the original appointment
  const early = sql`COALESCE((d.finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date < (d.original_due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, false)`;
  const overdue = overdueAt(ts(w.asOf));
  const isNew = sql`d.accepted_at >= ${start}`;
  return {
    received: sql<boolean>`true`,
    carriedOver: sql<boolean>`d.accepted_at < ${start}`,
    newOnline: sql<boolean>`(${isNew} AND d.channel = 2)`,
    newInPerson: sql<boolean>`(${isNew} AND d.channel = 1)`,
    newPostal: sql<boolean>`(${isNew} AND d.channel = 3)`,
    resolved: sql<boolean>`${resolved}`,
    resolvedEarly: sql<boolean>`(${resolved} AND NOT ${late} AND ${early})`,
    resolvedOnTime: sql<boolean>`(${resolved} AND NOT ${late} AND NOT ${early})`,
    resolvedLate: sql<boolean>`(${resolved} AND ${late})`,
    inProcess: sql<boolean>`NOT ${resolved}`,
    inProcessOnTime: sql<boolean>`(NOT ${resolved} AND NOT ${overdue})`,
    inProcessOverdue: sql<boolean>`(NOT ${resolved} AND ${overdue})`,
    refusedOrStopped: sql<boolean>`(${resolved} AND (d.status IN ('refused', 'stopped') OR d.result_outcome = 'rejected'))`,
  };
}

interface Grouping {
  join: RawBuilder<unknown>;
  key: RawBuilder<string | null>;
  label: RawBuilder<string>;
}

export const NO_FIELD_LABEL = 'Chưa phân loại lĩnh vực';
export const CHANNEL_LABELS: Record<string, string> = { '1': 'Trực tiếp', '2': 'Trực tuyến', '3': 'Bưu chính' };

/** Group key and label of a field column, of a channel column: shared by the direct aggregate and the roll-ups. */
export const fieldKeyOf = (col: RawBuilder<unknown>) => sql<string>`COALESCE(${col}, ${NO_FIELD_KEY}::text)`;
export const fieldLabelOf = (col: RawBuilder<unknown>) => sql<string>`COALESCE(${col}, ${NO_FIELD_LABEL}::text)`;
export const channelLabelOf = (col: RawBuilder<unknown>) =>
  sql<string>`CASE ${col} WHEN 1 THEN ${CHANNEL_LABELS['1']}::text WHEN 2 THEN ${CHANNEL_LABELS['2']}::text WHEN 3 THEN ${CHANNEL_LABELS['3']}::text ELSE ${col}::text END`;

/** Row key and label of each dossier for a grouping (month: of acceptance; carried-over dossiers in the first month). */
function grouping(g: GroupBy, w: Window): Grouping {
  const none = sql``;
  switch (g) {
    case 'agency':
      return { join: sql`LEFT JOIN agencies ga ON ga.id = d.competent_agency_id`, key: sql`ga.code`, label: sql`ga.name` };
    case 'field':
      return { join: none, key: fieldKeyOf(sql`d.field`), label: fieldLabelOf(sql`d.field`) };
    case 'procedure':
      return { join: sql`LEFT JOIN procedures gp ON gp.id = d.procedure_id`, key: sql`d.procedure_code`, label: sql`COALESCE(gp.name, d.procedure_name)` };
    case 'channel':
      return { join: none, key: sql`d.channel::text`, label: channelLabelOf(sql`d.channel`) };
    case 'month': {
      const local = sql`(GREATEST(d.accepted_at, ${ts(w.start)}) AT TIME ZONE 'Asia/Ho_Chi_Minh')`;
      return { join: none, key: sql`to_char(${local}, 'YYYY-MM')`, label: sql`to_char(${local}, 'MM/YYYY')` };
    }
  }
}

export interface ProgressRow extends Counts {
  key: string | null;
  label: string;
  isTotal: boolean;
}

/**
 * The progress report computed directly over the dossiers: one row per group and the totals row (GROUPING
 * SETS), in one aggregate. The definition the roll-ups (progress-rollup.repo.ts) must reproduce exactly;
 * linear in the dossiers counted (a year at 1 M: ~1.2 s).
 */
export async function progressDirect(db: Db, w: Window, scope: string[], groupBy: GroupBy): Promise<ProgressRow[]> {
  const g = grouping(groupBy, w);
  const preds = measurePredicates(w);
  const cols = sql.join(
    (Object.keys(preds) as Measure[]).map((m) => sql`count(*) FILTER (WHERE ${preds[m]}) AS ${sql.ref(m)}`),
  );
  const { rows } = await noJit(db, (db) => sql<Record<string, unknown>>`
    WITH d AS (
      SELECT d.*, ${g.key} AS gkey, ${g.label} AS glabel
      FROM dossiers d ${g.join}
      WHERE ${counted(w, scope)}
    )
    SELECT d.gkey, max(d.glabel) AS glabel, GROUPING(d.gkey) AS grp, ${cols}
    FROM d
    GROUP BY GROUPING SETS ((d.gkey), ())`.execute(db));
  return rows.map((r) => {
    const out = { key: (r.gkey as string | null) ?? null, label: (r.glabel as string | null) ?? '', isTotal: Number(r.grp) === 1 } as ProgressRow;
    for (const m of Object.keys(preds) as Measure[]) out[m] = Number(r[m] ?? 0);
    return out;
  });
}

export interface DrillFilter {
  groupBy?: GroupBy;
  key?: string;
  measure: Measure;
  limit: number;
  offset: number;
}

/** The dossiers behind one cell of the progress report, oldest acceptance first. */
export async function drill(db: Db, w: Window, scope: string[], f: DrillFilter): Promise<{ items: DossierRow[]; total: number }> {
  const pred = measurePredicates(w)[f.measure];
  const byKey = f.groupBy !== undefined && f.key !== undefined;
  const g = byKey ? grouping(f.groupBy!, w) : null;
  const cte = sql`
    WITH d AS (${countedParts(w, scope, sql`SELECT d.*, ${g ? g.key : sql`NULL::text`} AS gkey`, g ? g.join : sql``)})`;
  const where = sql`${pred} ${byKey ? sql`AND d.gkey = ${f.key}` : sql``}`;
  return noJit(db, async (db) => {
    const items = await sql<DossierRow>`${cte} SELECT d.* FROM d WHERE ${where} ORDER BY d.accepted_at, d.code, d.id LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db);
    const total = await sql<{ n: number }>`${cte} SELECT count(*) AS n FROM d WHERE ${where}`.execute(db);
    return { items: items.rows, total: Number(total.rows[0]?.n ?? 0) };
  });
}

export interface OfficialRow {
  user_id: string;
  full_name: string;
  username: string;
  agency_code: string | null;
  steps_done: number;
  early: number;
  on_time: number;
  late: number;
  holding: number;
  holding_overdue: number;
}

// Officials. A step is a hand-over in the event log (event.handover, alias e): the official who finished it
// is handover.from.userId, the agency where it was done handover.from.agencyId, and its classification
// against the step's due instant early | on_time | late (none: no due instant, counted as on time).
// These are generated columns of dossier_events (migration 0013), covered by the partial index
// dossier_events_handovers (at) WHERE handover_user_id IS NOT NULL.
const STEP_USER = sql<string>`e.handover_user_id`;
const STEP_AGENCY = sql<string>`e.handover_agency_id`;
const STEP_CLASS = sql<string | null>`e.handover_classification`;

/** Steps finished in the window at an agency of `scope` (alias e). */
function stepsIn(w: Window, scope: string[]): RawBuilder<boolean> {
  return sql<boolean>`e.at >= ${ts(w.start)} AND e.at < ${ts(w.end)}
    AND ${STEP_USER} IS NOT NULL AND ${STEP_AGENCY} = ANY(${sql.val(scope)}::text[])`;
}

/** Open dossiers held (assigned) now at an agency of `scope` (alias d). */
function heldIn(scope: string[]): RawBuilder<boolean> {
  return sql<boolean>`d.assignee_id IS NOT NULL AND d.status NOT IN ('refused', 'stopped', 'returned')
    AND d.current_agency_id = ANY(${uuids(scope)})`;
}

type StepMeasure = Extract<OfficialMeasure, 'stepsDone' | 'early' | 'onTime' | 'late'>;
type HeldMeasure = Exclude<OfficialMeasure, StepMeasure>;
const isStepMeasure = (m: OfficialMeasure): m is StepMeasure => m === 'stepsDone' || m === 'early' || m === 'onTime' || m === 'late';

/** One predicate per step measure (alias e), to be combined with stepsIn(). */
const STEP_PREDICATES: Record<StepMeasure, RawBuilder<boolean>> = {
  stepsDone: sql<boolean>`true`,
  early: sql<boolean>`${STEP_CLASS} IS NOT DISTINCT FROM 'early'`,
  onTime: sql<boolean>`(${STEP_CLASS} = 'on_time' OR ${STEP_CLASS} IS NULL)`,
  late: sql<boolean>`${STEP_CLASS} IS NOT DISTINCT FROM 'late'`,
};

/** One predicate per holding measure (alias d), to be combined with heldIn(); overdue judged at `now`. */
function heldPredicates(now: Date): Record<HeldMeasure, RawBuilder<boolean>> {
  return { holding: sql<boolean>`true`, holdingOverdue: overdueAt(ts(now)) };
}

/**
 * Per official: the steps they finished in the period at an agency of `scope` (classified early / on time /
 * late against the step's due instant; a step without a due instant counts as on time), and the open
 * dossiers they hold now at an agency of `scope` (overdue as of `now`).
 */
export async function officials(db: Db, w: Window, scope: string[], now: Date): Promise<OfficialRow[]> {
  const held = heldPredicates(now);
  const { rows } = await noJit(db, (db) => sql<OfficialRow>`
    WITH steps AS (
      SELECT ${STEP_USER} AS user_id, ${STEP_AGENCY} AS agency_id,
             count(*) FILTER (WHERE ${STEP_PREDICATES.stepsDone}) AS steps_done,
             count(*) FILTER (WHERE ${STEP_PREDICATES.early}) AS early,
             count(*) FILTER (WHERE ${STEP_PREDICATES.onTime}) AS on_time,
             count(*) FILTER (WHERE ${STEP_PREDICATES.late}) AS late
      FROM dossier_events e
      WHERE ${stepsIn(w, scope)}
      GROUP BY 1, 2
    ), done AS (
      -- the official's agency: where they finished the most steps, ties to the smallest id (= mode() of
      -- the agency over their steps, without sorting every step)
      SELECT user_id, sum(steps_done) AS steps_done, sum(early) AS early, sum(on_time) AS on_time, sum(late) AS late,
             (array_agg(agency_id ORDER BY steps_done DESC, agency_id))[1] AS agency_id
      FROM steps
      GROUP BY user_id
    ), held AS (
      SELECT d.assignee_id::text AS user_id,
             count(*) FILTER (WHERE ${held.holding}) AS holding,
             count(*) FILTER (WHERE ${held.holdingOverdue}) AS holding_overdue
      FROM dossiers d
      WHERE ${heldIn(scope)}
      GROUP BY d.assignee_id
    ), who AS (SELECT user_id FROM done UNION SELECT user_id FROM held)
    SELECT u.id AS user_id, u.full_name, u.username, a.code AS agency_code,
           COALESCE(done.steps_done, 0) AS steps_done, COALESCE(done.early, 0) AS early,
           COALESCE(done.on_time, 0) AS on_time, COALESCE(done.late, 0) AS late,
           COALESCE(held.holding, 0) AS holding, COALESCE(held.holding_overdue, 0) AS holding_overdue
    FROM who
    JOIN users u ON u.id::text = who.user_id
    LEFT JOIN done ON done.user_id = who.user_id
    LEFT JOIN held ON held.user_id = who.user_id
    LEFT JOIN agencies a ON a.id::text = COALESCE(done.agency_id, u.home_agency_id::text)
    ORDER BY COALESCE(done.steps_done, 0) DESC, u.full_name, u.username`.execute(db));
  return rows.map((r) => ({
    ...r,
    steps_done: Number(r.steps_done),
    early: Number(r.early),
    on_time: Number(r.on_time),
    late: Number(r.late),
    holding: Number(r.holding),
    holding_overdue: Number(r.holding_overdue),
  }));
}

/**
 * The official, when they belong to the report scope: their home agency or one of their role assignments
 * is in `scope`, or they are in the officials report of the window (a step finished or a dossier held
 * there). Null otherwise (unknown user included).
 */
export async function officialInScope(db: Db, w: Window, scope: string[], userId: string): Promise<{ id: string; full_name: string; username: string } | null> {
  const { rows } = await sql<{ id: string; full_name: string; username: string }>`
    SELECT u.id, u.full_name, u.username FROM users u
    WHERE u.id = ${userId}::uuid AND (
      u.home_agency_id = ANY(${uuids(scope)})
      OR EXISTS (SELECT 1 FROM role_assignments ra WHERE ra.user_id = u.id AND ra.agency_id = ANY(${uuids(scope)}))
      OR EXISTS (SELECT 1 FROM dossiers d WHERE d.assignee_id = u.id AND ${heldIn(scope)})
      OR EXISTS (SELECT 1 FROM dossier_events e WHERE ${stepsIn(w, scope)} AND ${STEP_USER} = u.id::text))`.execute(db);
  return rows[0] ?? null;
}

export interface OfficialDrillRow extends DossierRow {
  /** Step measures: the hand-over that finished the step (one row per step, a dossier may recur). */
  step_at: Date | null;
  step_classification: string | null;
}

/**
 * The rows behind one number of the officials report (same predicates as the aggregate): for the step
 * measures one row per step the official finished (its dossier, oldest step first), for the holding
 * measures the dossiers they hold now (earliest appointment first).
 */
export async function officialDrill(
  db: Db, w: Window, scope: string[], now: Date, f: { userId: string; measure: OfficialMeasure; limit: number; offset: number },
): Promise<{ items: OfficialDrillRow[]; total: number }> {
  if (isStepMeasure(f.measure)) {
    const from = sql`FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id
      WHERE ${stepsIn(w, scope)} AND ${STEP_USER} = ${f.userId}::text AND ${STEP_PREDICATES[f.measure]}`;
    return noJit(db, async (db) => {
      const items = await sql<OfficialDrillRow>`SELECT d.*, e.at AS step_at, ${STEP_CLASS} AS step_classification ${from}
        ORDER BY e.at, e.id LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db);
      const total = await sql<{ n: number }>`SELECT count(*) AS n ${from}`.execute(db);
      return { items: items.rows, total: Number(total.rows[0]?.n ?? 0) };
    });
  }
  const from = sql`FROM dossiers d WHERE ${heldIn(scope)} AND d.assignee_id = ${f.userId}::uuid AND ${heldPredicates(now)[f.measure]}`;
  return noJit(db, async (db) => {
    const items = await sql<OfficialDrillRow>`SELECT d.*, NULL::timestamptz AS step_at, NULL::text AS step_classification ${from}
      ORDER BY d.due_at NULLS LAST, d.code, d.id LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db);
    const total = await sql<{ n: number }>`SELECT count(*) AS n ${from}`.execute(db);
    return { items: items.rows, total: Number(total.rows[0]?.n ?? 0) };
  });
}

export { ONLINE_PAYMENT_METHODS };

export interface IndicatorCounts {
  received: number;
  onTime: number;
  /** On time (2.1's test) and not rated "không hài lòng" overall: the 5.4 numerator before petitions. */
  onTimeNotDisliked: number;
  /** Of those, dossiers with a petition about them (the petitions module's subquery): 5.4's dossiersWithPetition. */
  onTimeNotDislikedPetitioned: number;
  newTotal: number;
  newOnline: number;
  results: number;
  eResults: number;
  digitised: number;
  reused: number;
  payDue: number;
  paidOnline: number;
  procTotal: number;
  procFullContent: number;
  procOnline: number;
  procOnlineWithDossiers: number;
  procFee: number;
  procFeeWithDossiers: number;
  procFeePaidOnline: number;
}

/** QĐ 766 1.3: the parts every published procedure must show (catalogue parse fields; a 'missing' issue on one fails it). */
const MANDATORY_PARTS = ['name', 'steps', 'channels', 'channels.timeLimit', 'components', 'applicants', 'implementingAgency'];

const jsonArray = (e: RawBuilder<unknown>) => sql`CASE WHEN jsonb_typeof(${e}) = 'array' THEN ${e} ELSE '[]'::jsonb END`;

/**
 * The report facts of a dossier (alias d) as defined on its state / filing jsonb: what the projection columns
 * of migration 0013 hold (the engine computes them in workflow/report-facts.ts, the migration backfilled them with
 * these expressions). Reports read the columns; tests check the columns against these.
 */
export function factsFromJsonb(): Record<'has_result' | 'result_outcome' | 'result_has_file' | 'pay_due' | 'paid_online' | 'filing_has_file' | 'filing_reused', RawBuilder<unknown>> {
  const components = jsonArray(sql`d.filing->'components'`);
  const payments = jsonArray(sql`d.state->'payments'`);
  return {
    has_result: sql`COALESCE(jsonb_typeof(d.state->'result') = 'object', false)`,
    result_outcome: sql`d.state->'result'->>'outcome'`,
    result_has_file: sql`EXISTS (SELECT 1 FROM jsonb_array_elements(${jsonArray(sql`d.state->'result'->'documents'`)}) x WHERE jsonb_typeof(x->'fileId') = 'string')`,
    pay_due: sql`EXISTS (SELECT 1 FROM jsonb_array_elements(${payments}) x WHERE jsonb_typeof(x->'amount') <> 'number' OR (x->>'amount')::numeric > 0)`,
    paid_online: sql`EXISTS (SELECT 1 FROM jsonb_array_elements(${payments}) x
      WHERE jsonb_typeof(x->'paidAt') = 'string'
        AND (x->>'method' = ${ONLINE_METHOD}::text
          OR (NOT (COALESCE(x->>'method', '') = ANY(${sql.val([...PAYMENT_METHODS])}::text[]))
            AND translate(lower(public.f_unaccent(COALESCE(x->>'method', ''))), '_-', '  ') = ANY(${sql.val(ONLINE_PAYMENT_METHODS)}::text[]))))`,
    filing_has_file: sql`EXISTS (SELECT 1 FROM jsonb_array_elements(${components}) c WHERE jsonb_typeof(c->'fileId') = 'string')`,
    filing_reused: sql`EXISTS (SELECT 1 FROM jsonb_array_elements(${components}) c WHERE jsonb_typeof(c->'reusedFrom') = 'string')`,
  };
}

/**
 * Counts behind the QĐ 766 indicators, in one statement: the dossiers of the period (as the progress
 * report) and the published procedures performed by an agency of `scope` (catalogue: explicit links in
 * procedure_agencies, else the agency kind that performs the procedure's level by default).
 */
/**
 * `paidOnlineIds`: the payments module's subquery of dossiers paid online through a gateway (its read API): a
 * dossier counts as paid online (3.5, 3.6) with such a payment, or when the desk recorded the fee as paid
 * online on another platform (confirm_payment method "online"); a real payment also makes the fee due.
 */
export async function indicatorCounts(db: Db, w: Window, scope: string[], performerKinds: Record<'province' | 'commune', readonly string[]>, paidOnlineIds: RawBuilder<unknown>, dislikedIds: RawBuilder<unknown>, petitionedCodes: RawBuilder<unknown>): Promise<IndicatorCounts> {
  const p = measurePredicates(w);
  const start = ts(w.start);
  const end = ts(w.end);
  const isNew = sql`d.accepted_at >= ${start}`;
  // the state / filing facts are projection columns (migration 0013; their jsonb definitions: FACTS_FROM_JSONB)
  const hasResult = sql`(d.has_result AND d.finished_at >= ${start} AND d.finished_at < ${end})`;
  const eResult = sql`(d.result_has_file
    OR EXISTS (SELECT 1 FROM result_documents rd WHERE rd.dossier_id = d.id AND rd.file_id IS NOT NULL)
    OR EXISTS (SELECT 1 FROM files f WHERE f.dossier_id = d.id AND f.purpose = 'result'))`;
  const componentFiles = sql`(d.filing_has_file
    OR EXISTS (SELECT 1 FROM files f WHERE f.dossier_id = d.id AND f.purpose IN ('component', 'supplement')))`;
  const reused = sql`(d.filing_reused
    OR EXISTS (SELECT 1 FROM files f WHERE f.dossier_id = d.id AND (f.reused_from IS NOT NULL OR f.from_citizen_store)))`;
  const gatewayPaid = sql`d.id IN (${paidOnlineIds})`;
  const payDue = sql`(d.pay_due OR ${gatewayPaid})`;
  const paidOnline = sql`(d.paid_online OR ${gatewayPaid})`;
  const nonEmpty = (c: string) => sql`btrim(COALESCE(${sql.ref(c)}, '')) <> ''`;
  const { rows } = await noJit(db, (db) => sql<IndicatorCounts>`
    WITH d AS (
      SELECT d.* FROM dossiers d WHERE ${counted(w, scope)}
    ), ds AS (
      SELECT
        count(*) AS received,
        count(*) FILTER (WHERE ${p.resolvedEarly} OR ${p.resolvedOnTime} OR ${p.inProcessOnTime}) AS on_time,
        count(*) FILTER (WHERE (${p.resolvedEarly} OR ${p.resolvedOnTime} OR ${p.inProcessOnTime}) AND d.id NOT IN (${dislikedIds})) AS on_time_not_disliked,
        count(*) FILTER (WHERE (${p.resolvedEarly} OR ${p.resolvedOnTime} OR ${p.inProcessOnTime}) AND d.id NOT IN (${dislikedIds})
                           AND upper(d.code) IN (${petitionedCodes})) AS on_time_not_disliked_petitioned,
        count(*) FILTER (WHERE ${isNew}) AS new_total,
        count(*) FILTER (WHERE ${isNew} AND d.channel = 2) AS new_online,
        count(*) FILTER (WHERE ${hasResult}) AS results,
        count(*) FILTER (WHERE ${hasResult} AND ${eResult}) AS e_results,
        count(*) FILTER (WHERE ${hasResult} AND ${eResult} AND ${componentFiles}) AS digitised,
        count(*) FILTER (WHERE ${isNew} AND ${reused}) AS reused,
        count(*) FILTER (WHERE ${payDue}) AS pay_due,
        count(*) FILTER (WHERE ${payDue} AND ${paidOnline}) AS paid_online,
        COALESCE(array_agg(DISTINCT d.procedure_id) FILTER (WHERE ${isNew} AND d.channel = 2), '{}') AS online_procs,
        COALESCE(array_agg(DISTINCT d.procedure_id), '{}') AS procs,
        COALESCE(array_agg(DISTINCT d.procedure_id) FILTER (WHERE ${paidOnline}), '{}') AS paid_online_procs
      FROM d
    ), scope_agencies AS (
      SELECT a.id, a.kind FROM agencies a WHERE a.id = ANY(${uuids(scope)}) AND a.valid_to IS NULL
    ), authority AS (
      SELECT p.id, p.channel_kinds, p.current_version_id FROM procedures p
      WHERE p.public AND EXISTS (
        SELECT 1 FROM scope_agencies a LEFT JOIN procedure_agencies pa ON pa.agency_id = a.id AND pa.procedure_id = p.id
        WHERE pa.performs IS TRUE
           OR (pa.performs IS NULL AND (
                (p.levels @> ARRAY['province']::text[] AND a.kind = ANY(${sql.val([...performerKinds.province])}::text[]))
             OR (p.levels @> ARRAY['commune']::text[] AND a.kind = ANY(${sql.val([...performerKinds.commune])}::text[])))))
    ), procs AS (
      SELECT a.id,
        'online' = ANY(a.channel_kinds) AS online,
        (v.id IS NOT NULL AND ${nonEmpty('v.name')} AND ${nonEmpty('v.steps')} AND ${nonEmpty('v.applicants')}
          AND (${nonEmpty('v.implementing_agency')} OR ${nonEmpty('v.competent_agency')})
          AND EXISTS (SELECT 1 FROM procedure_components c WHERE c.version_id = v.id)
          AND EXISTS (SELECT 1 FROM procedure_channels c WHERE c.version_id = v.id
                      AND (c.time_value IS NOT NULL OR c.time_unit IS NOT NULL OR btrim(COALESCE(c.time_text, '')) <> ''))
          AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(${jsonArray(sql`v.issues`)}) i
                          WHERE i->>'status' = 'missing' AND i->>'field' = ANY(${sql.val(MANDATORY_PARTS)}::text[]))) AS full_content,
        (EXISTS (SELECT 1 FROM procedure_channels c, jsonb_array_elements(${jsonArray(sql`c.fees`)}) f
                 WHERE c.version_id = a.current_version_id AND jsonb_typeof(f->'amountVnd') = 'number' AND (f->>'amountVnd')::numeric > 0)
          OR EXISTS (SELECT 1 FROM procedure_fee_overrides o WHERE o.procedure_id = a.id AND o.amount_vnd > 0)) AS fee
      FROM authority a LEFT JOIN procedure_versions v ON v.id = a.current_version_id
    ), ps AS (
      SELECT
        count(*) AS proc_total,
        count(*) FILTER (WHERE x.full_content) AS proc_full_content,
        count(*) FILTER (WHERE x.online) AS proc_online,
        count(*) FILTER (WHERE x.online AND x.id = ANY(ds.online_procs)) AS proc_online_with_dossiers,
        count(*) FILTER (WHERE x.fee) AS proc_fee,
        count(*) FILTER (WHERE x.fee AND x.id = ANY(ds.procs)) AS proc_fee_with_dossiers,
        count(*) FILTER (WHERE x.fee AND x.id = ANY(ds.paid_online_procs)) AS proc_fee_paid_online
      FROM procs x CROSS JOIN ds
    )
    SELECT ds.received, ds.on_time AS "onTime", ds.on_time_not_disliked AS "onTimeNotDisliked", ds.on_time_not_disliked_petitioned AS "onTimeNotDislikedPetitioned", ds.new_total AS "newTotal", ds.new_online AS "newOnline",
      ds.results, ds.e_results AS "eResults", ds.digitised, ds.reused, ds.pay_due AS "payDue", ds.paid_online AS "paidOnline",
      ps.proc_total AS "procTotal", ps.proc_full_content AS "procFullContent", ps.proc_online AS "procOnline",
      ps.proc_online_with_dossiers AS "procOnlineWithDossiers", ps.proc_fee AS "procFee",
      ps.proc_fee_with_dossiers AS "procFeeWithDossiers", ps.proc_fee_paid_online AS "procFeePaidOnline"
    FROM ds CROSS JOIN ps`.execute(db));
  const r = rows[0]!;
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v ?? 0)])) as unknown as IndicatorCounts;
}
