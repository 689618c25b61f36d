// The citizen starts paying (from the public tracking page: dossier code + lookup secret): what is owed is
// worked out, the gateway gets the order, the citizen gets the gateway's page. One open attempt per dossier:
// a second click (or a double submit) gets the same attempt back while it can still be paid.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { vnTimestamp } from '../../platform/ports/payment-signing.js';
import { agencyBriefs } from '../org/org.read.js';
import { dossierForPayment, type DossierPaymentFacts } from '../dossiers/dossiers.service.js';
import { accountForAgency, gatewayOfAccount } from './account-gateway.js';
import { owedOf } from './owed.js';
import { citizenPayment, receiptNumberOf } from './payment-view.js';
import { paymentErrors } from './payments.errors.js';
import * as repo from './payments.repo.js';

export interface StartPayment {
  code: string;
  secret: string;
  locale?: 'vi' | 'en';
}

/** GET-like: what the dossier owes and its payments (the tracking page's "Thanh toán" section). */
export async function paymentSummary(ctx: AppContext, code: string, secret: string) {
  const d = await dossierForPayment(ctx, code, secret);
  const payments = await repo.paymentsOfDossier(ctx.db, d.id);
  const owed = d.status === 'awaiting_payment' ? await owedOf(ctx, d) : null;
  return {
    code: d.code,
    awaitingPayment: d.status === 'awaiting_payment',
    owed: owed && { total: owed.total, blocked: owed.blocked, lines: owed.lines.map(({ kind, code: c, name, amount, state, reason, unitAmount, quantity, legalBasis }) => ({ kind, code: c, name, amount, state, reason, unitAmount: unitAmount ?? null, quantity: quantity ?? null, legalBasis: legalBasis ?? null })) },
    payments: payments.map(citizenPayment),
  };
}

export async function startPayment(ctx: AppContext, body: StartPayment, clientIp: string) {
  const d = await dossierForPayment(ctx, body.code, body.secret);
  const now = ctx.clock.now();
  const open = await repo.pendingOfDossier(ctx.db, d.id);
  const account = await accountForAgency(ctx, d.receivingAgencyId);
  if (open && open.gateway === ctx.payments.name && open.account_id === (account?.id ?? null) && open.expires_at > now) return citizenPayment(open);
  await refuseIfNotPayable(ctx, d);
  const owed = await owedOf(ctx, d);
  if (owed.blocked === 'amount_unknown') throw paymentErrors.PAYMENT_AMOUNT_UNKNOWN();
  if (owed.blocked === 'free') throw paymentErrors.PAYMENT_NOTHING_OWED();
  // an attempt that can no longer be paid gives way; a late "paid" for it still settles it (only paid is final)
  if (open) await repo.update(ctx.db, open.id, { status: 'expired', settled_at: now });
  const agency = (await agencyBriefs(ctx.db, [d.receivingAgencyId])).get(d.receivingAgencyId);
  const gateway = gatewayOfAccount(ctx, account);
  if (!gateway) throw paymentErrors.PAYMENT_GATEWAY_UNAVAILABLE();
  const orderRef = orderRefOf(d, now);
  const created = await gateway.createPayment({
    orderId: orderRef, amount: owed.total, description: `Thanh toán phí, lệ phí hồ sơ ${d.code}`,
    returnUrl: `${ctx.config.publicUrl}/api/v1/public/payments/return/${ctx.payments.name}`,
    ipnUrl: `${ctx.config.publicUrl}/api/v1/payments/callback/${ctx.payments.name}`,
    dossierCode: d.code, procedureCode: d.procedureCode, procedureName: d.procedureName, agencyCode: agency?.code, agencyName: agency?.name,
    payerName: d.applicantName, items: owed.items, clientIp, locale: body.locale ?? 'vi',
    beneficiary: account ? { merchantCode: account.merchant_code, accountNo: account.account_no, bankCode: account.bank_code, accountName: account.account_name } : undefined,
  }, { idempotencyKey: orderRef }).catch(() => { throw paymentErrors.PAYMENT_GATEWAY_UNAVAILABLE(); });
  const row = {
    id: randomUUID(), order_ref: orderRef, gateway: ctx.payments.name, dossier_id: d.id, dossier_code: d.code, agency_id: d.receivingAgencyId,
    account_id: account?.id ?? null, amount: owed.total, currency: 'VND', items: owed.receiptItems, status: 'pending' as const, pay_url: created.payUrl, payer_name: d.applicantName,
    created_at: now, expires_at: created.expiresAt,
  };
  try {
    await repo.insertPayment(ctx.db, row);
  } catch (err) {
    // a concurrent click inserted its attempt first (one pending per dossier): answer with that one
    const first = await repo.pendingOfDossier(ctx.db, d.id);
    if (first) return citizenPayment(first);
    throw err;
  }
  return citizenPayment((await repo.byId(ctx.db, row.id))!);
}

async function refuseIfNotPayable(ctx: AppContext, d: DossierPaymentFacts): Promise<void> {
  if (d.status === 'awaiting_payment') return;
  const paid = (await repo.paymentsOfDossier(ctx.db, d.id)).find((p) => p.status === 'paid');
  if (paid) throw paymentErrors.PAYMENT_ALREADY_PAID({ receipt: receiptNumberOf(paid) ?? paid.order_ref });
  throw paymentErrors.PAYMENT_NOT_REQUESTED({ status: d.nationalStatus });
}

/** MaThamChieu / vnp_TxnRef: the dossier code without punctuation + the time (unique per attempt), ≤ 64 chars. */
export function orderRefOf(d: Pick<DossierPaymentFacts, 'code'>, now: Date): string {
  return `${d.code.replace(/[^0-9A-Za-z]/g, '').slice(0, 40)}${vnTimestamp(now)}${randomUUID().slice(0, 4)}`;
}
