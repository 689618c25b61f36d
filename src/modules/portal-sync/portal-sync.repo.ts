// SQL of the national-portal sync: the sync items (one per dossier event the portal hears of), the questions
// pulled from the portal (and their hand-over to the Q&A inbox, the answers sent back).
import { sql, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { PortalInboundDossiers, PortalQuestions, PortalSyncItems } from '../../platform/db/schema.gen.js';
import type { CapNhatTienDoHoSoMC, DongBoHoSoMC } from '../../platform/ports/national-portal.js';

export interface SyncPayload {
  dongBo: DongBoHoSoMC;
  /** Only for progress events (a line without a status change). */
  progress?: CapNhatTienDoHoSoMC;
}
export type SyncItemRow = Omit<Selectable<PortalSyncItems>, 'payload'> & { payload: SyncPayload };
export type SyncStatus = 'pending' | 'accepted' | 'rejected';
export type NewSyncItem = Pick<SyncItemRow, 'id' | 'dossier_id' | 'dossier_code' | 'event_version' | 'action' | 'service' | 'national_status' | 'channel' | 'receiving_agency_id' | 'competent_agency_id' | 'received_at' | 'payload' | 'next_attempt_at' | 'created_at'>;

/** Inserts the items not stored yet (one per dossier event, ever); returns how many were new. */
export async function insertItems(db: Db, items: NewSyncItem[]): Promise<number> {
  if (!items.length) return 0;
  const r = await db.insertInto('portal_sync_items')
    .values(items.map((i) => ({ ...i, payload: JSON.stringify(i.payload) })))
    .onConflict((oc) => oc.columns(['dossier_id', 'event_version']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

/** Dossiers whose first pending item is due (the head of each dossier's queue), oldest first. */
export async function dueHeads(db: Db, now: Date, limit: number): Promise<SyncItemRow[]> {
  const r = await sql<SyncItemRow>`
    SELECT h.* FROM (
      SELECT DISTINCT ON (dossier_id) * FROM portal_sync_items WHERE status = 'pending' ORDER BY dossier_id, event_version
    ) h WHERE h.next_attempt_at <= ${now} ORDER BY h.created_at, h.event_version LIMIT ${limit}`.execute(db);
  return r.rows;
}

/** The dossier's next pending item after `version` (the queue continues after a delivery). */
export async function nextPending(db: Db, dossierId: string, afterVersion: number): Promise<SyncItemRow | undefined> {
  return db.selectFrom('portal_sync_items').selectAll().where('dossier_id', '=', dossierId).where('status', '=', 'pending')
    .where('event_version', '>', afterVersion).orderBy('event_version').limit(1).$narrowType<{ payload: SyncPayload }>().executeTakeFirst();
}

/** Whether the portal has accepted anything of the dossier before `version` (then progress lines may follow). */
export async function acceptedBefore(db: Db, dossierId: string, version: number): Promise<boolean> {
  const r = await db.selectFrom('portal_sync_items').select('id').where('dossier_id', '=', dossierId).where('status', '=', 'accepted')
    .where('event_version', '<', version).limit(1).executeTakeFirst();
  return !!r;
}

export async function acceptedAfter(db: Db, dossierId: string, version: number): Promise<boolean> {
  const r = await db.selectFrom('portal_sync_items').select('id').where('dossier_id', '=', dossierId).where('status', '=', 'accepted')
    .where('event_version', '>', version).limit(1).executeTakeFirst();
  return !!r;
}

export async function markAccepted(db: Db, id: string, service: string, ref: string, at: Date): Promise<void> {
  await db.updateTable('portal_sync_items').set({ status: 'accepted', service, portal_ref: ref, accepted_at: at, attempts: sql`attempts + 1`, portal_error_code: null, portal_error_message: null })
    .where('id', '=', id).where('status', '=', 'pending').execute();
}

export async function markRejected(db: Db, id: string, service: string, code: string, message: string, at: Date): Promise<void> {
  await db.updateTable('portal_sync_items').set({ status: 'rejected', service, portal_error_code: code, portal_error_message: message, last_error_at: at, attempts: sql`attempts + 1` })
    .where('id', '=', id).where('status', '=', 'pending').execute();
}

export async function markFailed(db: Db, id: string, error: string, at: Date, next: Date): Promise<void> {
  await db.updateTable('portal_sync_items').set({ last_error: error.slice(0, 2000), last_error_at: at, next_attempt_at: next, attempts: sql`attempts + 1` })
    .where('id', '=', id).where('status', '=', 'pending').execute();
}

/** Back in the queue, due now, with a fresh payload (resend after the cause was fixed). */
export async function requeue(db: Db, id: string, payload: SyncPayload, now: Date): Promise<void> {
  await db.updateTable('portal_sync_items').set({ status: 'pending', payload: JSON.stringify(payload), next_attempt_at: now, attempts: 0, last_error: null })
    .where('id', '=', id).where('status', '=', 'rejected').execute();
}

export async function itemById(db: Db, id: string): Promise<SyncItemRow | undefined> {
  return db.selectFrom('portal_sync_items').selectAll().where('id', '=', id).$narrowType<{ payload: SyncPayload }>().executeTakeFirst();
}

export async function itemsOfDossier(db: Db, dossierId: string): Promise<SyncItemRow[]> {
  return db.selectFrom('portal_sync_items').selectAll().where('dossier_id', '=', dossierId).orderBy('event_version').$narrowType<{ payload: SyncPayload }>().execute();
}

export interface ItemFilter {
  status?: SyncStatus;
  failing?: boolean;
  agencyIds?: string[] | null;
  limit: number;
  offset: number;
}

export async function listItems(db: Db, f: ItemFilter): Promise<{ items: SyncItemRow[]; total: number }> {
  let q = db.selectFrom('portal_sync_items');
  if (f.status) q = q.where('status', '=', f.status);
  if (f.failing) q = q.where('status', '=', 'pending').where('last_error', 'is not', null);
  if (f.agencyIds) q = f.agencyIds.length ? q.where('competent_agency_id', 'in', f.agencyIds) : q.where(sql<boolean>`false`);
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('created_at', 'desc').orderBy('event_version', 'desc').limit(f.limit).offset(f.offset).$narrowType<{ payload: SyncPayload }>().execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function statusCounts(db: Db, agencyIds: string[] | null): Promise<{ pending: number; failing: number; accepted: number; rejected: number; oldestPendingAt: Date | null }> {
  const scope = agencyIds ? (agencyIds.length ? sql`competent_agency_id IN (${sql.join(agencyIds)})` : sql`false`) : sql`true`;
  const r = await sql<{ pending: string; failing: string; accepted: string; rejected: string; oldest: Date | null }>`
    SELECT count(*) FILTER (WHERE status = 'pending') AS pending,
           count(*) FILTER (WHERE status = 'pending' AND last_error IS NOT NULL) AS failing,
           count(*) FILTER (WHERE status = 'accepted') AS accepted,
           count(*) FILTER (WHERE status = 'rejected') AS rejected,
           min(created_at) FILTER (WHERE status = 'pending') AS oldest
    FROM portal_sync_items WHERE ${scope}`.execute(db);
  const x = r.rows[0]!;
  return { pending: Number(x.pending), failing: Number(x.failing), accepted: Number(x.accepted), rejected: Number(x.rejected), oldestPendingAt: x.oldest ? new Date(x.oldest) : null };
}

/**
 * QĐ 766 indicator 1.4's numerator: dossiers received in [from, to) whose reception the portal accepted
 * (an accepted DongBoHoSoMC carrying NgayTiepNhan), by competent agency.
 */
export async function syncedReceived(db: Db, from: Date, to: Date, agencyIds: string[] | null): Promise<{ agencyId: string; synced: number }[]> {
  let q = db.selectFrom('portal_sync_items').select(['competent_agency_id as agencyId', (eb) => eb.fn.count<string>('dossier_id').distinct().as('n')])
    .where('status', '=', 'accepted').where('received_at', '>=', from).where('received_at', '<', to);
  if (agencyIds) q = agencyIds.length ? q.where('competent_agency_id', 'in', agencyIds) : q.where(sql<boolean>`false`);
  const rows = await q.groupBy('competent_agency_id').execute();
  return rows.map((r) => ({ agencyId: r.agencyId, synced: Number(r.n) }));
}

export type QuestionRow = Selectable<PortalQuestions>;

export async function upsertQuestions(db: Db, rows: QuestionRow[]): Promise<number> {
  if (!rows.length) return 0;
  const r = await db.insertInto('portal_questions').values(rows).onConflict((oc) => oc.column('portal_id').doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

/** Pulled questions not yet in the Q&A inbox (new, or held with a reason), oldest first. */
export async function questionsToHandOver(db: Db, limit: number): Promise<QuestionRow[]> {
  return db.selectFrom('portal_questions').selectAll().where('question_code', 'is', null).orderBy('pulled_at').orderBy('portal_id').limit(limit).execute();
}

export async function markQuestionHandedOver(db: Db, portalId: string, questionCode: string): Promise<void> {
  await db.updateTable('portal_questions').set({ question_code: questionCode, handover_error: null }).where('portal_id', '=', portalId).execute();
}

export async function markQuestionHeld(db: Db, portalId: string, reason: string): Promise<void> {
  await db.updateTable('portal_questions').set({ handover_error: reason }).where('portal_id', '=', portalId).execute();
}

export async function questionById(db: Db, portalId: string): Promise<QuestionRow | undefined> {
  return db.selectFrom('portal_questions').selectAll().where('portal_id', '=', portalId).executeTakeFirst();
}

/** The answer sent back: the text, the question version it carried, and the portal's outcome. */
export async function recordQuestionAnswer(db: Db, portalId: string, a: Pick<Updateable<PortalQuestions>, 'answer' | 'answered_at' | 'answer_version' | 'answer_synced_at' | 'answer_error'>): Promise<void> {
  await db.updateTable('portal_questions').set(a).where('portal_id', '=', portalId).execute();
}

export async function listQuestions(db: Db, limit: number): Promise<QuestionRow[]> {
  return db.selectFrom('portal_questions').selectAll().orderBy('pulled_at', 'desc').orderBy('portal_id').limit(limit).execute();
}

// ---- dossiers handed over by the national portal (portal_inbound_dossiers) ----
export type InboundRow = Selectable<PortalInboundDossiers>;

export async function inboundById(db: Db, portalId: string): Promise<InboundRow | undefined> {
  return db.selectFrom('portal_inbound_dossiers').selectAll().where('portal_id', '=', portalId).executeTakeFirst();
}

export async function insertInbound(db: Db, row: Omit<InboundRow, 'acknowledged_at' | 'ack_error'>): Promise<void> {
  await db.insertInto('portal_inbound_dossiers').values({ ...row, errors: row.errors === null ? null : JSON.stringify(row.errors) }).execute();
}

export async function markInboundAcknowledged(db: Db, portalId: string, at: Date | null, error: string | null): Promise<void> {
  await db.updateTable('portal_inbound_dossiers').set({ acknowledged_at: at, ack_error: error }).where('portal_id', '=', portalId).execute();
}

export async function listInbound(db: Db, limit: number): Promise<InboundRow[]> {
  return db.selectFrom('portal_inbound_dossiers').selectAll().orderBy('pulled_at', 'desc').orderBy('portal_id').limit(limit).execute();
}
