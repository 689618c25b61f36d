// SQL of the postal service: orders (one per dossier and direction) and their tracking changes.
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { PostalOrders, PostalTrackingEvents } from '../../platform/db/schema.gen.js';

export type PostalOrderRow = Selectable<PostalOrders>;
export type TrackingRow = Selectable<PostalTrackingEvents>;

/** The order row of (dossier, direction), created now if there is none. */
export async function orderFor(db: Db, o: Pick<PostalOrderRow, 'id' | 'dossier_id' | 'dossier_code' | 'direction' | 'cod_amount' | 'created_at'> & { request: unknown }): Promise<PostalOrderRow> {
  await db.insertInto('postal_orders').values({ ...o, request: JSON.stringify(o.request) })
    .onConflict((oc) => oc.columns(['dossier_id', 'direction']).doNothing()).execute();
  return db.selectFrom('postal_orders').selectAll().where('dossier_id', '=', o.dossier_id).where('direction', '=', o.direction).executeTakeFirstOrThrow();
}

export async function markBooked(db: Db, id: string, itemCode: string, at: Date): Promise<void> {
  await db.updateTable('postal_orders').set({ item_code: itemCode, status: 'booked', booked_at: at, last_error: null, tracked_at: at })
    .where('id', '=', id).where('status', 'in', ['booking', 'rejected']).execute();
}

export async function markRejected(db: Db, id: string, reason: string): Promise<void> {
  await db.updateTable('postal_orders').set({ status: 'rejected', last_error: reason.slice(0, 2000) }).where('id', '=', id).where('status', '=', 'booking').execute();
}

/** Booked orders not final yet, least recently tracked first. */
export async function openOrders(db: Db, limit: number): Promise<PostalOrderRow[]> {
  return db.selectFrom('postal_orders').selectAll().where('item_code', 'is not', null)
    .where('status', 'not in', ['booking', 'rejected', 'delivered', 'cancelled']).orderBy('tracked_at').limit(limit).execute();
}

/** Stores the tracking changes not seen yet; returns the new ones. */
export async function addTracking(db: Db, rows: TrackingRow[]): Promise<TrackingRow[]> {
  if (!rows.length) return [];
  return db.insertInto('postal_tracking_events').values(rows).onConflict((oc) => oc.columns(['order_id', 'vnpost_status', 'at']).doNothing()).returningAll().execute();
}

export async function setStatus(db: Db, id: string, status: string, at: Date, deliveredAt: Date | null): Promise<void> {
  await db.updateTable('postal_orders').set({ status, tracked_at: at, ...(deliveredAt ? { delivered_at: deliveredAt } : {}) }).where('id', '=', id).execute();
}

export async function touch(db: Db, id: string, at: Date, error: string | null): Promise<void> {
  await db.updateTable('postal_orders').set({ tracked_at: at, last_error: error }).where('id', '=', id).execute();
}

/** A collection at home booked before its dossier exists (dossier_id stays null until the papers are picked up). */
export async function insertPickup(db: Db, o: Pick<PostalOrderRow, 'id' | 'dossier_code' | 'cod_amount' | 'created_at' | 'receiving_agency_id' | 'booked_by'> & { request: unknown; pickup: unknown }): Promise<void> {
  await db.insertInto('postal_orders').values({ ...o, direction: 'INBOUND_DOSSIER', dossier_id: null, request: JSON.stringify(o.request), pickup: JSON.stringify(o.pickup) }).execute();
}

export async function orderById(db: Db, id: string): Promise<PostalOrderRow | undefined> {
  return db.selectFrom('postal_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The desk's collections, newest first. */
export async function pickupsOfDesk(db: Db, agencyId: string, limit: number): Promise<PostalOrderRow[]> {
  return db.selectFrom('postal_orders').selectAll().where('receiving_agency_id', '=', agencyId).where('pickup', 'is not', null)
    .orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
}

/** Links the dossier registered from a collection, in its transaction; false when another caller linked one first. */
export async function linkPickupDossier(db: Db, id: string, dossierId: string): Promise<boolean> {
  const r = await db.updateTable('postal_orders').set({ dossier_id: dossierId, last_error: null }).where('id', '=', id).where('dossier_id', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The booked order of a VNPost item code (callbacks name the item). */
export async function orderByItemCode(db: Db, itemCode: string): Promise<PostalOrderRow | undefined> {
  return db.selectFrom('postal_orders').selectAll().where('item_code', '=', itemCode).executeTakeFirst();
}

/** The order's latest tracking change by the post office's time (a late older change never wins). */
export async function latestTracking(db: Db, orderId: string): Promise<TrackingRow | undefined> {
  return db.selectFrom('postal_tracking_events').selectAll().where('order_id', '=', orderId)
    .orderBy('at', 'desc').orderBy('vnpost_status', 'desc').limit(1).executeTakeFirst();
}

/** The order's earliest change among `statuses` (when the papers were first in the post's hands). */
export async function firstTrackingOf(db: Db, orderId: string, statuses: string[]): Promise<TrackingRow | undefined> {
  return db.selectFrom('postal_tracking_events').selectAll().where('order_id', '=', orderId).where('status', 'in', statuses).orderBy('at').limit(1).executeTakeFirst();
}

/** Takes the order's return step for this caller (true) unless another caller (poll or callback) has it. */
export async function claimReturn(db: Db, id: string, at: Date): Promise<boolean> {
  const r = await db.updateTable('postal_orders').set({ return_recorded_at: at }).where('id', '=', id).where('return_recorded_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Gives the claim back when the return step could not be stored (the next poll or callback tries again). */
export async function releaseReturn(db: Db, id: string): Promise<void> {
  await db.updateTable('postal_orders').set({ return_recorded_at: null }).where('id', '=', id).execute();
}

export async function markReturnRecorded(db: Db, id: string, at: Date, note: string | null): Promise<void> {
  await db.updateTable('postal_orders').set({ return_recorded_at: at, last_error: note }).where('id', '=', id).execute();
}

export async function ordersOfDossier(db: Db, dossierId: string): Promise<(PostalOrderRow & { events: TrackingRow[] })[]> {
  const orders = await db.selectFrom('postal_orders').selectAll().where('dossier_id', '=', dossierId).orderBy('created_at').execute();
  if (!orders.length) return [];
  const events = await db.selectFrom('postal_tracking_events').selectAll().where('order_id', 'in', orders.map((o) => o.id)).orderBy('at').orderBy(sql`vnpost_status`).execute();
  return orders.map((o) => ({ ...o, events: events.filter((e) => e.order_id === o.id) }));
}
