// The progress report from the roll-ups of migration 0042 (docs/architecture.md §5): exactly what
// progressDirect() computes over the dossiers, read from buckets whose number does not grow with the dossiers.
//
// A dossier sits in ONE bucket: its local day (and month) of acceptance and its key (agency, procedure,
// field, channel), with its outcome class once finished. For a period [S, E) of local days, per key:
//   O_S = dossiers open at S (accepted < S, not finished before S), O_E = open at E; both read directly (the
//   GiST index dossiers_open_span), small (the dossiers in progress at an instant);
//   received   = O_S + Σaccepted[S, E);   carriedOver = O_S;   new by channel = Σaccepted[S, E)
//   resolved by class = O_S finished before E (direct) + Σclass[S, E) − O_E accepted ≥ S and finished (≥ E)
//   inProcess = received − resolved;   inProcessOnTime / Overdue = O_E judged at asOf (direct).
// Every term is split by the key and, for groupBy month, by the month of max(acceptance, S), so each row of
// every grouping is exact; a key with nothing received has every measure 0 and is left out, so that the
// labels (max over the dossiers counted) are the direct ones.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { localDate, localDayStart } from '../calendar/working-time.js';
import { channelLabelOf, fieldKeyOf, fieldLabelOf, measurePredicates, noJit, progressDirect, ts, uuids, type ProgressRow, type Window } from './reports.repo.js';
import { MEASURES, type GroupBy, type Measure } from './reports.schema.js';
import { rollupRanges } from './rollup-ranges.js';

const KEY_COLS = sql`agency_id, procedure_code, procedure_id, procedure_name, field, channel`;

/** A pair of bucket tables (day, month) and the key columns they keep, as the 6 columns of KEY_COLS. */
interface Buckets {
  days: string;
  months: string;
  /** KEY_COLS of a bucket row (alias b). */
  key: RawBuilder<unknown>;
  /** KEY_COLS of a dossier (alias d), with the same columns left out. */
  dossierKey: RawBuilder<unknown>;
}

/** Keyed by the procedure too: only groupBy procedure needs them (nearly as many rows as dossiers at scale). */
const BY_PROCEDURE: Buckets = {
  days: 'dossier_rollup_days',
  months: 'dossier_rollup_months',
  key: KEY_COLS,
  dossierKey: sql`d.competent_agency_id AS agency_id, d.procedure_code, d.procedure_id, d.procedure_name, d.field, d.channel`,
};
/** By (agency, field, channel): every other grouping and the totals; bounded by agencies × fields × channels. */
const BY_FIELD: Buckets = {
  days: 'dossier_rollup_field_days',
  months: 'dossier_rollup_field_months',
  key: sql`agency_id, NULL::text AS procedure_code, NULL::uuid AS procedure_id, NULL::text AS procedure_name, field, channel`,
  dossierKey: sql`d.competent_agency_id AS agency_id, NULL::text AS procedure_code, NULL::uuid AS procedure_id, NULL::text AS procedure_name, d.field, d.channel`,
};
const CLASS = sql`dossier_rollup_class(d.finished_at, d.original_due_at, d.indicator_late, d.indicator_on_time, d.status, d.result_outcome)`;

/** The dossiers open at `t` (alias d): accepted before t and not finished before t, on the GiST index of migration 0042. */
function openAt(t: Date): RawBuilder<boolean> {
  // the expression of dossiers_open_span, written the same way so that the planner matches it
  return sql<boolean>`d.accepted_at IS NOT NULL
    AND tstzrange(d.accepted_at, CASE WHEN d.finished_at IS NULL THEN NULL ELSE GREATEST(d.accepted_at, d.finished_at) END, '(]') @> ${ts(t)}`;
}

const isDayStart = (t: Date) => localDayStart(localDate(t)).getTime() === t.getTime();

/** The buckets of [S, E): whole months from the month table, the edge days from the day table (alias b). */
function bucketRows(t: Buckets, w: Window, scope: string[], mkey: (col: RawBuilder<unknown>) => RawBuilder<unknown>): RawBuilder<unknown> {
  const r = rollupRanges(localDate(w.start), localDate(w.end));
  const cols = sql`accepted::bigint AS received, 0::bigint AS carried, accepted::bigint AS new_n, early::bigint AS r_early,
    on_time::bigint AS r_on_time, late::bigint AS r_late, refused_stopped::bigint AS r_rs, 0::bigint AS ip_on_time, 0::bigint AS ip_overdue`;
  const parts: RawBuilder<unknown>[] = [];
  if (r.months.length > 0) {
    parts.push(sql`SELECT ${t.key}, ${mkey(sql`b.month`)} AS mkey, ${cols} FROM ${sql.table(t.months)} b
      WHERE b.month = ANY(${sql.val(r.months)}::date[]) AND b.agency_id = ANY(${uuids(scope)})`);
  }
  for (const x of r.days) {
    parts.push(sql`SELECT ${t.key}, ${mkey(sql`b.day`)} AS mkey, ${cols} FROM ${sql.table(t.days)} b
      WHERE b.day >= ${x.from}::date AND b.day < ${x.to}::date AND b.agency_id = ANY(${uuids(scope)})`);
  }
  return sql.join(parts, sql` UNION ALL `);
}

interface FineGrouping {
  join: RawBuilder<unknown>;
  key: RawBuilder<string | null>;
  label: RawBuilder<string>;
}

