// Refunds: the fees of a dossier that ended without a result for the applicant (refused, withdrawn, stopped,
// rejected) are paid back — by the gateway's refund API where it has one, else marked for the cashier to pay
// back from the beneficiary account (status stays paid, the message log says "manual"). A refund is asked once
// per payment (its id is the idempotency key); the row turns refunded only on the gateway's yes.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { RefundResult } from '../../platform/ports/payments.js';
import { paymentFactsById } from '../dossiers/dossiers.service.js';
import { paymentErrors } from './payments.errors.js';
import { cashierPayment } from './payment-view.js';
import { requireCashierOf } from './cashier-scope.js';
import { gatewayForPayment } from './account-gateway.js';
import * as repo from './payments.repo.js';

const YEAR_MS = 366 * 86_400_000;

export async function refundEndedDossiers(ctx: AppContext): Promise<{ refunded: number; manual: number }> {
  const paid = (await repo.paidSince(ctx.db, new Date(ctx.clock.now().getTime() - YEAR_MS))).filter((p) => p.gateway === ctx.payments.name);
  let refunded = 0;
  let manual = 0;
  for (const p of paid) {
    const d = await paymentFactsById(ctx.db, p.dossier_id);
    if (!d?.endedWithoutResult) continue;
    const already = (await repo.messagesOf(ctx.db, p.id)).some((m) => m.channel === 'refund' && m.outcome === 'manual');
    if (already) continue;
    const r = await refundOne(ctx, p, `Hồ sơ ${d.code} kết thúc không có kết quả (${d.status})`);
    if (r === 'refunded') refunded++;
    if (r === 'manual') manual++;
  }
  return { refunded, manual };
}

/** The cashier's refund of one payment (only for dossiers that ended without a result). */
export async function refundPayment(ctx: AppContext, p: Principal, id: string, reason: string) {
  const row = await repo.byId(ctx.db, id);
  if (!row) throw paymentErrors.PAYMENT_NOT_FOUND();
  await requireCashierOf(ctx, p, row.agency_id);
  const d = await paymentFactsById(ctx.db, row.dossier_id);
  if (row.status !== 'paid' || !d?.endedWithoutResult) throw paymentErrors.PAYMENT_NOT_REFUNDABLE({ status: row.status });
  await refundOne(ctx, row, reason);
  return cashierPayment((await repo.byId(ctx.db, id))!);
}

async function refundOne(ctx: AppContext, p: repo.PaymentRow, reason: string): Promise<'refunded' | 'manual' | 'failed'> {
  const now = ctx.clock.now();
  const { gateway } = await gatewayForPayment(ctx, p);
  const r: RefundResult = !gateway
    ? { status: 'failed', ref: null, detail: "the secret of the payment's account is not configured" }
    : await gateway.refund(
      { orderId: p.order_ref, refundId: `${p.id}`, amount: p.amount, gatewayTxnId: p.gateway_txn_id, paidAt: p.paid_at ?? p.created_at, reason },
      { idempotencyKey: `refund:${p.id}` },
    ).catch((err: unknown) => ({ status: 'failed' as const, ref: null, detail: String(err) }));
  await ctx.db.transaction().execute(async (trx) => {
    if (r.status === 'refunded') await repo.update(trx, p.id, { status: 'refunded', refunded_at: now, refund_reason: reason });
    await repo.insertMessage(trx, {
      id: randomUUID(), payment_id: p.id, gateway: p.gateway, channel: 'refund', order_ref: p.order_ref, outcome: r.status,
      detail: [reason, r.ref, r.detail].filter(Boolean).join(' · '), params: { amount: p.amount, ref: r.ref }, remote_ip: null, received_at: now,
    });
  });
  return r.status;
}
