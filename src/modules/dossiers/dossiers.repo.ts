// SQL for dossiers (the projection), the append-only event log and the daily code counters.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { DossierEvent, DossierState } from '../workflow/types.js';
import { isUuid } from '../../platform/values.js';
import { likeEscape } from '../../platform/text.js';
import { normalisePhone } from './applicant.js';

export type { DossierRow, ProjectionColumns } from './dossier-row.js';
import type { DossierJson, DossierRow, ProjectionColumns } from './dossier-row.js';

export { isUuid };

/** How many dossiers are stored (the demo seeds only an empty database). */
export async function countDossiers(db: Db): Promise<number> {
  const r = await db.selectFrom('dossiers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A dossier by code, or by id (dossiers without a code: registered, incomplete, refused). */
export function findByRef(db: Db, ref: string): Promise<DossierRow | undefined> {
  let q = db.selectFrom('dossiers').selectAll();
  q = isUuid(ref) ? q.where((eb) => eb.or([eb('id', '=', ref), eb('code', '=', ref)])) : q.where('code', '=', ref);
  return q.$narrowType<DossierJson>().executeTakeFirst();
}

/** What the citizen's public look-up shows, with the status changes, in one statement (the hot public read). */
export interface PublicViewRow {
  code: string;
  secret_hash: string | null;
  procedure_code: string;
  procedure_name: string;
  receiving_agency_id: string;
  return_agency_id: string;
  national_status: number;
  accepted_at: Date | null;
  due_at: Date | null;
  returned_at: Date | null;
  events: Array<Pick<DossierEvent, 'toState' | 'at'>>;
}

/** By code, as typed or in upper case (codes are issued in upper case); the typed form wins. */
export async function findPublicView(db: Db, typed: string): Promise<PublicViewRow | undefined> {
  const upper = typed.toUpperCase();
  const r = await sql<PublicViewRow>`
    SELECT d.code, d.secret_hash, d.procedure_code, d.procedure_name, d.receiving_agency_id, d.return_agency_id,
      d.national_status, d.accepted_at, d.due_at, d.returned_at,
      (SELECT coalesce(json_agg(json_build_object('toState', e.event->>'toState', 'at', e.event->>'at') ORDER BY e.version), '[]'::json)
         FROM dossier_events e WHERE e.dossier_id = d.id) AS events
    FROM dossiers d WHERE d.code IN (${typed}, ${upper})
    ORDER BY d.code = ${typed} DESC LIMIT 1`.execute(db);
  return r.rows[0];
}

export async function lockById(db: Db, id: string): Promise<DossierRow> {
  return db.selectFrom('dossiers').selectAll().where('id', '=', id).forUpdate().$narrowType<DossierJson>().executeTakeFirstOrThrow();
}

/** The id and receiving desk of a dossier by code or id: what an action needs before its transaction. */
export function findTargetByRef(db: Db, ref: string): Promise<{ id: string; code: string | null; receiving_agency_id: string } | undefined> {
  let q = db.selectFrom('dossiers').select(['id', 'code', 'receiving_agency_id']);
  q = isUuid(ref) ? q.where((eb) => eb.or([eb('id', '=', ref), eb('code', '=', ref)])) : q.where('code', '=', ref);
  return q.executeTakeFirst();
}

/** The row locked by id; undefined when it is gone. */
export function lockByIdIfAny(db: Db, id: string): Promise<DossierRow | undefined> {
  return db.selectFrom('dossiers').selectAll().where('id', '=', id).forUpdate().$narrowType<DossierJson>().executeTakeFirst();
}

/** Next number of the agency's daily sequence (gapless: released if the transaction rolls back). */
export async function nextSequence(db: Db, agencyId: string, localDate: string): Promise<number> {
  const r = await sql<{ n: number }>`
    INSERT INTO dossier_code_counters (agency_id, local_date, n) VALUES (${agencyId}, ${localDate}, 1)
    ON CONFLICT (agency_id, local_date) DO UPDATE SET n = dossier_code_counters.n + 1
    RETURNING n`.execute(db);
  return Number(r.rows[0]!.n);
}

export async function insertDossier(db: Db, row: Omit<DossierRow, 'created_at'>): Promise<void> {
  await db
    .insertInto('dossiers')
    .values({
      ...row,
      applicant: JSON.stringify(row.applicant),
      filing: JSON.stringify(row.filing),
      state: JSON.stringify(row.state),
      agency_ids: sql`${sql.val(row.agency_ids)}::uuid[]`,
    })
    .execute();
}

/** The projection's new columns (to run now, or to send with the transaction's last writes: WriteBatch). */
export function updateProjectionQuery(
  db: Db,
  id: string,
  cols: ProjectionColumns,
  extra: { agencyIds?: string[]; secretHash?: string; calendarVersion?: string } = {},
) {
  return db
    .updateTable('dossiers')
    .set({
      ...cols,
      state: JSON.stringify(cols.state),
      ...(extra.agencyIds ? { agency_ids: sql`${sql.val(extra.agencyIds)}::uuid[]` } : {}),
      ...(extra.secretHash ? { secret_hash: extra.secretHash } : {}),
      ...(extra.calendarVersion ? { calendar_version: extra.calendarVersion } : {}),
    })
    .where('id', '=', id);
}

export async function updateProjection(
  db: Db,
  id: string,
  cols: ProjectionColumns,
  extra: { agencyIds?: string[]; secretHash?: string; calendarVersion?: string } = {},
): Promise<void> {
  await updateProjectionQuery(db, id, cols, extra).execute();
}

/** The events' insert (to run now, or to send with the transaction's last writes); null when there are none. */
export function insertEventsQuery(db: Db, events: DossierEvent[], calendarVersion: string | null = null) {
  if (events.length === 0) return null;
  return db
    .insertInto('dossier_events')
    .values(
      events.map((e) => ({
        dossier_id: e.dossierId,
        version: e.version,
        action: e.action,
        from_state: e.fromState,
        to_state: e.toState,
        from_step: e.fromStepKey,
        step_key: e.stepKey,
        agency_id: e.agencyId,
        actor_id: e.actor.userId,
        actor_roles: e.actor.roles,
        actor_agency_id: e.actor.agencyId || null,
        at: e.at,
        note: e.note,
        payload: JSON.stringify(e.payload),
        event: JSON.stringify(e),
        calendar_version: calendarVersion,
      })),
    );
}

export async function insertEvents(db: Db, events: DossierEvent[], calendarVersion: string | null = null): Promise<void> {
  await insertEventsQuery(db, events, calendarVersion)?.execute();
}

export async function listEvents(db: Db, dossierId: string): Promise<DossierEvent[]> {
  const rows = await db.selectFrom('dossier_events').select('event').where('dossier_id', '=', dossierId).orderBy('version').$narrowType<{ event: DossierEvent }>().execute();
  return rows.map((r) => r.event);
}

// ---- register (form 07) ----

/** Dossiers an agency accepted in [from, to), oldest first (at most 10,000: a year of a busy desk). */
export async function acceptedBetween(db: Db, agencyId: string, from: Date, to: Date): Promise<DossierRow[]> {
  return db
    .selectFrom('dossiers')
    .selectAll()
    .where('receiving_agency_id', '=', agencyId)
    .where('accepted_at', 'is not', null)
    .where('accepted_at', '>=', from)
    .where('accepted_at', '<', to)
    .orderBy('accepted_at')
    .orderBy('code')
    .limit(10000)
    .$narrowType<DossierJson>()
    .execute();
}

// ---- inbox ----

/** A step-role pool: unassigned dossiers at a step of `role` in `agencyIds`; a unit-scoped pool only sees
 * steps of its unit (phòng) or without a unit. */
export interface InboxPool {
  role: string;
  agencyIds: string[];
  unitId: string | null;
}

export interface InboxFilter {
  scopeAgencyIds: string[];
  userId: string;
  q?: string;
  status?: number;
  state?: string;
  procedure?: string;
  agencyId?: string;
  overdue?: boolean;
  dueSoon?: boolean;
  stepOverdue?: boolean;
  stepDueSoon?: boolean;
  consultationOverdue?: boolean;
  consultationDueSoon?: boolean;
  mine?: boolean;
  /** The principal's step-role pools (see poolsOf in the service). */
  pools?: InboxPool[];
  /** Lĩnh vực (exact). */
  field?: string;
  channel?: number;
  /** Half-open instant range [from, before) on the received instant (accepted_at, else submitted_at). */
  receivedFrom?: Date;
  receivedBefore?: Date;
  /** Half-open instant range on finished_at. */
  finishedFrom?: Date;
  finishedBefore?: Date;
  sort?: InboxSort;
  limit: number;
  offset: number;
  /** Count at most this many (the total is then a lower bound): a province-wide count reads every row. */
  countCap?: number;
}

export type InboxSort = 'updated_desc' | 'due_asc' | 'received_desc';

/**
 * When a dossier was received: accepted_at, or submitted_at for one never accepted (registered online,
 * incomplete, refused). Written exactly as the expression index of migration 0011 so the planner uses it.
 */
const RECEIVED_AT = sql<Date>`COALESCE(d.accepted_at, d.submitted_at)`;
/** The appointment of a dossier still in process (NULL once finished). */
const OPEN_DUE_AT = sql<Date>`(CASE WHEN d.finished_at IS NULL THEN d.due_at END)`;

export async function inbox(db: Db, f: InboxFilter): Promise<{ items: DossierRow[]; total: number; totalCapped: boolean }> {
  let q = db.selectFrom('dossiers as d');
  // read scope only: being the assignee grants no reading (an assignee always holds a role that covers it)
  q = q.where(sql<boolean>`d.agency_ids && ${sql.val(f.scopeAgencyIds)}::uuid[]`);
  if (f.q) {
    const raw = f.q.trim();
    const digits = raw.replace(/[\s.\-+]/g, '');
    const like = `%${likeEscape(raw.toLowerCase())}%`;
    q = q.where((eb) => {
      const ors = [
        eb('d.code', '=', raw),
        sql<boolean>`d.code ILIKE ${like}`,
        sql<boolean>`f_unaccent(lower(d.applicant_name)) LIKE f_unaccent(${like})`,
      ];
      if (/^\d{6,12}$/.test(digits)) {
        ors.push(eb('d.applicant_id_number', '=', digits));
        // stored phones are normalised ('0…'), so a number typed as 84… / +84… finds them too
        ors.push(eb('d.applicant_phone', '=', normalisePhone(digits) ?? digits));
      }
      return eb.or(ors);
    });
  }
  if (f.status) q = q.where('d.national_status', '=', f.status);
  if (f.state) q = q.where('d.status', '=', f.state);
  if (f.procedure) q = q.where('d.procedure_code', '=', f.procedure);
  if (f.agencyId) q = q.where(sql<boolean>`${f.agencyId}::uuid = ANY(d.agency_ids)`);
  if (f.overdue !== undefined) q = q.where('d.overdue', '=', f.overdue);
  if (f.dueSoon !== undefined) q = q.where('d.due_soon', '=', f.dueSoon);
  if (f.stepOverdue !== undefined) q = q.where('d.step_overdue', '=', f.stepOverdue);
  if (f.stepDueSoon !== undefined) q = q.where('d.step_due_soon', '=', f.stepDueSoon);
  if (f.consultationOverdue !== undefined) q = q.where('d.consultation_overdue', '=', f.consultationOverdue);
  if (f.consultationDueSoon !== undefined) q = q.where('d.consultation_due_soon', '=', f.consultationDueSoon);
  if (f.mine) q = q.where('d.assignee_id', '=', f.userId);
  if (f.pools) {
    const pools = f.pools;
    q = q.where('d.assignee_id', 'is', null).where((eb) =>
      pools.length === 0
        ? sql<boolean>`false`
        : eb.or(pools.map((p) => {
            const where = [eb('d.step_role', '=', p.role), eb('d.current_agency_id', 'in', p.agencyIds.length ? p.agencyIds : ['00000000-0000-0000-0000-000000000000'])];
            if (p.unitId !== null) where.push(eb.or([eb('d.step_unit_id', 'is', null), eb('d.step_unit_id', '=', p.unitId)]));
            return eb.and(where);
          })),
    );
  }
  if (f.field !== undefined) q = q.where('d.field', '=', f.field);
  if (f.channel !== undefined) q = q.where('d.channel', '=', f.channel);
  if (f.receivedFrom) q = q.where(RECEIVED_AT, '>=', f.receivedFrom);
  if (f.receivedBefore) q = q.where(RECEIVED_AT, '<', f.receivedBefore);
  if (f.finishedFrom) q = q.where('d.finished_at', '>=', f.finishedFrom);
  if (f.finishedBefore) q = q.where('d.finished_at', '<', f.finishedBefore);
  let page = q.selectAll('d');
  switch (f.sort ?? 'updated_desc') {
    case 'due_asc':
      // dossiers still in process by their appointment (most overdue first), then finished ones by their
      // appointment, then those without one (never accepted); the expressions of the index in 0011
      page = page.orderBy(sql`${OPEN_DUE_AT} ASC NULLS LAST`).orderBy(sql`d.due_at ASC NULLS LAST`).orderBy('d.id');
      break;
    case 'received_desc':
      page = page.orderBy(sql`${RECEIVED_AT} DESC`).orderBy('d.id');
      break;
    default:
      page = page.orderBy('d.updated_at', 'desc').orderBy('d.id');
  }
  // capped: count the first cap + 1 matching rows only (stops early on the scope's index)
  const count = f.countCap === undefined
    ? q.select((eb) => eb.fn.countAll<number>().as('n'))
    : db.selectFrom(q.select(sql`1`.as('one')).limit(f.countCap + 1).as('c')).select((eb) => eb.fn.countAll<number>().as('n'));
  const [items, total] = await Promise.all([
    page.limit(f.limit).offset(f.offset).$narrowType<DossierJson>().execute(),
    count.executeTakeFirstOrThrow(),
  ]);
  const n = Number(total.n);
  const totalCapped = f.countCap !== undefined && n > f.countCap;
  return { items: items satisfies DossierRow[], total: totalCapped ? f.countCap! : n, totalCapped };
}

/** Open dossiers with a deadline to watch (candidates for the deadline sweep). */
export interface SweepCandidate {
  id: string;
  receiving_agency_id: string;
  process_id: string;
  state: DossierState;
}

/**
 * Open dossiers (accepted, not finished) with an unflagged deadline up to `horizon`: the appointment, the
 * current step's due instant, or an open consultation. The sweep decides with the state machine.
 */
export async function sweepCandidates(db: Db, horizon: Date): Promise<SweepCandidate[]> {
  return db
    .selectFrom('dossiers')
    .select(['id', 'receiving_agency_id', 'process_id', 'state'])
    .where('finished_at', 'is', null)
    .where('status', 'in', ['accepted', 'processing', 'awaiting_supplement', 'awaiting_payment', 'transferred', 'withdrawal_requested'])
    .where((eb) =>
      eb.or([
        eb.and([eb('due_at', 'is not', null), eb('due_at', '<=', horizon), eb('overdue', '=', false)]),
        eb.and([eb('step_due_at', 'is not', null), eb('step_due_at', '<=', horizon), eb('step_overdue', '=', false)]),
        eb.and([eb('consultation_overdue', '=', false), sql<boolean>`jsonb_array_length(state->'openConsultations') > 0`]),
      ]),
    )
    .orderBy('due_at')
    .orderBy('id')
    .$narrowType<{ state: DossierState }>()
    .execute();
}

/** The dossiers a citizen submitted online, or (with a proven ID number) that were filed for them; newest first. */
export async function citizenDossiers(db: Db, citizenId: string, idNumber: string | null, limit = 200): Promise<DossierRow[]> {
  return db
    .selectFrom('dossiers')
    .selectAll()
    .where((eb) => (idNumber ? eb.or([eb('citizen_id', '=', citizenId), eb('applicant_id_number', '=', idNumber)]) : eb('citizen_id', '=', citizenId)))
    .orderBy('submitted_at', 'desc')
    .limit(limit)
    .$narrowType<DossierJson>()
    .execute();
}
