// Recording an order's tracking changes, whoever brings them: the scheduled query (track-orders.ts) or the
// post office's callback (receive-tracking-callback.ts). Every change not seen yet is stored once
// (postal_tracking_events, key order + VNPost status + time), the order's status follows its latest change
// by the post office's time (a late or repeated older change never moves it back), and a confirmed delivery of
// a result completes the dossier's return step through the dossiers service (the system returns the result,
// method post, with the item code) — once, whichever path sees the delivery first (the order's return claim).
// If an official already returned it, the order keeps the note.
import type { AppContext } from '../../platform/context.js';
import { VNPOST_STATUS, type TrackingEvent } from '../../platform/ports/postal.js';
import { AppError } from '../../platform/errors.js';
import { message } from '../../platform/i18n/messages.js';
import { performSystemAction, registerFromPost } from '../dossiers/dossiers.service.js';
import * as repo from './postal.repo.js';

export interface TrackingOutcome {
  /** Changes stored now. */
  fresh: number;
  /** Known changes that were already stored (a repeat). */
  duplicates: number;
  /** This call completed the dossier's return step. */
  returned: boolean;
  /** This call registered a collected dossier in the desk's queue. */
  registered: boolean;
}

/** VNPost statuses that mean the postal worker has the papers of a collection. */
const PICKED_UP = new Set(['collected', 'in_transit', 'delivering', 'delivered']);

export async function recordTracking(ctx: AppContext, order: repo.PostalOrderRow, events: readonly TrackingEvent[]): Promise<TrackingOutcome> {
  const now = ctx.clock.now();
  const known = events.filter((e) => VNPOST_STATUS[e.Status]);
  const fresh = await repo.addTracking(ctx.db, known.map((e) => trackingRow(order.id, e, now)));
  const outcome: TrackingOutcome = { fresh: fresh.length, duplicates: known.length - fresh.length, returned: false, registered: false };
  const latest = await repo.latestTracking(ctx.db, order.id);
  if (!latest) {
    await repo.touch(ctx.db, order.id, now, null);
    return outcome;
  }
  const delivered = latest.status === 'delivered';
  await repo.setStatus(ctx.db, order.id, latest.status, now, delivered ? new Date(latest.at) : null);
  if (order.pickup && !order.dossier_id && PICKED_UP.has(latest.status)) {
    const first = await repo.firstTrackingOf(ctx.db, order.id, [...PICKED_UP]);
    outcome.registered = await registerCollected(ctx, order, first?.at ?? latest.at);
  }
  if (delivered && order.direction === 'OUTBOUND_RESULT' && order.dossier_id) {
    // who signed for it, when the post office says so with the delivery in hand
    const note = known.find((e) => e.Status === latest.vnpost_status && Date.parse(e.At) === latest.at.getTime())?.Note;
    outcome.returned = await completeReturn(ctx, order, note);
  }
  return outcome;
}

async function completeReturn(ctx: AppContext, order: repo.PostalOrderRow, recipient: string | undefined): Promise<boolean> {
  const now = ctx.clock.now();
  if (!(await repo.claimReturn(ctx.db, order.id, now))) return false;
  let r: Awaited<ReturnType<typeof performSystemAction>>;
  try {
    r = await performSystemAction(ctx, order.dossier_id!, 'return_result', { method: 'post', trackingNumber: order.item_code, recipient }, `Bưu điện xác nhận đã phát ${order.item_code}`);
  } catch (e) {
    await repo.releaseReturn(ctx.db, order.id);
    throw e;
  }
  await repo.markReturnRecorded(ctx.db, order.id, now, r.performed ? null : r.reason);
  return r.performed;
}

/**
 * The papers of a collection were picked up: the dossier is registered in the desk's queue for reception
 * (channel 3) and linked to the order in the same transaction — once, whichever path reports it first. A
 * filing that no longer passes the desk's checks is kept on the order as its problem (the desk sees why).
 */
async function registerCollected(ctx: AppContext, order: repo.PostalOrderRow, collectedAt: Date): Promise<boolean> {
  const pickup = order.pickup as { filing: unknown };
  let linked = false;
  try {
    await registerFromPost(ctx, pickup.filing, {
      itemCode: order.item_code!, pickupReference: order.dossier_code, collectedAt,
      inTransaction: async (trx, dossierId) => {
        linked = await repo.linkPickupDossier(trx, order.id, dossierId);
        if (!linked) throw new AlreadyLinked();
      },
    });
    return true;
  } catch (e) {
    if (e instanceof AlreadyLinked) return false;
    if (!(e instanceof AppError)) throw e;
    const fields = (e.extra.errors as { path: string; code: string }[] | undefined)?.map((x) => `${x.path}: ${x.code}`).join('; ');
    await repo.touch(ctx.db, order.id, ctx.clock.now(), `${e.code}: ${message(e.code, 'vi', e.params)}${fields ? ` (${fields})` : ''}`);
    return false;
  }
}

class AlreadyLinked extends Error {}

function trackingRow(orderId: string, e: TrackingEvent, now: Date): repo.TrackingRow {
  return { order_id: orderId, vnpost_status: e.Status, status: VNPOST_STATUS[e.Status]!.key, at: new Date(e.At), place: e.Place ?? null, recorded_at: now };
}
