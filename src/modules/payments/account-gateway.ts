// Which merchant a payment goes through: the agency's own payment account for the configured gateway (its
// merchant code, its secret taken from the configuration by the account's reference), else the deployment's
// single configuration (MOTCUA_PAYMENT_MERCHANT / MOTCUA_PAYMENT_SECRET). Every payment keeps the account it was
// made under, and every message about it — callback, return, status query, refund — is handled by an adapter
// instance holding THAT account's secret.
import type { AppContext } from '../../platform/context.js';
import type { PaymentCallback, PaymentGateway } from '../../platform/ports/payments.js';
import * as repo from './payments.repo.js';

/** The account's adapter instance; null when its secret reference is not configured (nothing can be signed). */
export function gatewayOfAccount(ctx: AppContext, account: repo.AccountRow | undefined | null): PaymentGateway | null {
  if (!account) return ctx.payments;
  const p = ctx.config.payments;
  const secret = account.secret_ref ? p.secrets[account.secret_ref] : p.secret;
  if (!secret) return null;
  if (!account.secret_ref && account.merchant_code === p.merchant) return ctx.payments;
  return ctx.payments.forAccount({ merchant: account.merchant_code, secret });
}

/** The agency's active account for the configured gateway (undefined: the deployment's configuration). */
export function accountForAgency(ctx: AppContext, agencyId: string): Promise<repo.AccountRow | undefined> {
  return repo.activeAccountOf(ctx.db, agencyId, ctx.payments.name);
}

/** The adapter for one payment: its own account's (even if the account was disabled since), else the default. */
export async function gatewayForPayment(ctx: AppContext, p: Pick<repo.PaymentRow, 'account_id'>): Promise<{ gateway: PaymentGateway | null; account: repo.AccountRow | null }> {
  const account = p.account_id ? ((await repo.accountById(ctx.db, p.account_id)) ?? null) : null;
  return { gateway: gatewayOfAccount(ctx, account), account };
}

/**
 * The adapter to verify a gateway's message with: the account of the payment the message names (read before
 * verifying: the reference is only a lookup key, the signature decides), else the deployment's.
 */
export async function gatewayForMessage(ctx: AppContext, params: PaymentCallback): Promise<{ gateway: PaymentGateway | null; account: repo.AccountRow | null }> {
  const ref = ctx.payments.orderRefOf(params);
  const payment = ref ? await repo.byRef(ctx.db, ctx.payments.name, ref) : undefined;
  if (!payment) return { gateway: ctx.payments, account: null };
  return gatewayForPayment(ctx, payment);
}