/** Row key and label for a grouping, over the per-key sums (alias f); the same keys and labels as reports.repo.ts grouping(). */
function fineGrouping(g: GroupBy): FineGrouping {
  const none = sql``;
  switch (g) {
    case 'agency':
      return { join: sql`LEFT JOIN agencies ga ON ga.id = f.agency_id`, key: sql`ga.code`, label: sql`ga.name` };
    case 'field':
      return { join: none, key: fieldKeyOf(sql`f.field`), label: fieldLabelOf(sql`f.field`) };
    case 'procedure':
      return { join: sql`LEFT JOIN procedures gp ON gp.id = f.procedure_id`, key: sql`f.procedure_code`, label: sql`COALESCE(gp.name, f.procedure_name)` };
    case 'channel':
      return { join: none, key: sql`f.channel::text`, label: channelLabelOf(sql`f.channel`) };
    case 'month':
      return { join: none, key: sql`f.mkey`, label: sql`substr(f.mkey, 6, 2) || '/' || substr(f.mkey, 1, 4)` };
  }
}

/** The progress report from the roll-ups; periods not made of whole local days fall back to the direct aggregate. */
export async function progress(db: Db, w: Window, scope: string[], groupBy: GroupBy): Promise<ProgressRow[]> {
  if (!isDayStart(w.start) || !isDayStart(w.end) || w.start >= w.end) return progressDirect(db, w, scope, groupBy);
  const byMonth = groupBy === 'month';
  const mkeyOfDay = (col: RawBuilder<unknown>) => (byMonth ? sql`to_char(${col}, 'YYYY-MM')` : sql`NULL::text`);
  const mkeyOfDossier = byMonth
    ? sql`to_char(GREATEST(d.accepted_at, ${ts(w.start)}) AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM')`
    : sql`NULL::text`;
  const p = measurePredicates(w);
  const inScope = sql`d.competent_agency_id = ANY(${uuids(scope)})`;
  const isNew = sql`d.accepted_at >= ${ts(w.start)}`;
  const g = fineGrouping(groupBy);
  const t = groupBy === 'procedure' ? BY_PROCEDURE : BY_FIELD;
  const { rows } = await noJit(db, (db) => sql<Record<string, unknown>>`
    WITH parts AS (
      ${bucketRows(t, w, scope, mkeyOfDay)}
      UNION ALL
      SELECT ${t.dossierKey}, ${mkeyOfDossier} AS mkey, count(*), count(*), 0,
             count(*) FILTER (WHERE ${p.resolvedEarly}), count(*) FILTER (WHERE ${p.resolvedOnTime}),
             count(*) FILTER (WHERE ${p.resolvedLate}), count(*) FILTER (WHERE ${p.refusedOrStopped}), 0, 0
      FROM dossiers d WHERE ${inScope} AND ${openAt(w.start)}
      GROUP BY 1, 2, 3, 4, 5, 6, 7
      UNION ALL
      SELECT ${t.dossierKey}, ${mkeyOfDossier} AS mkey, 0, 0, 0,
             -count(*) FILTER (WHERE ${isNew} AND ${CLASS} % 4 = 1), -count(*) FILTER (WHERE ${isNew} AND ${CLASS} % 4 = 2),
             -count(*) FILTER (WHERE ${isNew} AND ${CLASS} % 4 = 3), -count(*) FILTER (WHERE ${isNew} AND ${CLASS} >= 4),
             count(*) FILTER (WHERE ${p.inProcessOnTime}), count(*) FILTER (WHERE ${p.inProcessOverdue})
      FROM dossiers d WHERE ${inScope} AND ${openAt(w.end)}
      GROUP BY 1, 2, 3, 4, 5, 6, 7
    ), fine AS (
      SELECT ${KEY_COLS}, mkey, sum(received) AS received, sum(carried) AS carried, sum(new_n) AS new_n,
             sum(r_early) AS r_early, sum(r_on_time) AS r_on_time, sum(r_late) AS r_late, sum(r_rs) AS r_rs,
             sum(ip_on_time) AS ip_on_time, sum(ip_overdue) AS ip_overdue
      FROM parts GROUP BY 1, 2, 3, 4, 5, 6, 7
      HAVING sum(received) > 0
    ), d AS (
      SELECT f.*, ${g.key} AS gkey, ${g.label} AS glabel FROM fine f ${g.join}
    )
    SELECT d.gkey, max(d.glabel) AS glabel, GROUPING(d.gkey) AS grp,
      sum(received) AS "received", sum(carried) AS "carriedOver",
      sum(new_n) FILTER (WHERE channel = 2) AS "newOnline", sum(new_n) FILTER (WHERE channel = 1) AS "newInPerson",
      sum(new_n) FILTER (WHERE channel = 3) AS "newPostal",
      sum(r_early + r_on_time + r_late) AS "resolved", sum(r_early) AS "resolvedEarly", sum(r_on_time) AS "resolvedOnTime",
      sum(r_late) AS "resolvedLate", sum(received - r_early - r_on_time - r_late) AS "inProcess",
      sum(ip_on_time) AS "inProcessOnTime", sum(ip_overdue) AS "inProcessOverdue", sum(r_rs) AS "refusedOrStopped"
    FROM d
    GROUP BY GROUPING SETS ((d.gkey), ())`.execute(db));
  return rows.map((r) => {
    const out = { key: (r.gkey as string | null) ?? null, label: (r.glabel as string | null) ?? '', isTotal: Number(r.grp) === 1 } as ProgressRow;
    for (const m of MEASURES as readonly Measure[]) out[m] = Number(r[m] ?? 0);
    return out;
  });
}
