// The scheduled status query: payments left pending longer than MOTCUA_PAYMENT_QUERY_AFTER_MINUTES are asked
// about at the gateway, and what it answers is settled like a callback (channel "query"). Then the refund
// sweep: paid fees of dossiers that ended refused, withdrawn or stopped are paid back.
import type { AppContext } from '../../platform/context.js';
import { gatewayForPayment } from './account-gateway.js';
import { settle } from './settle.js';
import { refundEndedDossiers } from './refund.js';
import * as repo from './payments.repo.js';

export interface QueryRunResult {
  asked: number;
  paid: number;
  failed: number;
  stillPending: number;
  errors: number;
  refunded: number;
}

export async function queryPendingPayments(ctx: AppContext): Promise<QueryRunResult> {
  const now = ctx.clock.now();
  const cutoff = new Date(now.getTime() - ctx.config.payments.queryAfterMinutes * 60_000);
  const pending = (await repo.pendingBefore(ctx.db, cutoff)).filter((p) => p.gateway === ctx.payments.name);
  const out: QueryRunResult = { asked: 0, paid: 0, failed: 0, stillPending: 0, errors: 0, refunded: 0 };
  for (const p of pending) {
    out.asked++;
    try {
      const { gateway } = await gatewayForPayment(ctx, p);
      if (!gateway) throw new Error('the secret of the payment account is not configured');
      const state = await gateway.queryPayment(p.order_ref, p.created_at);
      await repo.update(ctx.db, p.id, { last_query_at: now });
      const r = await settle(ctx, 'query', { ...state, amount: String(state.amount), gatewayTxnId: state.gatewayTxnId ?? '' } as Record<string, string>, {
        valid: true, orderId: p.order_ref, status: state.status, amount: state.status === 'pending' || state.status === 'expired' ? p.amount : state.amount,
        currency: state.currency ?? 'VND', gatewayTxnId: state.gatewayTxnId ?? '', at: null,
      }, null);
      if (r.status === 'paid') out.paid++;
      else if (r.status === 'failed' || r.status === 'expired') out.failed++;
      else out.stillPending++;
    } catch {
      out.errors++; // the gateway did not answer: asked again at the next run
    }
  }
  out.refunded = (await refundEndedDossiers(ctx)).refunded;
  return out;
}
