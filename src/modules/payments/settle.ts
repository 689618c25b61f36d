// Three channels, one truth: the gateway's callback (IPN), the citizen's return and the status query all
// end here, with a message the adapter has verified. In one transaction, under the payment row's lock: the
// amount and currency must be what is owed, the gateway's time inside the window, and only the first "paid"
// changes anything — it issues the receipt number and records the payment on the dossier (a system event).
// Paid and refunded are final; a failed or expired attempt still becomes paid when the gateway says so.
// Every message, accepted or refused, leaves a row in payment_messages.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/database.js';
import type { CallbackOutcome, PaymentCallback, VerifiedCallback } from '../../platform/ports/payments.js';
import { onlinePaymentRecorder, paymentFactsById } from '../dossiers/dossiers.service.js';
import { receiptNumberOf } from './payment-view.js';
import * as repo from './payments.repo.js';

export type Channel = 'callback' | 'return' | 'query';
/** What happened: the callback outcomes, plus 'unchanged' (a valid message that changes nothing, e.g. a stale "failed"). */
export type SettleOutcome = CallbackOutcome | 'unchanged';

export interface SettleResult {
  outcome: SettleOutcome;
  orderRef: string | null;
  dossierCode: string | null;
  status: string | null;
}

const VN_YEAR = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).getUTCFullYear();

export async function settle(ctx: AppContext, channel: Channel, params: PaymentCallback, v: VerifiedCallback, remoteIp: string | null): Promise<SettleResult> {
  const gateway = ctx.payments.name;
  const log = (db: Db, outcome: SettleOutcome, detail: string | null, paymentId: string | null, orderRef: string | null) =>
    repo.insertMessage(db, { id: randomUUID(), payment_id: paymentId, gateway, channel, order_ref: orderRef, outcome, detail, params, remote_ip: remoteIp, received_at: ctx.clock.now() });
  if (!v.valid) {
    await log(ctx.db, 'forged', v.reason, null, v.orderId ?? null);
    return { outcome: 'forged', orderRef: v.orderId ?? null, dossierCode: null, status: null };
  }
  const pre = await repo.byRef(ctx.db, gateway, v.orderId);
  // read outside the transaction (PGlite has one connection): the dossier's calendar for the system event
  const facts = pre ? await paymentFactsById(ctx.db, pre.dossier_id) : null;
  const record = pre && facts ? await onlinePaymentRecorder(ctx, facts.receivingAgencyId) : null;
  return ctx.db.transaction().execute(async (trx) => {
    const p = await repo.lockByRef(trx, gateway, v.orderId);
    const done = (outcome: SettleOutcome, detail: string | null = null, status: string | null = p?.status ?? null) =>
      log(trx, outcome, detail, p?.id ?? null, v.orderId).then(() => ({ outcome, orderRef: v.orderId, dossierCode: p?.dossier_code ?? null, status }));
    if (!p || !record) return done('unknown_order', 'no payment with this reference');
    if (v.amount !== p.amount || (v.currency ?? 'VND') !== p.currency) {
      return done('amount_mismatch', `owed ${p.amount} ${p.currency}, message says ${v.amount} ${v.currency ?? 'VND'}`);
    }
    const now = ctx.clock.now();
    const windowMs = ctx.config.payments.callbackWindowMinutes * 60_000;
    if (channel !== 'query' && v.at && Math.abs(now.getTime() - new Date(v.at).getTime()) > windowMs) {
      return done('late', `transaction time ${new Date(v.at).toISOString()} is outside the ${ctx.config.payments.callbackWindowMinutes}-minute window`);
    }
    if (p.status === 'paid' || p.status === 'refunded') return done(v.status === 'paid' ? 'duplicate' : 'unchanged', `already ${p.status}`);
    if (v.status === 'paid') return done('accepted', await markPaid(ctx, trx, p, v, channel, record), 'paid');
    if ((v.status === 'failed' || v.status === 'expired') && p.status === 'pending') {
      await repo.update(trx, p.id, { status: v.status, settled_at: now, settled_by: channel });
      return done('accepted', `marked ${v.status}`, v.status);
    }
    return done('unchanged', `gateway says ${v.status}, payment is ${p.status}`);
  });
}

type Recorder = Awaited<ReturnType<typeof onlinePaymentRecorder>>;

/** The first "paid": receipt number, payment row, dossier event — one transaction. */
async function markPaid(ctx: AppContext, trx: Db, p: repo.PaymentRow, v: Extract<VerifiedCallback, { valid: true }>, channel: Channel, record: Recorder): Promise<string> {
  const now = ctx.clock.now();
  const account = p.account_id ? await repo.accountById(trx, p.account_id) : await repo.activeAccountOf(trx, p.agency_id, p.gateway);
  const series = account?.receipt_series ?? DEFAULT_SERIES;
  const year = VN_YEAR(now);
  const no = await repo.nextReceiptNo(trx, series, year);
  await repo.update(trx, p.id, {
    status: 'paid', paid_at: now, settled_at: now, settled_by: channel, gateway_txn_id: v.gatewayTxnId || null,
    receipt_series: series, receipt_year: year, receipt_no: no,
  });
  const receipt = receiptNumberOf({ receipt_series: series, receipt_year: year, receipt_no: no })!;
  const onDossier = await record(trx, p.dossier_id, { amount: p.amount, receiptNumber: receipt, gateway: p.gateway });
  return onDossier ? `paid, receipt ${receipt}` : `paid, receipt ${receipt}; the dossier no longer waited for a payment`;
}

/** The series of agencies without their own (ký hiệu biên lai: set per account in payment_accounts). */
export const DEFAULT_SERIES = 'BLDT';
