// SQL of the ratings module (Kysely): criteria, ratings (one per dossier), counter kiosks, and the aggregates
// the leaders' report and the officials' report read.
import { sql, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { DossierRatings, RatingCriteria, RatingKiosks } from '../../platform/db/schema.gen.js';

export type RatingRow = Omit<Selectable<DossierRatings>, 'answers'> & { answers: Record<string, number> };
export type KioskRow = Selectable<RatingKiosks>;

export type CriterionRow = Selectable<RatingCriteria>;

export function allCriteria(db: Db): Promise<CriterionRow[]> {
  return db.selectFrom('rating_criteria').selectAll().orderBy('position').orderBy('key').execute();
}

export function criterionByKey(db: Db, key: string): Promise<CriterionRow | undefined> {
  return db.selectFrom('rating_criteria').selectAll().where('key', '=', key).executeTakeFirst();
}

/** A new criterion, after the others. */
export async function insertCriterion(db: Db, row: Omit<CriterionRow, 'position'>): Promise<void> {
  await db.insertInto('rating_criteria').values((eb) => ({
    ...row, position: eb.selectFrom('rating_criteria').select(sql<number>`COALESCE(max(position), 0) + 1`.as('p')),
  })).execute();
}

export async function updateCriterion(db: Db, key: string, patch: Updateable<RatingCriteria>): Promise<void> {
  await db.updateTable('rating_criteria').set(patch).where('key', '=', key).execute();
}

export async function setCriteriaOrder(db: Db, keys: string[]): Promise<void> {
  for (const [i, key] of keys.entries()) await db.updateTable('rating_criteria').set({ position: i + 1 }).where('key', '=', key).execute();
}

export function activeCriteria(db: Db) {
  return db.selectFrom('rating_criteria').select(['key', 'name_vi', 'name_en', 'required']).where('active', '=', true).orderBy('position').execute();
}

export function ratingOfDossier(db: Db, dossierId: string): Promise<RatingRow | undefined> {
  return db.selectFrom('dossier_ratings').selectAll().where('dossier_id', '=', dossierId).$narrowType<{ answers: Record<string, number> }>().executeTakeFirst();
}

export async function lockRating(db: Db, dossierId: string): Promise<RatingRow | undefined> {
  return db.selectFrom('dossier_ratings').selectAll().where('dossier_id', '=', dossierId).forUpdate().$narrowType<{ answers: Record<string, number> }>().executeTakeFirst();
}

export type NewRating = Omit<RatingRow, 'revision'>;

/** Inserts the rating; false when the dossier has one already (the unique dossier_id). */
export async function insertRating(db: Db, r: NewRating): Promise<boolean> {
  const res = await db.insertInto('dossier_ratings').values({ ...r, answers: JSON.stringify(r.answers) }).onConflict((oc) => oc.column('dossier_id').doNothing()).executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function updateRating(db: Db, id: string, r: { overall: number; answers: Record<string, number>; comment: string | null; updated_at: Date }): Promise<void> {
  await db.updateTable('dossier_ratings').set({ ...r, answers: JSON.stringify(r.answers), revision: sql`revision + 1` }).where('id', '=', id).execute();
}

// ---- kiosks

export async function insertKiosk(db: Db, k: Pick<KioskRow, 'id' | 'token_hash' | 'label' | 'agency_id' | 'created_by' | 'created_at'>): Promise<void> {
  await db.insertInto('rating_kiosks').values(k).execute();
}

export function kioskByTokenHash(db: Db, hash: string): Promise<KioskRow | undefined> {
  return db.selectFrom('rating_kiosks').selectAll().where('token_hash', '=', hash).where('revoked_at', 'is', null).executeTakeFirst();
}

export function kiosksOfOwner(db: Db, userId: string): Promise<KioskRow[]> {
  return db.selectFrom('rating_kiosks').selectAll().where('created_by', '=', userId).where('revoked_at', 'is', null).orderBy('created_at', 'desc').execute();
}

export async function revokeKiosk(db: Db, id: string, userId: string, at: Date): Promise<boolean> {
  const r = await db.updateTable('rating_kiosks').set({ revoked_at: at }).where('id', '=', id).where('created_by', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function handToKiosk(db: Db, id: string, dossierId: string, by: string, at: Date): Promise<void> {
  await db.updateTable('rating_kiosks').set({ dossier_id: dossierId, handed_by: by, handed_at: at }).where('id', '=', id).execute();
}

/** The kiosk forgets the dossier once it was rated (only if it still holds that one). */
export async function clearKiosk(db: Db, id: string, dossierId: string): Promise<boolean> {
  const r = await db.updateTable('rating_kiosks').set({ dossier_id: null }).where('id', '=', id).where('dossier_id', '=', dossierId).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

// ---- reports

export interface SummaryFilter {
  start: Date;
  end: Date;
  agencyIds: string[];
  procedureCode?: string;
  officialId?: string;
}

const uuids = (ids: string[]) => sql`${sql.val(ids)}::uuid[]`;

function where(f: SummaryFilter) {
  return sql`r.competent_agency_id = ANY(${uuids(f.agencyIds)}) AND r.created_at >= ${f.start}::timestamptz AND r.created_at < ${f.end}::timestamptz
    ${f.procedureCode ? sql`AND r.procedure_code = ${f.procedureCode}` : sql``}
    ${f.officialId ? sql`AND ${f.officialId}::uuid = ANY(r.official_ids)` : sql``}`;
}

export type SummaryGroupBy = 'agency' | 'procedure' | 'official';

export interface GroupCountRow { key: string | null; label: string | null; criterion: string; level: number; n: number }

/** Counts per group, criterion and level (ratings given in the period). */
export async function levelCounts(db: Db, f: SummaryFilter, groupBy: SummaryGroupBy): Promise<GroupCountRow[]> {
  const g = groupBy === 'agency'
    ? { from: sql`dossier_ratings r JOIN agencies a ON a.id = r.competent_agency_id`, key: sql`a.code`, label: sql`a.name` }
    : groupBy === 'procedure'
      ? { from: sql`dossier_ratings r`, key: sql`r.procedure_code`, label: sql`max(r.procedure_name)` }
      : { from: sql`dossier_ratings r CROSS JOIN LATERAL unnest(r.official_ids) AS o(user_id) JOIN users u ON u.id = o.user_id`, key: sql`u.id::text`, label: sql`max(u.full_name)` };
  const groupKey = groupBy === 'agency' ? sql`a.code, a.name` : groupBy === 'procedure' ? sql`r.procedure_code` : sql`u.id`;
  const { rows } = await sql<GroupCountRow>`
    SELECT ${g.key} AS key, ${g.label} AS label, e.key AS criterion, (e.value)::int AS level, count(*)::int AS n
    FROM ${g.from} CROSS JOIN LATERAL jsonb_each_text(r.answers) e
    WHERE ${where(f)}
    GROUP BY ${groupKey}, e.key, (e.value)::int`.execute(db);
  return rows;
}

export interface TotalRow { criterion: string; level: number; n: number }

export async function totalCounts(db: Db, f: SummaryFilter): Promise<{ ratings: number; levels: TotalRow[] }> {
  const [{ rows: t }, { rows }] = await Promise.all([
    sql<{ n: number }>`SELECT count(*)::int AS n FROM dossier_ratings r WHERE ${where(f)}`.execute(db),
    sql<TotalRow>`SELECT e.key AS criterion, (e.value)::int AS level, count(*)::int AS n
      FROM dossier_ratings r CROSS JOIN LATERAL jsonb_each_text(r.answers) e WHERE ${where(f)} GROUP BY e.key, (e.value)::int`.execute(db),
  ]);
  return { ratings: t[0]?.n ?? 0, levels: rows };
}

export interface CommentRow { dossier_code: string; procedure_name: string; agency_name: string | null; overall: number; comment: string; created_at: Date; channel: string }

export async function comments(db: Db, f: SummaryFilter, limit: number): Promise<CommentRow[]> {
  const { rows } = await sql<CommentRow>`
    SELECT r.dossier_code, r.procedure_name, a.name AS agency_name, r.overall, r.comment, r.created_at, r.channel
    FROM dossier_ratings r LEFT JOIN agencies a ON a.id = r.competent_agency_id
    WHERE ${where(f)} AND btrim(COALESCE(r.comment, '')) <> ''
    ORDER BY r.created_at DESC LIMIT ${limit}`.execute(db);
  return rows;
}

/** Per official: ratings of dossiers they handled, and how many were satisfied (overall ≥ 2), in the period. */
export async function officialRatingCounts(db: Db, f: SummaryFilter): Promise<Array<{ user_id: string; ratings: number; satisfied: number }>> {
  const { rows } = await sql<{ user_id: string; ratings: number; satisfied: number }>`
    SELECT o.user_id::text AS user_id, count(*)::int AS ratings, count(*) FILTER (WHERE r.overall >= 2)::int AS satisfied
    FROM dossier_ratings r CROSS JOIN LATERAL unnest(r.official_ids) AS o(user_id)
    WHERE ${where(f)} GROUP BY o.user_id`.execute(db);
  return rows;
}

/**
 * For the reports' aggregate SQL (QĐ 766 5.4): ids of dossiers whose overall answer is "không hài lòng" as
 * it stood for ratings given before `before`; a subquery the reports repository puts in its own query.
 */
export const dislikedDossierIdsSql = (before: Date) =>
  sql`SELECT dr.dossier_id FROM dossier_ratings dr WHERE dr.overall = 1 AND dr.created_at < ${before}::timestamptz`;
