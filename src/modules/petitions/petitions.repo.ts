// SQL of petitions (phản ánh, kiến nghị), their append-only events, the settings row, and questions & answers.
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { PetitionEvents, Petitions, Questions } from '../../platform/db/schema.gen.js';
import { likeEscape } from '../../platform/text.js';

export type PetitionRow = Selectable<Petitions>;
export type PetitionEventRow = Selectable<PetitionEvents>;
export type QuestionRow = Selectable<Questions>;

// ---------- settings

export async function settingsConfig(db: Db): Promise<unknown> {
  const r = await db.selectFrom('petition_settings').select('config').where('id', '=', 1).executeTakeFirst();
  return r?.config ?? {};
}

// ---------- petitions

export async function insertPetition(db: Db, row: Insertable<Petitions>): Promise<void> {
  await db.insertInto('petitions').values(row).execute();
}

export async function findPetitionByCode(db: Db, code: string): Promise<PetitionRow | undefined> {
  return db.selectFrom('petitions').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The row locked for a change (FOR UPDATE inside the use case's transaction). */
export async function lockPetition(db: Db, code: string): Promise<PetitionRow | undefined> {
  return db.selectFrom('petitions').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
}

export async function updatePetition(db: Db, id: string, patch: Updateable<Petitions>): Promise<void> {
  await db.updateTable('petitions').set(patch).where('id', '=', id).execute();
}

export async function insertEvent(db: Db, row: Insertable<PetitionEvents>): Promise<void> {
  await db.insertInto('petition_events').values({ ...row, details: JSON.stringify(row.details ?? {}) }).execute();
}

export async function eventsOf(db: Db, petitionId: string): Promise<PetitionEventRow[]> {
  return db.selectFrom('petition_events').selectAll().where('petition_id', '=', petitionId).orderBy('seq').execute();
}

/** Petitions a citizen account filed since `since` (rate limit). */
export async function countByCitizenSince(db: Db, citizenId: string, since: Date): Promise<number> {
  const r = await db.selectFrom('petitions').select((eb) => eb.fn.countAll<string>().as('n')).where('citizen_id', '=', citizenId).where('created_at', '>=', since).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Online petitions from one network address since `since` (rate limit). */
export async function countByIpSince(db: Db, ip: string, since: Date): Promise<number> {
  const r = await db.selectFrom('petitions').select((eb) => eb.fn.countAll<string>().as('n')).where('client_ip', '=', ip).where('created_at', '>=', since).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function petitionsOfCitizen(db: Db, citizenId: string): Promise<PetitionRow[]> {
  return db.selectFrom('petitions').selectAll().where('citizen_id', '=', citizenId).orderBy('created_at', 'desc').limit(200).execute();
}

export type InboxView = 'open' | 'due_soon' | 'overdue' | 'closed' | 'all';
const OPEN = ['received', 'info_requested', 'assigned', 'answered'] as const;

/**
 * The officials' inbox: petitions of these agencies (and, with `unassigned`, those not assigned yet).
 * open: not answered and not refused (answered ones wait to be published); due_soon: open and due within
 * `soonBefore`; overdue: open and past the deadline at `now`.
 */
export async function inbox(db: Db, q: { agencyIds: string[]; unassigned: boolean; view: InboxView; now: Date; soonBefore: Date; limit: number }): Promise<PetitionRow[]> {
  let s = db.selectFrom('petitions').selectAll();
  s = s.where((eb) => {
    const ors = [];
    if (q.agencyIds.length) ors.push(eb('agency_id', 'in', q.agencyIds));
    if (q.unassigned) ors.push(eb('agency_id', 'is', null));
    return ors.length ? eb.or(ors) : eb.val(false);
  });
  const dueOf = sql<Date>`CASE WHEN status = 'answered' THEN publish_due_at WHEN status = 'info_requested' THEN info_due_at ELSE handle_due_at END`;
  if (q.view === 'open') s = s.where('status', 'in', [...OPEN]);
  if (q.view === 'closed') s = s.where('status', 'in', ['refused', 'published', 'rated']);
  if (q.view === 'due_soon') s = s.where('status', 'in', [...OPEN]).where(dueOf, '>=', q.now).where(dueOf, '<', q.soonBefore);
  if (q.view === 'overdue') s = s.where('status', 'in', [...OPEN]).where(dueOf, '<', q.now);
  return s.orderBy('received_at', 'desc').orderBy('code').limit(q.limit).execute();
}

/** Published public answers (no personal data leaves the service), newest first. */
export async function publishedPetitions(db: Db, limit: number): Promise<PetitionRow[]> {
  return db.selectFrom('petitions').selectAll().where('public', '=', true).where('status', 'in', ['published', 'rated']).orderBy('published_at', 'desc').limit(limit).execute();
}

/** QĐ 766 5.1 and 5.3 counts over [start, end) for petitions assigned to these agencies (null = all). */
export async function indicatorCounts(db: Db, w: { start: Date; end: Date; asOf: Date }, agencyIds: string[] | null, includeUnassigned: boolean) {
  if (agencyIds && agencyIds.length === 0 && !includeUnassigned) return { due: 0, answeredOnTime: 0, rated: 0, satisfied: 0 };
  const inScope = agencyIds?.length ? sql`agency_id IN (${sql.join(agencyIds)})` : sql`false`;
  const scope = agencyIds ? sql`AND (${inScope}${includeUnassigned ? sql` OR agency_id IS NULL` : sql``})` : sql``;
  const r = await sql<{ due: string; on_time: string; rated: string; satisfied: string }>`
    SELECT
      count(*) FILTER (WHERE (answered_at >= ${w.start} AND answered_at < ${w.end})
                          OR ((answered_at IS NULL OR answered_at >= ${w.end}) AND status <> 'refused'
                              AND handle_due_at >= ${w.start} AND handle_due_at < ${w.end} AND handle_due_at < ${w.asOf})) AS due,
      count(*) FILTER (WHERE answered_at >= ${w.start} AND answered_at < ${w.end} AND answered_at <= handle_due_at) AS on_time,
      count(*) FILTER (WHERE rated_at >= ${w.start} AND rated_at < ${w.end}) AS rated,
      count(*) FILTER (WHERE rated_at >= ${w.start} AND rated_at < ${w.end} AND rating = 'satisfied') AS satisfied
    FROM petitions WHERE true ${scope}`.execute(db);
  const x = r.rows[0]!;
  return { due: Number(x.due), answeredOnTime: Number(x.on_time), rated: Number(x.rated), satisfied: Number(x.satisfied) };
}

/** Distinct dossier codes named by petitions received in [start, end) (of these agencies when given). */
export async function dossiersWithPetition(db: Db, w: { start: Date; end: Date }, agencyIds: string[] | null): Promise<number> {
  if (agencyIds && agencyIds.length === 0) return 0;
  let s = db.selectFrom('petitions').select(sql<string>`count(DISTINCT dossier_code)`.as('n'))
    .where('dossier_code', 'is not', null).where('received_at', '>=', w.start).where('received_at', '<', w.end);
  if (agencyIds) s = s.where('agency_id', 'in', agencyIds);
  const r = await s.executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Subquery: codes of dossiers named by a petition received before `before` and not refused by then (not taken
 * up: "không thụ lý"), upper-cased and trimmed as dossier codes are (QĐ 766 5.4).
 */
export const petitionedDossierCodesSql = (before: Date) =>
  sql`SELECT upper(btrim(p.dossier_code)) FROM petitions p
      WHERE p.dossier_code IS NOT NULL AND p.received_at < ${before}::timestamptz
        AND (p.refused_at IS NULL OR p.refused_at >= ${before}::timestamptz)`;

// ---------- questions

export async function insertQuestion(db: Db, row: Insertable<Questions>): Promise<void> {
  await db.insertInto('questions').values(row).execute();
}

export async function questionByExternalId(db: Db, source: string, externalId: string): Promise<QuestionRow | undefined> {
  return db.selectFrom('questions').selectAll().where('source', '=', source).where('external_id', '=', externalId).executeTakeFirst();
}

export async function lockQuestion(db: Db, code: string): Promise<QuestionRow | undefined> {
  return db.selectFrom('questions').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
}

export async function updateQuestion(db: Db, id: string, patch: Updateable<Questions>): Promise<void> {
  await db.updateTable('questions').set(patch).where('id', '=', id).execute();
}

export async function questionsOfCitizen(db: Db, citizenId: string): Promise<QuestionRow[]> {
  return db.selectFrom('questions').selectAll().where('citizen_id', '=', citizenId).orderBy('asked_at', 'desc').limit(200).execute();
}

export async function questionInbox(db: Db, agencyIds: string[], status: 'asked' | 'answered' | 'published' | 'all', limit: number): Promise<QuestionRow[]> {
  if (!agencyIds.length) return [];
  let s = db.selectFrom('questions').selectAll().where('agency_id', 'in', agencyIds);
  if (status !== 'all') s = s.where('status', '=', status);
  return s.orderBy('due_at').orderBy('code').limit(limit).execute();
}

/** Published Q&A, of one procedure when given, whose question or answer has a word starting with each of `words` (diacritics-free). */
export async function publishedQuestions(db: Db, q: { procedureCode?: string; words: string[]; limit: number }): Promise<QuestionRow[]> {
  let s = db.selectFrom('questions').selectAll().where('status', '=', 'published');
  if (q.procedureCode) s = s.where('procedure_code', '=', q.procedureCode);
  for (const w of q.words) s = s.where('search_key', 'like', `% ${likeEscape(w)}%`);
  return s.orderBy('published_at', 'desc').orderBy('code').limit(q.limit).execute();
}
