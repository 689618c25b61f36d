// How a payment is shown: to the citizen (no internal ids beyond the order reference) and to the cashier.
import type { PaymentRow } from './payments.repo.js';

export function receiptNumberOf(p: Pick<PaymentRow, 'receipt_series' | 'receipt_year' | 'receipt_no'>): string | null {
  if (!p.receipt_series || !p.receipt_no || !p.receipt_year) return null;
  return `${p.receipt_series}-${String(p.receipt_year).slice(-2)}-${String(p.receipt_no).padStart(7, '0')}`;
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function citizenPayment(p: PaymentRow) {
  return {
    orderRef: p.order_ref,
    gateway: p.gateway,
    status: p.status,
    amount: p.amount,
    currency: p.currency,
    items: p.items,
    payUrl: p.status === 'pending' ? p.pay_url : null,
    createdAt: iso(p.created_at)!,
    expiresAt: iso(p.expires_at)!,
    paidAt: iso(p.paid_at),
    refundedAt: iso(p.refunded_at),
    receiptNumber: receiptNumberOf(p),
  };
}

export function cashierPayment(p: PaymentRow) {
  return {
    ...citizenPayment(p),
    id: p.id,
    dossierCode: p.dossier_code,
    payerName: p.payer_name,
    gatewayTxnId: p.gateway_txn_id,
    settledBy: p.settled_by,
    settledAt: iso(p.settled_at),
    refundReason: p.refund_reason,
  };
}
