// The read API other modules use (the reports module: the leaders' rating report, the officials' report, QĐ
// 766 5.4). The SQL stays in ratings.repo.ts.
import type { Db } from '../../platform/db/database.js';
import { LEVELS, LEVEL_WORDS } from './rating-rules.js';
import * as repo from './ratings.repo.js';

export type { SummaryFilter, SummaryGroupBy } from './ratings.repo.js';

/** Subquery: ids of dossiers rated "không hài lòng" overall (ratings given before `before`), for QĐ 766 5.4. */
export const dislikedDossierIds = (before: Date) => repo.dislikedDossierIdsSql(before);

/** Per official (user id): ratings of the dossiers they handled in the period, and how many were satisfied. */
export async function officialRatings(db: Db, f: repo.SummaryFilter): Promise<Map<string, { ratings: number; satisfied: number }>> {
  const rows = await repo.officialRatingCounts(db, f);
  return new Map(rows.map((r) => [r.user_id, { ratings: r.ratings, satisfied: r.satisfied }]));
}

type LevelCounts = Record<'3' | '2' | '1', number>;
const zero = (): LevelCounts => ({ '3': 0, '2': 0, '1': 0 });
/** % satisfied (rất hài lòng + hài lòng) of the overall answers, 2 decimals; null without ratings. */
const satisfiedPct = (c: LevelCounts | undefined) => {
  const n = c ? c['1'] + c['2'] + c['3'] : 0;
  return n > 0 ? Math.round(((c!['2'] + c!['3']) / n) * 10000) / 100 : null;
};

function byCriterion(rows: Array<{ criterion: string; level: number; n: number }>) {
  const out: Record<string, LevelCounts> = {};
  for (const r of rows) {
    const c = (out[r.criterion] ??= zero());
    const k = String(r.level) as keyof LevelCounts;
    if (k in c) c[k] += r.n;
  }
  return out;
}

/** The leaders' report: totals, one row per group (agency, procedure or official), the comments. */
export async function ratingSummary(db: Db, f: repo.SummaryFilter, groupBy: repo.SummaryGroupBy, commentLimit = 200) {
  const [criteria, totals, groups, comments] = await Promise.all([
    repo.activeCriteria(db), repo.totalCounts(db, f), repo.levelCounts(db, f, groupBy), repo.comments(db, f, commentLimit),
  ]);
  const grouped = new Map<string, { key: string | null; label: string | null; rows: repo.GroupCountRow[] }>();
  for (const r of groups) {
    const k = String(r.key);
    if (!grouped.has(k)) grouped.set(k, { key: r.key, label: r.label, rows: [] });
    grouped.get(k)!.rows.push(r);
  }
  const totalsBy = byCriterion(totals.levels);
  const rows = [...grouped.values()].map((g) => {
    const counts = byCriterion(g.rows);
    const overall = counts.overall ?? zero();
    return { key: g.key, label: g.label ?? g.key ?? '', ratings: overall['1'] + overall['2'] + overall['3'], satisfiedPct: satisfiedPct(counts.overall), counts };
  }).sort((a, b) => b.ratings - a.ratings || String(a.label).localeCompare(String(b.label), 'vi'));
  return {
    criteria: criteria.map((c) => ({ key: c.key, nameVi: c.name_vi, nameEn: c.name_en })),
    levels: LEVELS.map((l) => ({ level: l, vi: LEVEL_WORDS[l].vi, en: LEVEL_WORDS[l].en })),
    totals: { ratings: totals.ratings, satisfiedPct: satisfiedPct(totalsBy.overall), counts: totalsBy },
    rows,
    comments: comments.map((c) => ({ dossierCode: c.dossier_code, procedureName: c.procedure_name, agencyName: c.agency_name, overall: c.overall, comment: c.comment, at: new Date(c.created_at).toISOString(), channel: c.channel })),
  };
}
