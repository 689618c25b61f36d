// The scheduled tracking of postal orders: each open order's tracking is asked and recorded by the same use
// case as the post office's callbacks (record-tracking.ts: each change once, the latest wins, a confirmed
// delivery completes the return step once).
import type { AppContext } from '../../platform/context.js';
import { recordTracking } from './record-tracking.js';
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
      const t = await ctx.postal.tracking(order.item_code!);
      report.tracked++;
      const r = await recordTracking(ctx, order, t.Events);
      report.changes += r.fresh;
      if (r.returned) report.delivered++;
    } catch (e) {
      report.failed++;
      await repo.touch(ctx.db, order.id, ctx.clock.now(), e instanceof Error ? e.message : String(e));
    }
  }
  return report;
}
