// The cashier's view: payments of the agencies in scope (all, pending, failed…), one payment with the messages
// the gateway sent about it, and the receipt.
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { agencyBriefs } from '../org/org.read.js';
import { paymentFactsById } from '../dossiers/dossiers.service.js';
import { cashierAgencyIds, requireCashierOf } from './cashier-scope.js';
import { cashierPayment, receiptNumberOf } from './payment-view.js';
import { paymentErrors } from './payments.errors.js';
import { renderReceipt } from './receipt-pdf.js';
import type { PaymentListQuery } from './payments.schema.js';
import * as repo from './payments.repo.js';

export async function listPayments(ctx: AppContext, p: Principal, q: PaymentListQuery) {
  const agencyIds = await cashierAgencyIds(ctx, p);
  const { items, total } = await repo.list(ctx.db, { agencyIds, status: q.status, dossierCode: q.dossierCode, limit: q.limit, offset: q.offset });
  const counts = await Promise.all((['pending', 'paid', 'failed', 'expired', 'refunded'] as const).map(async (s) => [s, (await repo.list(ctx.db, { agencyIds, status: s, limit: 0, offset: 0 })).total] as const));
  return { items: items.map(cashierPayment), total, counts: Object.fromEntries(counts) as Record<(typeof counts)[number][0], number> };
}

export async function getPayment(ctx: AppContext, p: Principal, id: string) {
  const row = await repo.byId(ctx.db, id);
  if (!row) throw paymentErrors.PAYMENT_NOT_FOUND();
  await requireCashierOf(ctx, p, row.agency_id);
  const messages = await repo.messagesOf(ctx.db, id);
  return {
    ...cashierPayment(row),
    messages: messages.map((m) => ({ channel: m.channel, outcome: m.outcome, detail: m.detail, receivedAt: new Date(m.received_at).toISOString(), remoteIp: m.remote_ip })),
  };
}

/** The receipt PDF of a paid (or refunded) payment. */
export async function receiptPdf(ctx: AppContext, row: repo.PaymentRow): Promise<{ pdf: Buffer; fileName: string }> {
  const number = receiptNumberOf(row);
  if (!number || !row.paid_at) throw paymentErrors.PAYMENT_RECEIPT_NOT_ISSUED();
  const [agency, facts] = await Promise.all([agencyBriefs(ctx.db, [row.agency_id]), paymentFactsById(ctx.db, row.dossier_id)]);
  const pdf = await renderReceipt({
    agencyName: agency.get(row.agency_id)?.name ?? '', series: row.receipt_series!, number, payerName: row.payer_name ?? '',
    dossierCode: row.dossier_code, procedure: facts ? `${facts.procedureName} (${facts.procedureCode})` : '',
    items: row.items, total: row.amount, gateway: row.gateway, gatewayTxnId: row.gateway_txn_id, paidAt: new Date(row.paid_at),
    refundedAt: row.refunded_at ? new Date(row.refunded_at) : null,
  });
  return { pdf, fileName: `bien-lai-${number}.pdf` };
}

export async function cashierReceipt(ctx: AppContext, p: Principal, id: string) {
  const row = await repo.byId(ctx.db, id);
  if (!row) throw paymentErrors.PAYMENT_NOT_FOUND();
  await requireCashierOf(ctx, p, row.agency_id);
  return receiptPdf(ctx, row);
}
