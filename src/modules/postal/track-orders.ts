// The scheduled tracking of postal orders: each open order's tracking is asked, every change not seen yet is
// recorded once (postal_tracking_events), the order's status follows the latest change, and a confirmed
// delivery of a result completes the dossier's return step through the dossiers service (the system returns
// the result, method post, with the item code). If an official already returned it, the order keeps the note.
import type { AppContext } from '../../platform/context.js';
import { VNPOST_STATUS, type TrackingEvent } from '../../platform/ports/postal.js';
import { performSystemAction } from '../dossiers/dossiers.service.js';
import * as repo from './postal.repo.js';

export interface TrackReport {
  tracked: number;
  changes: number;
  delivered: number;
  failed: number;
}

export async function trackPostalOrders(ctx: AppContext, limit = 200): Promise<TrackReport> {
  const report: TrackReport = { tracked: 0, changes: 0, delivered: 0, failed: 0 };
  for (const order of await repo.openOrders(ctx.db, limit)) {
    try {
      await trackOne(ctx, order, report);
    } catch (e) {
      report.failed++;
      await repo.touch(ctx.db, order.id, ctx.clock.now(), e instanceof Error ? e.message : String(e));
    }
  }
  return report;
}

async function trackOne(ctx: AppContext, order: repo.PostalOrderRow, report: TrackReport): Promise<void> {
  const t = await ctx.postal.tracking(order.item_code!);
  const now = ctx.clock.now();
  report.tracked++;
  const known = t.Events.filter((e) => VNPOST_STATUS[e.Status]);
  const fresh = await repo.addTracking(ctx.db, known.map((e) => trackingRow(order.id, e, now)));
  report.changes += fresh.length;
  const latest = [...known].sort((a, b) => Date.parse(a.At) - Date.parse(b.At)).at(-1);
  if (!latest) return repo.touch(ctx.db, order.id, now, null);
  const status = VNPOST_STATUS[latest.Status]!.key;
  await repo.setStatus(ctx.db, order.id, status, now, status === 'delivered' ? new Date(latest.At) : null);
  if (status === 'delivered' && order.direction === 'OUTBOUND_RESULT' && !order.return_recorded_at) {
    const r = await performSystemAction(ctx, order.dossier_id, 'return_result', { method: 'post', trackingNumber: order.item_code, recipient: latest.Note }, `Bưu điện xác nhận đã phát ${order.item_code}`);
    await repo.markReturnRecorded(ctx.db, order.id, now, r.performed ? null : r.reason);
    report.delivered++;
  }
}

function trackingRow(orderId: string, e: TrackingEvent, now: Date): repo.TrackingRow {
  return { order_id: orderId, vnpost_status: e.Status, status: VNPOST_STATUS[e.Status]!.key, at: new Date(e.At), place: e.Place ?? null, recorded_at: now };
}
